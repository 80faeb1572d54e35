import { SimError } from '../../protocol/errors';
import { paginate } from '../paging';
import type { ActionHandler } from '../types';
import { VPC_STORE, type VSwitchRecord } from './model';
import { renderVSwitch } from './render';

/** DescribeVSwitches: `VSwitches.VSwitch[]`; RegionId or VpcId required; PageSize default 10 max 50. */
export const describeVSwitches: ActionHandler = ({ account, params }) => {
  const regionId = params.get('RegionId');
  const vpcId = params.get('VpcId');
  if (regionId === undefined && vpcId === undefined) {
    throw new SimError('MissingParameter', 400, 'Either "RegionId" or "VpcId" must be specified.');
  }
  const zoneId = params.get('ZoneId');
  const ids = params.list('VSwitchId');
  const name = params.get('VSwitchName');
  const isDefault = params.bool('IsDefault');
  const pageNumber = params.int('PageNumber', { default: 1, min: 1 });
  const pageSize = params.int('PageSize', { default: 10, min: 1, max: 50 });
  const source: VSwitchRecord[] =
    regionId !== undefined
      ? [...account.store(regionId, VPC_STORE).vswitches.values()]
      : account.stores(VPC_STORE).flatMap(([, s]) => [...s.vswitches.values()]);
  const all = source.filter(
    (s) =>
      (vpcId === undefined || s.VpcId === vpcId) &&
      (zoneId === undefined || s.ZoneId === zoneId) &&
      (ids === undefined || ids.includes(s.VSwitchId)) &&
      (name === undefined || s.VSwitchName === name) &&
      (isDefault === undefined || s.IsDefault === isDefault),
  );
  const page = paginate(all, pageNumber, pageSize);
  return {
    TotalCount: page.total,
    PageNumber: pageNumber,
    PageSize: pageSize,
    VSwitches: { VSwitch: page.items.map((s) => renderVSwitch(account, s)) },
  };
};
