import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The release the container image is made of (deploy/release.sh, the Containerfile's build step):
 * production dependencies only, the web app beside the BFF, and a process that starts from it,
 * answers its probes, serves the console and writes nothing outside its temporary folder.
 */

const here = dirname(fileURLToPath(import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'dify-console-release-'));
const release = join(work, 'app');

const listing = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: false })
    .map(String)
    .filter((p) => !p.startsWith('node_modules'))
    .map((p) => `${p} ${statSync(join(dir, p)).mtimeMs}`)
    .sort();

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: release,
    env: { PATH: process.env.PATH, HOME: join(work, 'home'), TMPDIR: join(work, 'tmp'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, exited, output: () => output };
}

beforeAll(() => {
  execFileSync('bash', [join(here, 'release.sh'), release], { stdio: 'pipe' });
  execFileSync('mkdir', ['-p', join(work, 'home'), join(work, 'tmp')]);
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the release', () => {
  it('holds production dependencies only, no tests, and the built web app', () => {
    const modules = readdirSync(join(release, 'node_modules'));
    expect(modules).toEqual(expect.arrayContaining(['fastify', 'tsx', '@dify-console']));
    for (const dev of ['vitest', 'typescript', '@types', 'happy-dom', '@playwright', 'eslint']) expect(modules).not.toContain(dev);
    const files = readdirSync(join(release, 'src'), { recursive: true }).map(String);
    expect(files.filter((f) => f.endsWith('.test.ts'))).toEqual([]);
    expect(existsSync(join(release, 'web', 'index.html'))).toBe(true);
  });

  it('starts from the release alone, answers its probes, serves the console, and writes only to its temporary folder', async () => {
    const before = listing(release);
    const p = start({ HOST: '127.0.0.1', PORT: '0', SIM_STATE_FILE: 'off', WEB_DIST_DIR: join(release, 'web'), ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          const m = /Dify console: (http:\/\/127\.0\.0\.1:\d+)/.exec(p.output());
          if (m) {
            clearInterval(timer);
            resolve(m[1]!);
          }
        }, 50);
        void p.exited.then((code) => {
          clearInterval(timer);
          reject(new Error(`exited with ${code}: ${p.output()}`));
        });
      });
      expect((await fetch(`${url}/livez`)).status).toBe(200);
      expect(await (await fetch(`${url}/readyz`)).json()).toEqual({ status: 'ok' });
      const page = await fetch(`${url}/`);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(await page.text()).toMatch(/<div id="root">/);
      p.child.kill('SIGTERM');
      expect(await p.exited).toBe(0);
      expect(listing(release)).toEqual(before);
    } finally {
      p.child.kill('SIGKILL');
    }
  }, 120_000);

  it('refuses to start in production mode without cloud credentials, saying what to set', async () => {
    const p = start({ HOST: '127.0.0.1', PORT: '0', CLOUD_MODE: 'aliyun', ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' });
    expect(await p.exited).toBe(1);
    expect(p.output()).toMatch(/CLOUD_MODE=aliyun, but no Alibaba Cloud credentials were found/);
  }, 60_000);
});
