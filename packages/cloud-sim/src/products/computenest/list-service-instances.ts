import { Errors } from '../../protocol/errors';
import { decodeToken, tokenPage } from '../paging';
import type { Params } from '../params';
import type { ActionHandler } from '../types';
import { reconcileAccount } from './deploy';
import { apiRegion, COMPUTENEST_STORE, type ServiceInstanceRecord } from './model';
import { renderListItem } from './render';
import { SERVICE_INFO } from './service';
import { tagsOf } from './create-service-instance';

/** `Filter.N.Name` + `Filter.N.Value.M` (1-based). */
export function filtersOf(
  params: Params,
  prefix = 'Filter',
  valueKey = 'Value',
): { name: string; values: string[] }[] {
  const out: { name: string; values: string[] }[] = [];
  for (let n = 1; ; n++) {
    const name = params.get(`${prefix}.${n}.Name`);
    if (name === undefined) break;
    const values: string[] = [];
    for (let m = 1; ; m++) {
      const v = params.get(`${prefix}.${n}.${valueKey}.${m}`);
      if (v === undefined) break;
      values.push(v);
    }
    out.push({ name, values });
  }
  return out;
}

/** `*xx*` fuzzy, else exact. */
function like(value: string, pattern: string): boolean {
  if (pattern.startsWith('*') && pattern.endsWith('*') && pattern.length >= 2)
    return value.includes(pattern.slice(1, -1));
  return value === pattern;
}

const FILTERS: Record<string, (si: ServiceInstanceRecord, values: string[]) => boolean> = {
  Name: (_si, v) => v.some((p) => like(SERVICE_INFO.Name, p)),
  // Fuzzy when one value is given.
  ServiceInstanceName: (si, v) =>
    v.length === 1 ? si.Name.includes(v[0] ?? '') : v.includes(si.Name),
  ServiceInstanceId: (si, v) => v.includes(si.ServiceInstanceId),
  ServiceId: (si, v) => v.includes(si.ServiceId),
  Version: (si, v) => v.includes(si.ServiceVersion),
  Status: (si, v) => v.includes(si.Status),
  DeployType: (_si, v) => v.includes('ros'),
  ServiceType: (_si, v) => v.includes('private'),
};

/**
 * ListServiceInstances: newest first, token paging (MaxResults ≤ 100, default 20). Deleted
 * instances are left out unless a Status filter asks for them (UNCONFIRMED: the real API lets
 * them disappear).
 */
export const listServiceInstances: ActionHandler = ({
  account,
  params,
  clock,
  changed,
  endpoint,
}) => {
  const region = apiRegion(params);
  const now = clock.now();
  if (reconcileAccount(account, now)) changed();
  const max = params.int('MaxResults', { default: 20, min: 1, max: 100 });
  const token = params.get('NextToken');
  const offset = token === undefined ? 0 : decodeToken(token);
  if (offset === undefined)
    throw Errors.invalidParameter('NextToken', 'The specified parameter "NextToken" is not valid.');
  const filters = filtersOf(params);
  for (const f of filters)
    if (!(f.name in FILTERS))
      throw Errors.invalidParameter(
        'Filter',
        `The specified parameter "Filter.Name" is not valid: ${f.name}.`,
      );
  const tags = tagsOf(params);
  const rg = params.get('ResourceGroupId');
  const statusFiltered = filters.some((f) => f.name === 'Status');
  const all = [...account.store(region, COMPUTENEST_STORE).instances.values()]
    .filter(
      (si) =>
        (statusFiltered || si.Status !== 'Deleted') &&
        (rg === undefined || si.ResourceGroupId === rg) &&
        tags.every((t) =>
          si.Tags.some((x) => x.Key === t.Key && (t.Value === '' || x.Value === t.Value)),
        ) &&
        filters.every((f) => f.values.length === 0 || (FILTERS[f.name]?.(si, f.values) ?? true)),
    )
    .sort(
      (a, b) => b.createdAt - a.createdAt || b.ServiceInstanceId.localeCompare(a.ServiceInstanceId),
    );
  const page = tokenPage(all, offset, max);
  return {
    TotalCount: all.length,
    MaxResults: max,
    ...(page.nextToken !== undefined ? { NextToken: page.nextToken } : {}),
    ServiceInstances: page.items.map((si) => renderListItem(si, now, account.accountId, endpoint)),
  };
};
