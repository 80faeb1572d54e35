import { describe, expect, it } from 'vitest';
import { matchSignature, SIGNATURES, type Signature } from './signatures';

/** One real evidence line per signature: what the component prints (or Kubernetes reports). */
const EVIDENCE: Record<string, { source: Signature['source']; text: string }> = {
  'postgres.auth': {
    source: 'log',
    text: 'sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at "pgm-bp1x.pg.rds.aliyuncs.com" (172.16.2.10), port 5432 failed: FATAL:  password authentication failed for user "postgres"',
  },
  'postgres.database': { source: 'log', text: 'psycopg2.OperationalError: connection to server at "pgm-bp1x.pg.rds.aliyuncs.com" (172.16.2.10), port 5432 failed: FATAL:  database "dify_plugin" does not exist' },
  'postgres.privilege': {
    source: 'log',
    text: 'sqlalchemy.exc.ProgrammingError: (psycopg2.errors.InsufficientPrivilege) permission denied to create extension "uuid-ossp" HINT:  Must be superuser to create this extension.',
  },
  'postgres.hba': { source: 'log', text: 'FATAL:  no pg_hba.conf entry for host "172.16.64.12", user "postgres", database "dify", SSL off' },
  'postgres.timeout': {
    source: 'log',
    text: 'sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at "pgm-bp1x.pg.rds.aliyuncs.com" (172.16.2.10), port 5432 failed: Connection timed out. Is the server running on that host and accepting TCP/IP connections?',
  },
  'redis.auth': { source: 'log', text: 'redis.exceptions.AuthenticationError: WRONGPASS invalid username-password pair or user is disabled.' },
  'redis.cluster': {
    source: 'log',
    text: "[ERROR/MainProcess] consumer: Cannot consume from redis://r-bp1x.redis.rds.aliyuncs.com:6379/1: redis.exceptions.ResponseError: CROSSSLOT Keys in request don't hash to the same slot",
  },
  'redis.unreachable': { source: 'log', text: 'redis.exceptions.ConnectionError: Error 110 connecting to r-bp1x.redis.rds.aliyuncs.com:6379. Connection timed out.' },
  'milvus.auth': {
    source: 'log',
    text: 'pymilvus.exceptions.MilvusException: <MilvusException: (code=1800, message=auth check failure, please check username and password are correct)>',
  },
  'milvus.unreachable': {
    source: 'log',
    text: 'pymilvus.exceptions.MilvusException: <MilvusException: (code=2, message=Fail connecting to server on c-x-internal.milvus.aliyuncs.com:19530, illegal connection params or server unavailable)>',
  },
  'migrations.race': { source: 'log', text: 'sqlalchemy.exc.ProgrammingError: (psycopg2.errors.DuplicateTable) relation "dify_setups" already exists' },
  'nas.mount': {
    source: 'log',
    text: 'MountVolume.SetUp failed for volume "ack-dify" : rpc error: code = Internal desc = mount failed: exit status 32, mount.nfs: Connection timed out',
  },
  'image.pull': { source: 'state', text: 'ImagePullBackOff: Back-off pulling image "registry-cn-hangzhou-vpc.ack.aliyuncs.com/acs/dify-api:1.10.1"' },
  oom: { source: 'state', text: 'OOMKilled: exit code 137' },
  'pending.resources': {
    source: 'event',
    text: '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
  },
};

describe('the failure signatures', () => {
  it('every signature has its evidence here, and nothing else', () => {
    expect(Object.keys(EVIDENCE).sort()).toEqual(SIGNATURES.map((s) => s.id).sort());
  });

  it.each(SIGNATURES.map((s) => [s.id, s] as const))('%s: its evidence matches it (and no earlier entry), explained in both languages', (id, s) => {
    const e = EVIDENCE[id];
    expect(e).toBeDefined();
    expect(matchSignature(e?.source ?? 'log', e?.text ?? '')?.id).toBe(id);
    expect(s.explanation['zh-CN']).not.toBe('');
    expect(s.explanation.en).not.toBe('');
  });

  it('an unknown line matches nothing (no guess)', () => {
    expect(matchSignature('log', 'Traceback (most recent call last): KeyError: SECRET_KEY')).toBeUndefined();
    expect(matchSignature('state', 'CrashLoopBackOff: back-off 40s restarting failed container')).toBeUndefined();
  });
});
