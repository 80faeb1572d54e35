import { SimError } from '../../protocol/errors';
import type { ActionHandler } from '../types';
import { VPC_STORE } from './model';
import { renderVpc } from './render';

/** DescribeVpcAttribute: the VPC's fields at the top level. Unknown id → InvalidVpcId.NotFound (Terraform's not-found code). */
export const describeVpcAttribute: ActionHandler = ({ account, params }) => {
  const regionId = params.required('RegionId');
  const vpcId = params.required('VpcId');
  const vpc = account.store(regionId, VPC_STORE).vpcs.get(vpcId);
  if (!vpc)
    throw new SimError('InvalidVpcId.NotFound', 404, `Specified VPC does not exist: ${vpcId}.`);
  return renderVpc(account, vpc);
};
