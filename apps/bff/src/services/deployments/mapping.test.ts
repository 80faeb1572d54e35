import { describe, expect, it } from 'vitest';
import { explainFailure } from './failure';
import { derivePhase, fieldParameters, phaseOfLog, toStatus } from './mapping';

describe('explainFailure', () => {
  const wait = 'Create stack failed: Resource [AckDify] (ALIYUN::CS::ClusterHelmApplication) CREATE_FAILED: WaitUntil timed out after 360s: Deployment dify-system/ack-dify-api $.status.readyReplicas is 0, expected 2. Pod ack-dify-api-1 container api is not ready: ';
  const cases: [string, string, string[]][] = [
    ['Create stack failed: Resource [AckDify] (x) CREATE_FAILED: code: 400, ErrorClusterState: The current state of cluster c97 is failed, which does not allow this operation. The cluster must be running.', 'ClusterNotRunning', ['clusterId']],
    [`${wait}MountVolume.SetUp failed for volume "ack-dify" : mount failed: exit status 32, mount.nfs: Connection timed out (server 1a2b.cn-hangzhou.nas.aliyuncs.com:/ unreachable from node 10.0.0.1)`, 'ClusterInOtherVpc', ['clusterId']],
    [`${wait}sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) connection to server at "pgm-bp1stgpg16r5s6t7u.pg.rds.aliyuncs.com" (192.168.0.5), port 5432 failed: Connection timed out. Is the server running on that host and accepting TCP/IP connections?`, 'ResourceUnreachable', ['postgresInstanceId']],
    [`${wait}redis.exceptions.ConnectionError: Error 110 connecting to r-bp1stgredis70l4m5n6.redis.rds.aliyuncs.com:6379. Connection timed out.`, 'ResourceUnreachable', ['redisInstanceId']],
    [`${wait}pymilvus.exceptions.MilvusException: <MilvusException: (code=2, message=Fail connecting to server on c-3d7c0a9b5e2f1846-internal.milvus.aliyuncs.com:19530, illegal connection params or server unavailable)>`, 'ResourceUnreachable', ['milvusEndpoint']],
    [`${wait}(psycopg2.OperationalError) connection to server at "pgm-x.pg.rds.aliyuncs.com" (172.16.0.5), port 5432 failed: FATAL:  password authentication failed for user "postgres"`, 'PostgresAuthFailed', ['postgresPassword']],
    [`${wait}(psycopg2.errors.InsufficientPrivilege) permission denied to create extension "uuid-ossp" HINT:  Must be superuser to create this extension.`, 'PostgresNotPrivileged', ['postgresAccount']],
    [`${wait}redis.exceptions.AuthenticationError: WRONGPASS invalid username-password pair or user is disabled.`, 'RedisAuthFailed', ['redisPassword']],
    [`${wait}redis.exceptions.AuthenticationError: ERR invalid password`, 'RedisAuthFailed', ['redisPassword']],
    [`${wait}pymilvus.exceptions.MilvusException: <MilvusException: (code=1800, message=auth check failure, please check username and password are correct)> (connecting to c-1-internal.milvus.aliyuncs.com:19530 as user "root")`, 'MilvusAuthFailed', ['milvusPassword']],
    ['Create stack failed: Resource [AckDify] (MODULE::ACS::ComputeNest::FluxOciHelmDeploy) CREATE_FAILED: Error: INSTALLATION FAILED: cannot re-use a name that is still in use (deployments.apps "ack-dify-api" already exists in cluster c900)', 'AlreadyDeployedOnCluster', ['clusterId']],
  ];
  it.each(cases)('%s → %s', (detail, code, fields) => {
    const failure = explainFailure('DeployedFailed', detail, 'en');
    expect(failure).toMatchObject({ code, fields, detail });
  });

  it('names the unreachable host, in both languages', () => {
    const detail = 'dial tcp pgm-x.pg.rds.aliyuncs.com:5432: i/o timeout';
    expect(explainFailure('DeployedFailed', detail, 'en')?.title).toBe('The cluster cannot reach pgm-x.pg.rds.aliyuncs.com:5432: it is probably in another VPC');
    expect(explainFailure('DeployedFailed', detail, 'zh-CN')?.title).toBe('集群无法连接到 pgm-x.pg.rds.aliyuncs.com:5432：它可能位于另一个专有网络');
  });

  it("falls back to a generic title with the cloud's words", () => {
    expect(explainFailure('DeployedFailed', 'Something odd', 'zh-CN')).toMatchObject({ code: 'DeployFailed', title: '部署失败', detail: 'Something odd', fields: [] });
    expect(explainFailure('Deployed', '', 'en')).toBeNull();
  });
});

describe('phase and status', () => {
  it('follows status, progress and the last log line', () => {
    expect(derivePhase('Created', 0)).toBe('ordered');
    expect(derivePhase('Deploying', 5)).toBe('validating');
    expect(derivePhase('Deploying', 5, 'installing')).toBe('installing');
    expect(derivePhase('Deploying', 50)).toBe('installing');
    expect(derivePhase('Deploying', 50, 'validating')).toBe('installing'); // never backwards
    expect(derivePhase('Deploying', 70)).toBe('starting');
    expect(phaseOfLog('Template parameters validated (12 parameters, deploy region cn-hangzhou)')).toBe('validating');
    expect(phaseOfLog('Resource AckDify (x) CREATE_IN_PROGRESS: helm install ack-dify --namespace dify-system')).toBe('installing');
    expect(phaseOfLog('Helm release ack-dify deployed (revision 1); waiting for Deployment dify-system/ack-dify-api $.status.readyReplicas Equals 2')).toBe('starting');
    expect(phaseOfLog('Stack s-1 CREATE_IN_PROGRESS: Stack CREATE started')).toBeUndefined();
    expect(derivePhase('Deployed', 100)).toBe('ready');
    expect(derivePhase('DeployedFailed', 40)).toBe('failed');
    expect(derivePhase('Deleting', 0)).toBe('deleting');
    expect(derivePhase('Deleted', 0)).toBe('deleted');
    expect(toStatus('Starting')).toBe('Deploying');
  });

  it('without the template, maps parameters back by the shape of their names; secrets masked, the rest apart', () => {
    const { parameters, templateParameters } = fieldParameters({
      Parameters: JSON.stringify({ RegionId: 'cn-hangzhou', ExistingVpcId: 'vpc-1', PgPassword: '******', HighAvailability: false, LogLevel: 'INFO', Token: '******' }),
    });
    expect(parameters).toEqual({ vpcId: 'vpc-1', postgresPassword: '******', redisPassword: '******', milvusPassword: '******', highAvailability: false });
    expect(templateParameters).toEqual({ LogLevel: 'INFO', Token: '******' });
  });
});
