import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { RecordedRequest } from '@dify-console/cloud-sim';

/**
 * The local cloud in a process of its own, as the real cloud runs on machines of its own: its
 * work does not share the BFF's thread, so a timing measures the BFF. Controlled through its
 * `/_sim/` admin API.
 */
export interface CloudProcess {
  endpoint: string;
  setLatency(ms: number, accessKeyId: string): Promise<void>;
  requests(filter: { accessKeyId: string; action: string }): Promise<RecordedRequest[]>;
  close(): Promise<void>;
}

/** `portBase` (with the three ports after it) or any free ports when null. */
export async function startCloudProcess(portBase: number | null): Promise<CloudProcess> {
  const cli = join(dirname(fileURLToPath(import.meta.resolve('@dify-console/cloud-sim'))), 'cli.ts');
  const ports =
    portBase === null
      ? ['--port', '0']
      : ['--port', portBase, '--edge-port', portBase + 1, '--edge-tls-port', portBase + 2, '--dns-port', portBase + 3].map(String);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', cli, ...ports], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, SIM_STATE_FILE: '' },
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      const m = /^CLOUD_SIM_ENDPOINT=(.+)$/.exec(line);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`the local cloud exited (${code}) before it listened`)));
  });
  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${endpoint}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  return {
    endpoint,
    setLatency: async (ms, accessKeyId) => void (await admin('PUT', '/_sim/latency', { ms, accessKeyId })),
    requests: async ({ accessKeyId, action }) =>
      ((await admin('GET', `/_sim/requests?accessKeyId=${encodeURIComponent(accessKeyId)}&action=${encodeURIComponent(action)}`)) as { requests: RecordedRequest[] }).requests,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
