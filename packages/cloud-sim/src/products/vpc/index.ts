import { VPC_ACTIONS } from '../catalog';
import { hosts } from '../hosts';
import type { ProductDef } from '../types';
import { describeRegions } from './describe-regions';
import { describeVpcAttribute } from './describe-vpc-attribute';
import { describeVpcs } from './describe-vpcs';
import { describeVSwitches } from './describe-vswitches';
import { describeZones } from './describe-zones';
import { VPC_STORE } from './model';

export const vpc: ProductDef = {
  code: 'Vpc',
  version: '2016-04-28',
  style: 'RPC',
  host: hosts.vpc,
  catalog: VPC_ACTIONS,
  actions: {
    DescribeRegions: describeRegions,
    DescribeZones: describeZones,
    DescribeVpcs: describeVpcs,
    DescribeVSwitches: describeVSwitches,
    DescribeVpcAttribute: describeVpcAttribute,
  },
  seed(account, scenario) {
    for (const v of scenario.vpcs)
      account.store(v.RegionId, VPC_STORE).vpcs.set(v.VpcId, structuredClone(v));
    for (const s of scenario.vswitches)
      account.store(s.RegionId, VPC_STORE).vswitches.set(s.VSwitchId, structuredClone(s));
  },
};
