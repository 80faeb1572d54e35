import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => ok(port));
    });
  });
}

describe('pnpm sim', () => {
  it('prints the lines to paste and serves until SIGTERM', async () => {
    const port = await freePort();
    const pkg = fileURLToPath(new URL('..', import.meta.url));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli.ts', '--port', String(port), '--speed', '2'],
      { cwd: pkg, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    await new Promise<void>((ok, fail) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.split('\n').length > 7) ok();
      });
      child.once('exit', (code) => fail(new Error(`exited ${code}: ${out}`)));
    });
    const lines = out.split('\n');
    expect(lines.slice(0, 3).join('\n')).toBe(
      `CLOUD_SIM_ENDPOINT=http://127.0.0.1:${port}\nALIBABA_CLOUD_ACCESS_KEY_ID=SandboxDefaultKeyId\nALIBABA_CLOUD_ACCESS_KEY_SECRET=SandboxDefaultKeySecret`,
    );
    // The edge stand-in's ports and the DNS server of the load balancers' host names.
    expect(lines[3]).toMatch(/^CLOUD_SIM_EDGE_PORT=\d+$/);
    expect(lines[4]).toMatch(/^CLOUD_SIM_EDGE_TLS_PORT=\d+$/);
    expect(lines[5]).toMatch(/^CLOUD_SIM_DNS=127\.0\.0\.1:\d+$/);
    // The self-hosted Nacos stand-in.
    expect(lines[6]).toMatch(/^NACOS_ADDR=127\.0\.0\.1:\d+$/);
    const health = (await (await fetch(`http://127.0.0.1:${port}/_sim/health`)).json()) as {
      speed: number;
    };
    expect(health.speed).toBe(2);
    const exited = new Promise<number | null>((ok) => child.once('exit', ok));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
