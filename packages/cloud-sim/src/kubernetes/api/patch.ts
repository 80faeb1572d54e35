import { KubeError } from '../store';

// The PATCH flavours of the API server: RFC 6902 JSON patch, RFC 7386 merge
// patch, and the Kubernetes strategic merge patch (lists with a merge key merge element-wise).

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function invalid(message: string): KubeError {
  return new KubeError(422, 'Invalid', message, {});
}

function badRequest(message: string): KubeError {
  return new KubeError(400, 'BadRequest', message, {});
}

// --- RFC 6902 ------------------------------------------------------------------------------------

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw invalid(`invalid JSON pointer: ${path}`);
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function getAt(doc: Json, parts: string[]): Json | undefined {
  let cur: Json | undefined = doc;
  for (const p of parts) {
    if (Array.isArray(cur)) cur = cur[Number(p)];
    else if (isObject(cur)) cur = Object.prototype.hasOwnProperty.call(cur, p) ? cur[p] : undefined;
    else return undefined;
  }
  return cur;
}

function parentOf(doc: Json, parts: string[], path: string): [Json, string] {
  const last = parts[parts.length - 1];
  if (last === undefined) throw invalid(`cannot operate on the document root: ${path}`);
  const parent = getAt(doc, parts.slice(0, -1));
  if (parent === undefined || typeof parent !== 'object' || parent === null)
    throw invalid(`doc is missing path: "${path}": missing value`);
  return [parent, last];
}

function addAt(doc: Json, path: string, value: Json): Json {
  const parts = pointer(path);
  if (parts.length === 0) return value;
  const [parent, key] = parentOf(doc, parts, path);
  if (Array.isArray(parent)) {
    const i = key === '-' ? parent.length : Number(key);
    if (!Number.isInteger(i) || i < 0 || i > parent.length)
      throw invalid(`add operation does not apply: doc is missing path: "${path}": missing value`);
    parent.splice(i, 0, value);
  } else (parent as JsonObject)[key] = value;
  return doc;
}

function removeAt(doc: Json, path: string): Json {
  const parts = pointer(path);
  const [parent, key] = parentOf(doc, parts, path);
  if (Array.isArray(parent)) {
    const i = Number(key);
    if (!Number.isInteger(i) || i < 0 || i >= parent.length)
      throw invalid(
        `remove operation does not apply: doc is missing path: "${path}": missing value`,
      );
    parent.splice(i, 1);
  } else {
    if (!Object.prototype.hasOwnProperty.call(parent, key))
      throw invalid(
        `remove operation does not apply: doc is missing path: "${path}": missing value`,
      );
    delete (parent as JsonObject)[key];
  }
  return doc;
}

export function applyJsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops))
    throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let doc = structuredClone(target) as Json;
  for (const raw of ops) {
    if (!isObject(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string')
      throw badRequest('invalid JSON patch operation');
    const { op, path } = raw;
    switch (op) {
      case 'add':
        doc = addAt(doc, path, structuredClone(raw.value ?? null));
        break;
      case 'remove':
        doc = removeAt(doc, path);
        break;
      case 'replace':
        if (getAt(doc, pointer(path)) === undefined)
          throw invalid(
            `replace operation does not apply: doc is missing key: ${path}: missing value`,
          );
        doc = removeAt(doc, path);
        doc = addAt(doc, path, structuredClone(raw.value ?? null));
        break;
      case 'move':
      case 'copy': {
        if (typeof raw.from !== 'string') throw badRequest(`${op} operation needs "from"`);
        const v = getAt(doc, pointer(raw.from));
        if (v === undefined)
          throw invalid(
            `${op} operation does not apply: doc is missing from path: ${raw.from}: missing value`,
          );
        if (op === 'move') doc = removeAt(doc, raw.from);
        doc = addAt(doc, path, structuredClone(v));
        break;
      }
      case 'test': {
        const v = getAt(doc, pointer(path));
        if (JSON.stringify(v) !== JSON.stringify(raw.value ?? null))
          throw invalid(`testing value ${path} failed: test failed`);
        break;
      }
      default:
        throw badRequest(`Unexpected kind: ${op}`);
    }
  }
  return doc;
}

// --- RFC 7386 ------------------------------------------------------------------------------------

export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const out: JsonObject = isObject(target) ? structuredClone<JsonObject>(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = applyMergePatch(out[k], v) as Json;
  }
  return out;
}

