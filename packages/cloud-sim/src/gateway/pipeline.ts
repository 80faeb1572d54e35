import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { faultError } from '../controls';
import { Params } from '../products/params';
import { authorize } from '../products/ram/authorize';
import { Errors } from '../protocol/errors';
import type { WireRequest } from '../protocol/request';
import type { SimCore } from '../sim-core';
import { authenticate, checkSecurityToken, principalOf } from './auth';
import { resolve, type Resolved } from './dispatch';
import { sendError } from './error-envelope';
import { jsonBody } from './parse';
import { sendText } from './respond';
import { serialise } from './serialize';

/**
 * The cloud's OpenAPI gateway, one stage after the other: dispatch (product and action from the
 * request) → authentication (signature, AccessKey) → the sandbox's controls (throttling, faults,
 * latency) → due work → RAM authorisation → the body → the action's handler (which validates its
 * parameters) → serialisation; any failure → the error envelope. Each call is recorded.
 */
export function createCloudGateway(core: SimCore, hung: Set<Socket>) {
  const hold = (req: IncomingMessage) => {
    hung.add(req.socket);
    req.socket.once('close', () => hung.delete(req.socket));
  };

  return async function handleCloud(
    req: IncomingMessage,
    res: ServerResponse,
    wire: WireRequest,
    requestId: string,
    /** When the request reached the cloud (`performance.now()`): injected latency counts from there. */
    arrivedAt: number = performance.now(),
  ): Promise<void> {
    let resolved: Resolved | undefined;
    let accessKeyId = '';
    /** Once the call is past the controls: waits until its answer is due. */
    let waitOut = async () => {};
    const record = (status: number, code?: string) => {
      if (!resolved) return;
      const params = { ...resolved.params };
      delete params.Signature;
      core.recorder.add({
        at: core.clock.now(),
        product: resolved.product.code,
        action: resolved.action,
        method: wire.method,
        path: wire.path,
        params,
        accessKeyId,
        status,
        ...(code !== undefined ? { code } : {}),
      });
    };
    try {
      // Calls that reach the cloud together are all in (their arrival noted) before it works on
      // any: a cloud works on them in parallel, and this one process must not make the last one's
      // clock start only after the others' work.
      await new Promise<void>((r) => setImmediate(r));
      resolved = resolve(wire, core.products);
      accessKeyId = authenticate(core, wire);
      const principal = principalOf(core, accessKeyId);
      checkSecurityToken(core, principal, wire, resolved.params);
      const { account, caller } = principal;
      const scope = { accessKeyId, action: resolved.action };

      if (!core.throttle.take(scope, core.clock.wallNow())) throw Errors.throttlingUser();
      const fault = core.faults.take(scope);
      if (fault === 'hang') {
        record(0, 'Sandbox.Hang');
        hold(req);
        return;
      }
      if (fault === 'drop') {
        record(0, 'Sandbox.Drop');
        req.socket.destroy();
        return;
      }
      if (fault !== undefined && fault !== 'hang-after') throw faultError(fault);
      // Injected latency is the time from the request's arrival until the answer, the cloud's own
      // work included (reading, signature, handler, serialisation): a cloud works on concurrent
      // calls in parallel, so this one process does the work, then waits out the rest (its calls
      // otherwise queue behind each other's work, as no cloud's do).
      const delay = core.latency.for(scope);
      const answerAt = arrivedAt + delay;
      waitOut = async () => {
        const rest = answerAt - performance.now();
        if (rest > 0) await sleep(rest);
      };

      // Work due by now (tasks, controllers) happens before the cloud answers.
      core.tick();
      const handler = resolved.product.actions[resolved.action];
      if (!handler) throw Errors.notImplemented(resolved.product.code, resolved.action);
      authorize(account, caller, resolved.product, resolved.action, resolved.params);
      const body = jsonBody(resolved, wire);
      const result = await handler({
        account,
        params: new Params(resolved.params),
        pathParams: resolved.pathParams,
        body,
        clock: core.clock,
        ids: core.ids,
        requestId,
        endpoint: core.endpoint,
        kubeApi: core.kubeApi,
        caller,
        method: wire.method,
        changed: () => core.changed(),
      });
      if (fault === 'hang-after') {
        record(0, 'Sandbox.HangAfter');
        hold(req);
        return;
      }
      const out = serialise(resolved.product.style, requestId, result);
      // Answers are plain data: no replacer, which would take JSON.stringify off its fast path.
      const text = JSON.stringify(out.body);
      await waitOut();
      sendText(res, out.status, text, requestId);
      record(out.status);
    } catch (e) {
      await waitOut();
      const err = sendError(res, e, requestId, wire, resolved);
      record(err.status, err.code);
    }
  };
}
