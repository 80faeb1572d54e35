import { KubeError, type KubeObject } from '../store';

// labelSelector and fieldSelector of list calls (Kubernetes `labels.Parse` / `fields.Parse`).

type Req =
  | { key: string; op: 'exists' | 'notexists' }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'eq' | 'neq'; value: string };

function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter((x) => x !== '');
}

function bad(sel: string): KubeError {
  return new KubeError(
    400,
    'BadRequest',
    `unable to parse requirement: found '${sel}', expected: identifier`,
    {},
  );
}

export function parseLabelSelector(sel: string | undefined): Req[] {
  if (!sel) return [];
  return splitTop(sel).map((term) => {
    let m = /^!\s*([\w./-]+)$/.exec(term);
    if (m?.[1]) return { key: m[1], op: 'notexists' };
    m = /^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
    if (m?.[1] && m[2] && m[3] !== undefined)
      return {
        key: m[1],
        op: m[2] as 'in' | 'notin',
        values: m[3]
          .split(',')
          .map((v) => v.trim())
          .filter((v) => v !== ''),
      };
    m = /^([\w./-]+)\s*(==|=|!=)\s*([\w./-]*)$/.exec(term);
    if (m?.[1] && m[2]) return { key: m[1], op: m[2] === '!=' ? 'neq' : 'eq', value: m[3] ?? '' };
    m = /^([\w./-]+)$/.exec(term);
    if (m?.[1]) return { key: m[1], op: 'exists' };
    throw bad(term);
  });
}

export function matchLabels(reqs: Req[], labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const v = l[r.key];
    switch (r.op) {
      case 'exists':
        return v !== undefined;
      case 'notexists':
        return v === undefined;
      case 'in':
        return v !== undefined && r.values.includes(v);
      case 'notin':
        return v === undefined || !r.values.includes(v);
      case 'eq':
        return v === r.value;
      case 'neq':
        return v !== r.value;
    }
    return false;
  });
}

export interface FieldReq {
  path: string;
  neq: boolean;
  value: string;
}

export function parseFieldSelector(sel: string | undefined): FieldReq[] {
  if (!sel) return [];
  return splitTop(sel).map((term) => {
    const m = /^([\w.]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!m?.[1] || !m[2])
      throw new KubeError(
        400,
        'BadRequest',
        `invalid selector: '${sel}'; can't understand '${term}'`,
        {},
      );
    return { path: m[1], neq: m[2] === '!=', value: m[3] ?? '' };
  });
}

function valueAt(o: unknown, path: string): string {
  let cur: unknown = o;
  for (const p of path.split('.')) {
    if (typeof cur !== 'object' || cur === null) return '';
    cur = (cur as Record<string, unknown>)[p];
  }
  if (typeof cur === 'string') return cur;
  if (typeof cur === 'number' || typeof cur === 'boolean') return String(cur);
  return cur === undefined || cur === null ? '' : JSON.stringify(cur);
}

export function matchFields(reqs: FieldReq[], o: KubeObject): boolean {
  return reqs.every((r) => (valueAt(o, r.path) === r.value) !== r.neq);
}
