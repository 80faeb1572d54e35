import { SIM_URL } from '../playwright.config';

/** The local cloud's control API: tests arrange data through it, never by clicking. */
export const sim = {
  async reset(): Promise<void> {
    const res = await fetch(`${SIM_URL}/_sim/reset`, { method: 'POST' });
    if (!res.ok) throw new Error(`sim reset failed: ${res.status}`);
  },
  async requests(filter: { action?: string } = {}): Promise<{ action: string; params: Record<string, string> }[]> {
    const qs = new URLSearchParams(filter as Record<string, string>).toString();
    const res = await fetch(`${SIM_URL}/_sim/requests?${qs}`);
    const body = (await res.json()) as { requests: { action: string; params: Record<string, string> }[] };
    return body.requests;
  },
};
