import type { ActionResult, ProductDef } from '../products/types';

function isStatusResult(r: ActionResult): r is { status: number; body: unknown } {
  return typeof r.status === 'number' && 'body' in r;
}

/** An action's result as the product answers it: status and body. */
export function serialise(
  style: ProductDef['style'],
  requestId: string,
  result: ActionResult,
): { status: number; body: unknown } {
  const [status, payload] = isStatusResult(result) ? [result.status, result.body] : [200, result];
  // RPC bodies lead with RequestId and never carry `Code` (pop-core throws on any unknown Code).
  const body =
    style === 'RPC' ? { RequestId: requestId, ...(payload as Record<string, unknown>) } : payload;
  return { status, body };
}
