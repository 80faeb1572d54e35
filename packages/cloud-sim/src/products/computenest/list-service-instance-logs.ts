import { Errors } from '../../protocol/errors';
import { decodeToken, tokenPage } from '../paging';
import type { ActionHandler } from '../types';
import { reconcileInstance } from './deploy';
import { apiRegion, cnTime, findInstance } from './model';
import { filtersOf } from './list-service-instances';

const LOG_SOURCES = ['computeNest', 'ros', 'application', 'actionTrail', 'compliancePack'];

/**
 * ListServiceInstanceLogs: `ServiceInstancesLogs[]`. LogSource computeNest (default) is the
 * deployment story (instance status changes and the stack's resource events), ros the stack's
 * events only; the other sources hold nothing in the local cloud. Descending by default.
 */
export const listServiceInstanceLogs: ActionHandler = ({ account, params, clock, changed }) => {
  const region = apiRegion(params);
  const si = findInstance(account, region, params.required('ServiceInstanceId'));
  const now = clock.now();
  if (reconcileInstance(account, si, now)) changed();
  const source = params.get('LogSource') ?? 'computeNest';
  if (!LOG_SOURCES.includes(source))
    throw Errors.invalidParameter(
      'LogSource',
      `The specified parameter "LogSource" is not valid: ${source}.`,
    );
  const order = params.get('SortOrder') ?? 'Descending';
  if (order !== 'Ascending' && order !== 'Descending')
    throw Errors.invalidParameter(
      'SortOrder',
      `The specified parameter "SortOrder" is not valid: ${order}.`,
    );
  const max = params.int('MaxResults', { default: 20, min: 1, max: 100 });
  const token = params.get('NextToken');
  const offset = token === undefined ? 0 : decodeToken(token);
  if (offset === undefined)
    throw Errors.invalidParameter('NextToken', 'The specified parameter "NextToken" is not valid.');
  const filters = filtersOf(params);
  const time = (name: string) => {
    const v = filters.find((f) => f.name === name)?.values[0];
    if (v === undefined) return undefined;
    const t = Date.parse(v);
    if (!Number.isFinite(t))
      throw Errors.invalidParameter(
        'Filter',
        `The specified parameter "Filter.Value" is not valid: ${v}.`,
      );
    return t;
  };
  const start = time('StartTime');
  const end = time('EndTime');
  const names = filters.find((f) => f.name === 'ResourceName')?.values;
  const events = filters.find((f) => f.name === 'EventName')?.values;
  const entries = (
    source === 'computeNest'
      ? si.logs
      : source === 'ros'
        ? si.logs.filter((l) => l.Source === 'ros')
        : []
  )
    .map((l, i) => ({ l, i, ts: si.createdAt + l.at }))
    .filter(
      ({ l, ts }) =>
        (start === undefined || ts >= start) &&
        (end === undefined || ts <= end) &&
        (names === undefined || (l.ResourceName !== undefined && names.includes(l.ResourceName))) &&
        (events === undefined || events.includes(l.Status)),
    )
    .sort((a, b) => (order === 'Ascending' ? a.ts - b.ts || a.i - b.i : b.ts - a.ts || b.i - a.i));
  const page = tokenPage(entries, offset, max);
  return {
    MaxResults: max,
    ...(page.nextToken !== undefined ? { NextToken: page.nextToken } : {}),
    ServiceInstancesLogs: page.items.map(({ l, ts }) => ({
      Timestamp: cnTime(ts),
      Content: l.Content,
      LogType: l.LogType,
      Source: l.Source,
      Status: l.Status,
      ResourceId: l.ResourceId ?? '',
      ResourceType: l.ResourceType ?? '',
    })),
  };
};
