import { parsePairs } from '../protocol/encoding';
import { Errors } from '../protocol/errors';
import { pairsToRecord, rpcPairs, type WireRequest } from '../protocol/request';
import type { ProductDef, RoaRoute } from '../products/types';

export interface Resolved {
  product: ProductDef;
  action: string;
  params: Record<string, string>;
  pathParams: Record<string, string>;
}

function matchRoute(route: RoaRoute, path: string): Record<string, string> | undefined {
  const want = route.path.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const out: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    const g = got[i] ?? '';
    if (w.startsWith('{') && w.endsWith('}')) {
      if (g === '') return undefined;
      out[w.slice(1, -1)] = decodeURIComponent(g);
    } else if (w !== g) return undefined;
  }
  return out;
}

/**
 * Product dispatch on the request itself: RPC is `/` with Action + Version in the query/form (V1)
 * or in x-acs-action / x-acs-version (V3); ROA is method + path, the product from x-acs-version.
 */
export function resolve(req: WireRequest, products: readonly ProductDef[]): Resolved {
  if (req.path === '/' || req.path === '') {
    const params = pairsToRecord(rpcPairs(req));
    const action = params.Action ?? req.headers['x-acs-action'];
    const version = params.Version ?? req.headers['x-acs-version'];
    if (!action) throw Errors.missingParameter('Action');
    if (!version) throw Errors.missingParameter('Version');
    const product = products.find((p) => p.style === 'RPC' && p.version === version);
    if (!product) throw Errors.invalidVersion();
    if (!product.catalog.includes(action)) throw Errors.actionNotFound();
    return { product, action, params, pathParams: {} };
  }
  const version = req.headers['x-acs-version'];
  const roa = products.filter((p) => p.style === 'ROA');
  const product =
    version !== undefined
      ? roa.find((p) => p.version === version)
      : roa.find((p) => p.routes?.some((r) => matchRoute(r, req.path) !== undefined));
  if (!product) throw version !== undefined ? Errors.invalidVersion() : Errors.actionNotFound();
  for (const route of product.routes ?? []) {
    if (route.method !== req.method) continue;
    const pathParams = matchRoute(route, req.path);
    if (pathParams)
      return {
        product,
        action: route.action,
        params: pairsToRecord(parsePairs(req.rawQuery)),
        pathParams,
      };
  }
  throw Errors.actionNotFound();
}
