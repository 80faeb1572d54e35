import { ECS_ACTIONS } from '../catalog';
import { hosts } from '../hosts';
import type { ProductDef } from '../types';
import { describeRegions } from './describe-regions';
import { describeZones } from './describe-zones';

export const ecs: ProductDef = {
  code: 'Ecs',
  version: '2014-05-26',
  style: 'RPC',
  host: hosts.ecs,
  catalog: ECS_ACTIONS,
  actions: { DescribeRegions: describeRegions, DescribeZones: describeZones },
};
