import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base } from '@playwright/test';
import { BFF_ENV, SPEC_BFF_PORT } from '../playwright.config';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface SpecBff {
  url: string;
  stop(): Promise<void>;
}

/**
 * A BFF of the spec's own, started like the shared one (same local cloud, same account) with
 * `env` on top, e.g. `COMPUTE_NEST_SERVICE_VERSION`. Resolves once it answers its health check.
 */
export async function startBff(env: Record<string, string>, port = SPEC_BFF_PORT): Promise<SpecBff> {
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn('pnpm', ['--filter', '@dify-console/bff', 'start'], {
    cwd: REPO,
    env: { ...process.env, ...BFF_ENV, ...env, PORT: String(port) },
    // Its own process group: stopping it stops pnpm, tsx and the server together.
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<number | null>((done) => child.once('exit', done));
  const stop = async () => {
    if (child.exitCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      await exited;
    }
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the spec's BFF exited (${child.exitCode}): ${stderr}`);
    const ok = await fetch(`${url}/api/v1/health`).then((r) => r.ok, () => false);
    if (ok) return { url, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the spec's BFF did not answer on ${url} within 60 s: ${stderr}`);
    }
    // Readiness polling of a starting process, not a wait in a test.
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Tests whose pages talk to a BFF started with `env` (one per worker), e.g.
 * `bffWith({ COMPUTE_NEST_SERVICE_VERSION: '7' })`.
 */
export function bffWith(env: Record<string, string>) {
  return base.extend<object, { specBff: SpecBff }>({
    specBff: [
      // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
      async ({}, use) => {
        const bff = await startBff(env);
        await use(bff);
        await bff.stop();
      },
      { scope: 'worker', timeout: 90_000 },
    ],
    baseURL: async ({ specBff }, use) => use(specBff.url),
  });
}
