import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { PROBE_SCRIPT } from './probe-job';
import { parseProbeLog } from './probe-lines';

// The real probe.sh run by sh with stand-ins for getent, psql, nc and wget on PATH (each answers
// what the real tool prints in a scenario), and its output read back by the console's parser.

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'probe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function tool(name: string, body: string) {
  const p = join(dir, name);
  writeFileSync(p, `#!/bin/sh\n${body}\n`);
  chmodSync(p, 0o755);
}
writeFileSync(join(dir, 'probe.sh'), PROBE_SCRIPT);
// getent: known hosts resolve; psql/nc/wget answer from SCENARIO_* variables.
tool('getent', 'case "$2" in *.aliyuncs.com) echo "172.16.0.9      $2" ;; *) exit 2 ;; esac');
tool('psql', `case "$SCENARIO_PG" in
  ok) case "$*" in *pg_roles*) echo "16.4 true" ;; *"datname = 'dify'"*) echo 1 ;; *) echo "" ;; esac ;;
  auth) echo "psql: error: connection to server at \\"$PG_HOST\\" (172.16.0.9), port 5432 failed: FATAL:  password authentication failed for user \\"$PG_USER\\"" >&2; exit 2 ;;
  timeout) echo "psql: error: connection to server at \\"$PG_HOST\\" (172.16.0.9), port 5432 failed: timeout expired" >&2; exit 2 ;;
esac`);
tool('nc', `cat > /dev/null; case "$SCENARIO_REDIS" in
  ok) printf '+OK\\r\\n*-1\\r\\n+OK\\r\\n$2\\r\\nok\\r\\n:1\\r\\n+OK\\r\\n' ;;
  wrongpass) printf -- '-WRONGPASS invalid username-password pair or user is disabled.\\r\\n-NOAUTH Authentication required.\\r\\n' ;;
  cluster) printf -- "+OK\\r\\n-CROSSSLOT Keys in request don't hash to the same slot\\r\\n+OK\\r\\n\\$2\\r\\nok\\r\\n:1\\r\\n+OK\\r\\n" ;;
esac`);
tool('wget', `case "$SCENARIO_MILVUS" in
  ok) echo '{"code":0,"data":["dify_collection"]}' ;;
  auth) echo '{"code":1800,"message":"auth check failure, please check username and password are correct"}' ;;
  refused) echo "wget: can't connect to remote host (172.16.0.9): Connection refused" >&2; exit 1 ;;
esac`);

async function probe(scenario: { pg: string; redis: string; milvus: string; milvusHost?: string }) {
  const { stdout } = await run('sh', [join(dir, 'probe.sh')], {
    env: {
      PATH: `${dir}:${process.env.PATH ?? ''}`,
      PG_HOST: 'pgm-x.pg.rds.aliyuncs.com',
      PG_PORT: '5432',
      PG_USER: 'postgres',
      PGPASSWORD: 'S3cret"pw\\x',
      REDIS_HOST: 'r-x.redis.rds.aliyuncs.com',
      REDIS_PORT: '6379',
      REDIS_PASSWORD: 'R#pw with space',
      MILVUS_HOST: scenario.milvusHost ?? 'c-x-internal.milvus.aliyuncs.com',
      MILVUS_PORT: '19530',
      MILVUS_USER: 'root',
      MILVUS_PASSWORD: 'M#pw',
      SCENARIO_PG: scenario.pg,
      SCENARIO_REDIS: scenario.redis,
      SCENARIO_MILVUS: scenario.milvus,
    },
  });
  return { stdout, lines: parseProbeLog(stdout) };
}

describe('probe.sh', () => {
  it('all good: one parseable line per check, every one ok, no password printed', async () => {
    const { stdout, lines } = await probe({ pg: 'ok', redis: 'ok', milvus: 'ok' });
    expect([...lines.keys()]).toEqual([
      'dns.postgres',
      'dns.redis',
      'dns.milvus',
      'postgres.login',
      'postgres.db.dify',
      'postgres.db.dify_plugin',
      'redis.auth',
      'redis.mode',
      'redis.roundtrip',
      'milvus.login',
    ]);
    expect([...lines.values()].every((l) => l.ok)).toBe(true);
    expect(lines.get('postgres.login')?.detail).toBe('server 16.4, may create databases: true');
    expect(lines.get('postgres.db.dify')?.code).toBe('exists');
    expect(lines.get('postgres.db.dify_plugin')?.code).toBe('creatable');
    for (const secret of ['S3cret', 'R#pw', 'M#pw']) expect(stdout).not.toContain(secret);
  });

  it('classifies the tools’ own failures: auth, WRONGPASS, CROSSSLOT, refused, unresolvable', async () => {
    const a = await probe({ pg: 'auth', redis: 'wrongpass', milvus: 'auth', milvusHost: 'nowhere.example' });
    expect(a.lines.get('postgres.login')).toMatchObject({ ok: false, code: 'auth' });
    expect(a.lines.get('postgres.login')?.detail).toContain('password authentication failed for user "postgres"');
    expect(a.lines.get('postgres.db.dify')?.code).toBe('skipped');
    expect(a.lines.get('redis.auth')).toMatchObject({ ok: false, code: 'wrongpass', detail: 'WRONGPASS invalid username-password pair or user is disabled.' });
    expect(a.lines.get('redis.mode')?.code).toBe('skipped');
    expect(a.lines.get('dns.milvus')).toMatchObject({ ok: false, code: 'nxdomain' });
    expect(a.lines.get('milvus.login')).toMatchObject({ ok: false, code: 'auth' });
    const b = await probe({ pg: 'timeout', redis: 'cluster', milvus: 'refused' });
    expect(b.lines.get('postgres.login')).toMatchObject({ ok: false, code: 'timeout' });
    expect(b.lines.get('redis.auth')?.ok).toBe(true);
    expect(b.lines.get('redis.mode')).toMatchObject({ ok: false, code: 'crossslot' });
    expect(b.lines.get('milvus.login')).toMatchObject({ ok: false, code: 'refused' });
  });

  it('the parser ignores noise and malformed lines', () => {
    const lines = parseProbeLog('psql: warning\n{"check":"dns.redis","ok":true,"code":"ok","detail":"x","ms":3}\n{"check":"Bad Id","ok":true}\n{not json\n');
    expect([...lines.keys()]).toEqual(['dns.redis']);
  });
});
