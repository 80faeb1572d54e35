import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { buildBundle, secretVariable, type ExportInput } from './bundle';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML, read field by field
type Doc = Record<string, any>;

const SECRET = `Dify#P"a\\ss'w$(id)\tq`;
const input = (over: Partial<ExportInput> = {}): ExportInput => ({
  apiRegionId: 'cn-hangzhou',
  serviceId: 'service-c8afb895dd314f70a020',
  serviceVersion: '7',
  templateName: '高可用版-已有资源',
  name: 'dify-abcd',
  parameters: { RegionId: 'cn-hangzhou', VpcId: 'vpc-1', PgPassword: SECRET, RedisAuth: SECRET, HPAOption: true, Replicas: 2 },
  noEcho: ['PgPassword', 'RedisAuth'],
  clientToken: 'export-token-1',
  tags: [{ key: 'env', value: "it's staging" }],
  resourceGroupId: 'rg-acfm123',
  access: { kind: 'ingress', host: 'dify.example.com', tls: true },
  ...over,
});
const file = (files: { name: string; content: string }[], name: string) => {
  const f = files.find((x) => x.name === name);
  if (!f) throw new Error(`no ${name} in ${files.map((x) => x.name).join(', ')}`);
  return f.content;
};

describe('the export bundle', () => {
  it('never holds a secret, in any file', () => {
    const files = buildBundle(input());
    expect(files.map((f) => f.name)).toEqual([
      'README.md',
      'deploy.sh',
      'terraform/main.tf',
      'terraform/variables.tf',
      'ros/template.yaml',
      'kubernetes/tls-secret.yaml',
      'kubernetes/access-ingress.yaml',
    ]);
    for (const f of files) expect(f.content, f.name).not.toContain('Dify#P');
  });

  it('names a variable for every NoEcho parameter', () => {
    expect(secretVariable('PostgresSQLPassword')).toBe('POSTGRES_SQL_PASSWORD');
    expect(secretVariable('RedisInstancePassword')).toBe('REDIS_INSTANCE_PASSWORD');
    expect(secretVariable('milvus.password')).toBe('MILVUS_PASSWORD');
  });

  it('the CLI script sends exactly the parameters, secrets read from the environment, and stops when one is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'export-cli-'));
    const script = join(dir, 'deploy.sh');
    writeFileSync(script, file(buildBundle(input()), 'deploy.sh'));
    // A stand-in for the aliyun CLI that records its arguments.
    const fake = join(dir, 'aliyun');
    writeFileSync(fake, `#!/usr/bin/env bash\nprintf '%s\\n' "$@" > "${join(dir, 'args')}"\n`);
    chmodSync(fake, 0o755);
    const env = { PATH: `${dir}:${process.env.PATH}`, PG_PASSWORD: SECRET, REDIS_AUTH: 'R3dis!pass' };
    execFileSync('bash', [script], { env });
    const args = readFileSync(join(dir, 'args'), 'utf8').split('\n');
    const arg = (name: string) => args[args.indexOf(name) + 1];
    expect(args.slice(0, 2)).toEqual(['computenest', 'CreateServiceInstance']);
    expect(JSON.parse(arg('--Parameters')!)).toEqual({ ...input().parameters, RedisAuth: 'R3dis!pass' });
    expect(arg('--ServiceVersion')).toBe('7');
    expect(arg('--TemplateName')).toBe('高可用版-已有资源');
    expect(arg('--ClientToken')).toBe('export-token-1');
    expect(arg('--Tag.1.Value')).toBe("it's staging");
    expect(arg('--ResourceGroupId')).toBe('rg-acfm123');
    execFileSync('bash', [script], { env: { ...env, CLIENT_TOKEN: 'another' } });
    expect(readFileSync(join(dir, 'args'), 'utf8')).toContain('another');
    expect(() => execFileSync('bash', [script], { env: { PATH: env.PATH, PG_PASSWORD: 'x' }, stdio: 'pipe' })).toThrow(
      /set REDIS_AUTH to the value of RedisAuth/,
    );
  });

  it('Terraform and ROS carry the same parameters, secrets as sensitive variables and NoEcho parameters', () => {
    const files = buildBundle(input());
    const main = file(files, 'terraform/main.tf');
    expect(main).toContain('resource "alicloud_compute_nest_service_instance" "dify"');
    expect(main).toContain('"PgPassword" = var.pg_password');
    expect(main).toContain('"HPAOption" = true');
    expect(main).toContain('service_version       = "7"');
    expect(file(files, 'terraform/variables.tf')).toMatch(/variable "redis_auth" \{[^}]*sensitive\s+= true/);
    const ros = parse(file(files, 'ros/template.yaml')) as Doc;
    expect(ros.Parameters.PgPassword).toMatchObject({ Type: 'String', NoEcho: true });
    const props = ros.Resources.ServiceInstance.Properties;
    expect(ros.Resources.ServiceInstance.Type).toBe('ALIYUN::ComputeNest::ServiceInstance');
    expect(props.Service).toEqual({ ServiceId: 'service-c8afb895dd314f70a020', Version: '7' });
    expect(props.Parameters).toEqual({ ...input().parameters, PgPassword: { Ref: 'PgPassword' }, RedisAuth: { Ref: 'RedisAuth' } });
    expect(props.Tags).toEqual([{ Key: 'env', Value: "it's staging" }]);
  });

  it('the access entry as manifests: the Dify-aware Ingress with a TLS Secret placeholder, or the load balancer Service', () => {
    const ingress = parse(file(buildBundle(input()), 'kubernetes/access-ingress.yaml')) as Doc;
    expect(ingress.metadata).toMatchObject({ name: 'ack-dify-nginx', namespace: 'dify-system' });
    expect(ingress.metadata.annotations['nginx.ingress.kubernetes.io/proxy-body-size']).toBe('100m');
    expect(ingress.metadata.annotations['nginx.ingress.kubernetes.io/proxy-buffering']).toBe('off');
    expect(ingress.spec.rules[0].host).toBe('dify.example.com');
    expect(ingress.spec.tls).toEqual([{ hosts: ['dify.example.com'], secretName: 'ack-dify-tls' }]);
    const secret = parseAllDocuments(file(buildBundle(input()), 'kubernetes/tls-secret.yaml'))[0]!.toJS() as Doc;
    expect(secret.stringData['tls.key']).toMatch(/^REPLACE/);

    const plain = buildBundle(input({ access: { kind: 'ingress', host: 'dify.example.com', tls: false } }));
    expect(plain.map((f) => f.name)).not.toContain('kubernetes/tls-secret.yaml');
    expect((parse(file(plain, 'kubernetes/access-ingress.yaml')) as Doc).spec.tls).toBeUndefined();

    const lb = buildBundle(input({ access: { kind: 'loadBalancer', addressType: 'intranet' } }));
    const svc = parse(file(lb, 'kubernetes/access-service.yaml')) as Doc;
    expect(svc).toMatchObject({ kind: 'Service', metadata: { name: 'ack-dify', namespace: 'dify-system' }, spec: { type: 'LoadBalancer' } });
    expect(svc.metadata.annotations['service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type']).toBe('intranet');

    const none = buildBundle(input({ access: { kind: 'none' } }));
    expect(none.some((f) => f.name.startsWith('kubernetes/'))).toBe(false);
    expect(file(none, 'README.md')).toMatch(/no access entry yet/);
  });

  it('says in its README that the resource group belongs to the exporting account; none without one', () => {
    const readme = file(buildBundle(input()), 'README.md');
    expect(readme).toContain('resource group `rg-acfm123`');
    expect(readme).toContain("`env=it's staging`");
    const plain = file(buildBundle(input({ resourceGroupId: undefined, tags: [] })), 'README.md');
    expect(plain).not.toContain('## Resource group and tags');
  });
});
