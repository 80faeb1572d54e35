import type { ServerResponse } from 'node:http';
import { errorBody, Errors, SimError } from '../protocol/errors';
import type { WireRequest } from '../protocol/request';
import type { Resolved } from './dispatch';
import { sendJson } from './respond';

/**
 * Any failure as the cloud's error envelope {RequestId, HostId, Code, Message, Recommend}; what is
 * not a SimError is an InternalError (and logged). Returns what was answered.
 */
export function sendError(
  res: ServerResponse,
  e: unknown,
  requestId: string,
  wire: WireRequest,
  resolved: Resolved | undefined,
): SimError {
  const err = e instanceof SimError ? e : Errors.internal();
  if (!(e instanceof SimError)) console.error('[cloud-sim] handler failed', e);
  const regionId = resolved?.params.RegionId ?? resolved?.params.region_id;
  const hostId = resolved ? resolved.product.host(regionId) : (wire.headers.host ?? 'aliyuncs.com');
  sendJson(
    res,
    err.status,
    errorBody(err, requestId, hostId, resolved?.product.code ?? 'Unknown'),
    requestId,
  );
  return err;
}
