import { paginate } from '../paging';
import type { ActionHandler } from '../types';
import { VPC_STORE } from './model';
import { renderVpc } from './render';

/** DescribeVpcs: `Vpcs.Vpc[]`, PageSize default 10 max 50; filters VpcId (comma list, ≤ 20), VpcName, IsDefault, ResourceGroupId. */
export const describeVpcs: ActionHandler = ({ account, params }) => {
  const regionId = params.required('RegionId');
  const ids = params.list('VpcId', 20);
  const name = params.get('VpcName');
  const isDefault = params.bool('IsDefault');
  const rg = params.get('ResourceGroupId');
  const pageNumber = params.int('PageNumber', { default: 1, min: 1 });
  const pageSize = params.int('PageSize', { default: 10, min: 1, max: 50 });
  const all = [...account.store(regionId, VPC_STORE).vpcs.values()].filter(
    (v) =>
      (ids === undefined || ids.includes(v.VpcId)) &&
      (name === undefined || v.VpcName === name) &&
      (isDefault === undefined || v.IsDefault === isDefault) &&
      (rg === undefined || v.ResourceGroupId === rg),
  );
  const page = paginate(all, pageNumber, pageSize);
  return {
    TotalCount: page.total,
    PageNumber: pageNumber,
    PageSize: pageSize,
    Vpcs: { Vpc: page.items.map((v) => renderVpc(account, v)) },
  };
};