// --- Strategic merge -----------------------------------------------------------------------------

/** Merge keys of the lists that merge element-wise, by path (`*` = any list element). */
const MERGE_KEYS: Record<string, string> = {
  'spec.ports': 'port',
  'spec.template.spec.containers': 'name',
  'spec.template.spec.initContainers': 'name',
  'spec.template.spec.volumes': 'name',
  'spec.template.spec.containers.*.env': 'name',
  'spec.template.spec.containers.*.ports': 'containerPort',
  'spec.template.spec.containers.*.volumeMounts': 'mountPath',
  'spec.containers': 'name',
  'spec.volumes': 'name',
  'metadata.ownerReferences': 'uid',
  'status.conditions': 'type',
};
/** Lists of scalars that merge as sets. */
const SET_LISTS = new Set(['metadata.finalizers']);

function smpList(path: string, target: Json[] | undefined, patch: Json[]): Json[] {
  if (SET_LISTS.has(path)) {
    const out = [...(target ?? [])];
    for (const v of patch)
      if (!out.some((x) => JSON.stringify(x) === JSON.stringify(v))) out.push(v);
    return out;
  }
  const key = MERGE_KEYS[path];
  if (key === undefined)
    return structuredClone(patch).filter((e) => !(isObject(e) && e.$patch !== undefined));
  if (patch.some((e) => isObject(e) && e.$patch === 'replace'))
    return patch.filter((e) => !(isObject(e) && e.$patch === 'replace'));
  const out: Json[] = structuredClone(target ?? []);
  for (const el of patch) {
    if (!isObject(el) || el[key] === undefined) {
      throw badRequest(`map: ${JSON.stringify(el)} does not contain declared merge key: ${key}`);
    }
    const i = out.findIndex(
      (o) => isObject(o) && JSON.stringify(o[key]) === JSON.stringify(el[key]),
    );
    if (el.$patch === 'delete') {
      if (i >= 0) out.splice(i, 1);
      continue;
    }
    if (i >= 0) out[i] = smp(`${path}.*`, out[i], el);
    else out.push(smp(`${path}.*`, undefined, el));
  }
  return out;
}

function smp(path: string, target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) {
    if (Array.isArray(patch))
      return smpList(path, Array.isArray(target) ? target : undefined, patch);
    return patch;
  }
  if (patch.$patch === 'replace') {
    const { $patch: _p, ...rest } = patch;
    return rest;
  }
  if (patch.$patch === 'delete') return null;
  const out: JsonObject = isObject(target) ? structuredClone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k === '$patch' || k === '$retainKeys' || k.startsWith('$setElementOrder/')) continue;
    if (k.startsWith('$deleteFromPrimitiveList/')) {
      const field = k.slice('$deleteFromPrimitiveList/'.length);
      const cur = out[field];
      if (Array.isArray(cur) && Array.isArray(v))
        out[field] = cur.filter((x) => !v.some((d) => JSON.stringify(d) === JSON.stringify(x)));
      continue;
    }
    const sub = path === '' ? k : `${path}.${k}`;
    if (v === null) {
      delete out[k];
      continue;
    }
    const merged = smp(sub, out[k], v);
    if (merged === null && isObject(v) && v.$patch === 'delete') delete out[k];
    else out[k] = merged;
  }
  return out;
}

export function applyStrategicMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) throw badRequest('strategic merge patch must be a JSON object');
  return smp('', target as Json, patch);
}
