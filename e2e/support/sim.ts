import { SIM_URL } from '../playwright.config';

/** The local cloud's control API: tests arrange data through it, never by clicking. */
export const sim = {
  async reset(): Promise<void> {
    const res = await fetch(`${SIM_URL}/_sim/reset`, { method: 'POST' });
    if (!res.ok) throw new Error(`sim reset failed: ${res.status}`);
  },
  /** The Kubernetes objects of a cluster of the default account, as the local cloud holds them. */
  async clusterObjects(clusterId: string): Promise<{ kind: string; metadata: { name: string; namespace?: string }; spec?: Record<string, unknown> }[]> {
    const res = await fetch(`${SIM_URL}/_sim/kubernetes?accessKeyId=SandboxDefaultKeyId&clusterId=${clusterId}`);
    const body = (await res.json()) as { objects: unknown };
    return body.objects as never;
  },
  /** The local cloud's clock now (it runs SIM_SPEED times fast). */
  async now(): Promise<number> {
    const res = await fetch(`${SIM_URL}/_sim/health`);
    return Date.parse(((await res.json()) as { now: string }).now);
  },
  /** Moves the local cloud's clock forward by `ms` (deployments due meanwhile happen at once). */
  async advance(ms: number): Promise<void> {
    const res = await fetch(`${SIM_URL}/_sim/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms }) });
    if (!res.ok) throw new Error(`sim advance failed: ${res.status}`);
  },
  /** Delays the default account's answers to `action` by `ms` (until the next reset). */
  async latency(ms: number, action: string): Promise<void> {
    const res = await fetch(`${SIM_URL}/_sim/latency`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ms, accessKeyId: 'SandboxDefaultKeyId', action }),
    });
    if (!res.ok) throw new Error(`sim latency failed: ${res.status}`);
  },
  async requests(filter: { action?: string } = {}): Promise<{ action: string; params: Record<string, string> }[]> {
    const qs = new URLSearchParams(filter).toString();
    const res = await fetch(`${SIM_URL}/_sim/requests?${qs}`);
    const body = (await res.json()) as { requests: { action: string; params: Record<string, string> }[] };
    return body.requests;
  },
  /** A service instance as the local cloud records it (its state dump), by ID. */
  async serviceInstance(id: string): Promise<{ ServiceInstanceId: string; ServiceVersion: string; TemplateName: string; Parameters: Record<string, unknown> } | undefined> {
    const res = await fetch(`${SIM_URL}/_sim/state?accessKeyId=SandboxDefaultKeyId`);
    const find = (v: unknown): unknown => {
      if (!v || typeof v !== 'object') return undefined;
      if ((v as { ServiceInstanceId?: unknown }).ServiceInstanceId === id) return v;
      for (const child of Object.values(v)) {
        const hit = find(child);
        if (hit) return hit;
      }
      return undefined;
    };
    return find(await res.json()) as never;
  },
};
