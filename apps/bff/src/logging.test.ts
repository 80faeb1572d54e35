import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions } from './logging';
import { LogCapture } from './testing/harness';

describe('logging', () => {
  it('redacts NoEcho parameters, credentials and cookies by path', () => {
    const out = new LogCapture();
    const { stream: _s, ...opts } = loggerOptions('info');
    const log = pino(opts, out);
    log.info({
      body: { parameters: { postgresPassword: 'Pg#Secret1', redisPassword: 'Rd#Secret1', milvusPassword: 'Mv#Secret1', instanceName: 'dify-abcd' } },
      req: { headers: { cookie: 'dify_console_session=abc', authorization: 'Bearer t' } },
      creds: { accessKeySecret: 'sk-secret', securityToken: 'sts-token' },
    });
    log.info({ cloud: { Parameters: { PgPass: 'Pg#Cloud1', RedisPwd: 'Rd#Cloud1', MilvusRootPassword: 'Mv#Cloud1' }, RegionId: 'cn-hangzhou' } });
    log.info({ body: { templateParameters: { DrawnSecret: 'Dr#Secret1' }, regionId: 'cn-shanghai' } });
    expect(out.text).toContain('dify-abcd');
    expect(out.text).toContain('cn-hangzhou');
    expect(out.text).toContain('cn-shanghai');
    expect(out.text).not.toContain('Dr#Secret1');
    for (const secret of ['Pg#Secret1', 'Rd#Secret1', 'Mv#Secret1', 'dify_console_session=abc', 'Bearer t', 'sk-secret', 'sts-token', 'Pg#Cloud1', 'Rd#Cloud1', 'Mv#Cloud1']) {
      expect(out.text).not.toContain(secret);
    }
  });

  it("redacts the access entry's TLS input, a TLS Secret's key and a kubeconfig", () => {
    const out = new LogCapture();
    const { stream: _s, ...opts } = loggerOptions('info');
    const log = pino(opts, out);
    log.info({ body: { kind: 'ingress', host: 'dify.example.local', tls: { certificate: 'CERT-PEM-TEXT', privateKey: 'KEY-PEM-TEXT' } } });
    log.info({ req: { body: { tls: { privateKey: 'KEY-PEM-2' } } }, secret: { data: { 'tls.key': 'S0VZ' } }, kubeconfig: 'apiVersion: v1 token: abc' });
    expect(out.text).toContain('dify.example.local');
    for (const secret of ['CERT-PEM-TEXT', 'KEY-PEM-TEXT', 'KEY-PEM-2', 'S0VZ', 'token: abc']) expect(out.text).not.toContain(secret);
  });

  it('scrubs signed URLs and key ids from error messages and stacks', () => {
    const out = new LogCapture();
    const { stream: _s, ...opts } = loggerOptions('info');
    const err = Object.assign(new Error('Bad, URL: https://vpc.aliyuncs.com/?AccessKeyId=TestOnlyAbcdefghij&Signature=xyz%3D'), {
      url: 'https://vpc.aliyuncs.com/?AccessKeyId=TestOnlyAbcdefghij',
    });
    pino(opts, out).error({ err }, 'failed');
    expect(out.text).toContain('Bad');
    expect(out.text).not.toContain('TestOnlyAbcdefghij');
    expect(out.text).not.toContain('xyz');
  });
});
