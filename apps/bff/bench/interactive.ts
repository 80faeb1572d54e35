import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCloudSim } from '@dify-console/cloud-sim';
import { buildApp } from '../src/app';
import { sandboxCloud } from '../src/config/cloud';
import { loadEnv } from '../src/config/env';

/**
 * The first form field's time to interactive of built pages, each served as the console is (a BFF
 * on loopback serving the directory, answering the listings from a local cloud), measured in one
 * headless Chromium by the e2e package's driver (e2e/bench/interactive.ts, which finds the browser
 * as the end-to-end tests do). Returns, per page, the load times in milliseconds of each round: to
 * the first field interactive, and (for the pages named in `whole`) to the whole form shown.
 */

const E2E = resolve(dirname(fileURLToPath(import.meta.url)), '../../../e2e');

export async function timeToInteractive(
  dirs: Record<string, string>,
  opts: { rounds: number; loads: number; portBase: number | null; whole: string[] },
): Promise<{ browser: string; times: Record<string, number[][]>; whole: Record<string, number[][]> }> {
  const sim = await startCloudSim({ port: 0 });
  const apps: Awaited<ReturnType<typeof buildApp>>[] = [];
  try {
    const account = await sim.createAccount('default');
    const pages: Record<string, string> = {};
    for (const [i, [name, dir]] of Object.entries(dirs).entries()) {
      const env = loadEnv({ LOG_LEVEL: 'silent', ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true', WEB_DIST_DIR: dir });
      const app = await buildApp({ env, cloud: sandboxCloud(env, sim.endpoint, account) });
      apps.push(app);
      await app.listen({ port: opts.portBase === null ? 0 : opts.portBase + i, host: '127.0.0.1' });
      const address = app.server.address();
      pages[name] = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
    }
    const out = await new Promise<string>((done, fail) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'bench/interactive.ts', JSON.stringify({ pages, rounds: opts.rounds, loads: opts.loads, whole: opts.whole })], {
        cwd: E2E,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.once('error', fail);
      child.once('exit', (code) => (code === 0 ? done(stdout) : fail(new Error(`the browser driver exited with ${code}`))));
    });
    const last = out.trim().split('\n').at(-1) ?? '{}';
    return JSON.parse(last) as { browser: string; times: Record<string, number[][]>; whole: Record<string, number[][]> };
  } finally {
    for (const app of apps) await app.close();
    await sim.close();
  }
}
