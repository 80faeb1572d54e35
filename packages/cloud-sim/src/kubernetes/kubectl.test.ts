import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDS } from '../fixtures/default';
import { startCloudSim, type CloudSim, type SimAccountKeys } from '../index';
import { roa } from '../test-clients';

// The official command-line client against the local cloud's kubeconfigs (skipped when kubectl is
// not installed: `apt-get install kubernetes-client`).

const kubectl = (process.env.PATH ?? '')
  .split(delimiter)
  .map((d) => join(d, 'kubectl'))
  .find((p) => {
    try {
      accessSync(p, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });

let sim: CloudSim;
let me: SimAccountKeys;
let dir: string;

beforeAll(async () => {
  sim = await startCloudSim();
  me = await sim.createAccount('default');
  dir = mkdtempSync(join(tmpdir(), 'kubectl-'));
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

async function kubeconfigFile(name: string, query: Record<string, string | number> = {}) {
  const res = await roa(sim.endpoint, '2015-12-15', me).get<{ config: string }>(
    `/k8s/${IDS.ackPro}/user_config`,
    query,
  );
  const file = join(dir, name);
  writeFileSync(file, res.config, { mode: 0o600 });
  return file;
}

function run(
  file: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    execFile(
      kubectl ?? 'kubectl',
      ['--kubeconfig', file, '--request-timeout', '20s', ...args],
      { env: { PATH: process.env.PATH ?? '', HOME: dir, KUBECACHEDIR: join(dir, 'cache') } },
      (err, stdout, stderr) => ok({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe.skipIf(!kubectl)('kubectl with a kubeconfig from DescribeClusterUserKubeconfig', () => {
  it('verifies the server by the cluster CA, authenticates by the client certificate', async () => {
    const file = await kubeconfigFile('ok', { TemporaryDurationMinutes: 60 });
    const ns = await run(file, ['get', 'namespaces', '-o', 'json']);
    expect(ns.stderr).toBe('');
    const names = (JSON.parse(ns.stdout) as { items: { metadata: { name: string } }[] }).items.map(
      (i) => i.metadata.name,
    );
    expect(names).toEqual(expect.arrayContaining(['default', 'kube-system']));
    const svc = await run(file, ['-n', 'kube-system', 'get', 'service', 'kube-dns', '-o', 'name']);
    expect(svc.stdout.trim()).toBe('service/kube-dns');
    const version = await run(file, ['version', '-o', 'json']);
    expect(
      (JSON.parse(version.stdout) as { serverVersion: { gitVersion: string } }).serverVersion
        .gitVersion,
    ).toMatch(/^v1\.\d+\.\d+-aliyun\.1$/);
  });

  it('fails on an expired client certificate (401) and on a server it cannot verify', async () => {
    const file = await kubeconfigFile('short', { TemporaryDurationMinutes: 15 });
    expect((await run(file, ['get', 'namespaces'])).code).toBe(0);
    sim.advance(16 * 60_000);
    const expired = await run(file, ['get', 'namespaces']);
    expect(expired.code).not.toBe(0);
    expect(expired.stderr).toMatch(/Unauthorized|provide credentials/i);
    // A CA that did not sign the server's certificate.
    const fresh = await kubeconfigFile('fresh', { TemporaryDurationMinutes: 60 });
    const other = await roa(sim.endpoint, '2015-12-15', me).get<{ config: string }>(
      `/k8s/${IDS.ackBasic}/user_config`,
    );
    const otherCa = /certificate-authority-data: (\S+)/.exec(other.config)?.[1] ?? '';
    const text = readFileSync(fresh, 'utf8');
    const wrong = join(dir, 'wrong-ca');
    writeFileSync(
      wrong,
      text.replace(/certificate-authority-data: \S+/, `certificate-authority-data: ${otherCa}`),
    );
    const untrusted = await run(wrong, ['get', 'namespaces']);
    expect(untrusted.code).not.toBe(0);
    expect(untrusted.stderr).toMatch(/certificate/i);
  });
});
