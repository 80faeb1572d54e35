import type { ServerResponse } from 'node:http';
import { FAULT_KINDS, type FaultKind, type RequestFilter } from '../controls';
import { parsePairs } from '../protocol/encoding';
import { pairsToRecord } from '../protocol/request';
import { sendJson } from '../gateway/respond';
import type { SimCore } from '../sim-core';
import { BILLING_STORE, DRY_RUN_ANSWERS, DRY_RUN_STORE, type DryRunAnswer } from '../products/computenest/model';
import { findClusterObjects } from './kube';
import { describeEdge } from '../edge/edge';

// The /_sim/ control API: JSON in and out, no signature. Same controls as the programmatic API.

class AdminError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

function json(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  try {
    const v: unknown = JSON.parse(body.toString('utf8'));
    if (typeof v === 'object' && v !== null && !Array.isArray(v))
      return v as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new AdminError(400, 'body must be a JSON object');
}

function optString(o: Record<string, unknown>, k: string): string | undefined {
  const v = o[k];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new AdminError(400, `${k} must be a string`);
  return v;
}

function num(o: Record<string, unknown>, k: string, fallback?: number): number {
  const v = o[k];
  if (v === undefined && fallback !== undefined) return fallback;
  // JSON has no Infinity: accept the string "Infinity" (or null for times) as "until cleared".
  if (v === 'Infinity' || (k === 'times' && v === null)) return Infinity;
  if (typeof v !== 'number' || Number.isNaN(v)) throw new AdminError(400, `${k} must be a number`);
  return v;
}

function filterOf(q: Record<string, string>): RequestFilter {
  const f: RequestFilter = {};
  if (q.accessKeyId) f.accessKeyId = q.accessKeyId;
  if (q.action) f.action = q.action;
  if (q.product) f.product = q.product;
  return f;
}

export async function handleAdmin(
  core: SimCore,
  method: string,
  path: string,
  rawQuery: string,
  body: Buffer,
  res: ServerResponse,
): Promise<void> {
  const route = `${method.toUpperCase()} ${path.replace(/\/+$/, '')}`;
  const q = pairsToRecord(parsePairs(rawQuery));
  try {
    switch (route) {
      case 'GET /_sim/health':
        return sendJson(res, 200, {
          status: 'ok',
          speed: core.clock.speed,
          now: new Date(core.clock.now()).toISOString(),
        });
      case 'POST /_sim/reset':
        core.reset();
        return sendJson(res, 200, { ok: true });
      case 'POST /_sim/accounts': {
        const scenario = optString(json(body), 'scenario') ?? 'default';
        if (scenario !== 'default' && scenario !== 'large')
          throw new AdminError(400, 'scenario must be default or large');
        return sendJson(res, 201, core.createAccount(scenario));
      }
      case 'PUT /_sim/latency': {
        const b = json(body);
        const filter: { accessKeyId?: string; action?: string } = {};
        const id = optString(b, 'accessKeyId');
        const action = optString(b, 'action');
        if (id !== undefined) filter.accessKeyId = id;
        if (action !== undefined) filter.action = action;
        core.latency.set(num(b, 'ms'), filter);
        return sendJson(res, 200, { latency: core.latency.snapshot() });
      }
      case 'POST /_sim/faults': {
        const b = json(body);
        const kind = b.kind;
        if (typeof kind !== 'string' || !FAULT_KINDS.includes(kind as FaultKind)) {
          throw new AdminError(400, `kind must be one of ${FAULT_KINDS.join(', ')}`);
        }
        const spec: { kind: FaultKind; action?: string; accessKeyId?: string; times?: number } = {
          kind: kind as FaultKind,
          times: num(b, 'times', 1),
        };
        const action = optString(b, 'action');
        const id = optString(b, 'accessKeyId');
        if (action !== undefined) spec.action = action;
        if (id !== undefined) spec.accessKeyId = id;
        core.faults.add(spec);
        return sendJson(res, 201, { faults: core.faults.snapshot() });
      }
      case 'DELETE /_sim/faults':
        core.faults.clear();
        return sendJson(res, 200, { faults: [] });
      case 'GET /_sim/requests':
        return sendJson(res, 200, { requests: core.recorder.query(filterOf(q)) });
      case 'DELETE /_sim/requests':
        core.recorder.clear();
        return sendJson(res, 200, { requests: [] });
      case 'PUT /_sim/speed':
        core.clock.setSpeed(num(json(body), 'speed'));
        return sendJson(res, 200, { speed: core.clock.speed });
      case 'POST /_sim/advance': {
        // Jumps simulated time: deployments due meanwhile happen at once.
        core.advance(num(json(body), 'ms'));
        return sendJson(res, 200, { now: new Date(core.clock.now()).toISOString() });
      }
      case 'PUT /_sim/balance': {
        const b = json(body);
        const account = core.registry.byAccessKey(optString(b, 'accessKeyId') ?? '');
        if (!account) throw new AdminError(404, 'no account with that accessKeyId');
        const amount = num(b, 'amount');
        if (!Number.isFinite(amount)) throw new AdminError(400, 'amount must be a finite number');
        account.accountStore(BILLING_STORE).availableAmount = amount;
        core.changed();
        return sendJson(res, 200, { accessKeyId: account.accessKeyId, availableAmount: amount });
      }
      case 'PUT /_sim/dry-run': {
        // How a passing CreateServiceInstance dry run answers for one account: the
        // DryRunOperation error (the default) or HTTP 200 without a ServiceInstanceId.
        const b = json(body);
        const account = core.registry.byAccessKey(optString(b, 'accessKeyId') ?? '');
        if (!account) throw new AdminError(404, 'no account with that accessKeyId');
        const answer = optString(b, 'answer');
        if (!(DRY_RUN_ANSWERS as readonly (string | undefined)[]).includes(answer))
          throw new AdminError(400, `answer must be one of ${DRY_RUN_ANSWERS.join(', ')}`);
        account.accountStore(DRY_RUN_STORE).answer = answer as DryRunAnswer;
        core.changed();
        return sendJson(res, 200, { accessKeyId: account.accessKeyId, answer });
      }
      case 'GET /_sim/kubernetes': {
        // The Kubernetes objects of one cluster of one account.
        core.tick();
        const objects = findClusterObjects(core, q.accessKeyId ?? '', q.clusterId ?? '');
        if (!objects) throw new AdminError(404, 'no such account or cluster');
        return sendJson(res, 200, { clusterId: q.clusterId, objects });
      }
      case 'GET /_sim/edge':
        // Entry addresses: LB addresses, NLB host names, Ingress hosts, edge ports, DNS server.
        core.tick();
        return sendJson(res, 200, describeEdge(core));
      case 'PUT /_sim/throttle': {
        const b = json(body);
        core.throttle.configure({ rps: num(b, 'rps'), burst: num(b, 'burst') });
        return sendJson(res, 200, core.throttle.settings);
      }
      case 'GET /_sim/state': {
        core.tick();
        const accounts = core.registry
          .accounts()
          .filter((a) => q.accessKeyId === undefined || a.accessKeyId === q.accessKeyId)
          .map((a) => a.dump());
        return sendJson(res, 200, {
          now: new Date(core.clock.now()).toISOString(),
          speed: core.clock.speed,
          throttle: core.throttle.settings,
          faults: core.faults.snapshot(),
          latency: core.latency.snapshot(),
          accounts,
        });
      }
      default:
        throw new AdminError(404, `no admin route ${route}`);
    }
  } catch (e) {
    if (e instanceof AdminError) return sendJson(res, e.status, { error: e.message });
    if (e instanceof RangeError) return sendJson(res, 400, { error: e.message });
    throw e;
  }
}
