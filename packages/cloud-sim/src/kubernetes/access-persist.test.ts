import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { afterAll, describe, expect, it } from 'vitest';
import { IDS } from '../fixtures/default';
import { startCloudSim } from '../index';
import { roa } from '../test-clients';

// State file round trip of the access entry (the clusters' CAs and API server addresses, load balancers, add-ons), and the
// edge's HTTPS port serving an Ingress's TLS Secret by SNI.

const dir = mkdtempSync(join(tmpdir(), 'cloud-sim-access-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('access entry persistence and TLS', () => {
  it('kubeconfigs and load balancers survive a restart; the API server and the edge rebind their addresses', async () => {
    // A folder that does not exist yet (the console's .sandbox/ on a fresh clone) is created.
    const stateFile = join(dir, 'not-yet', 'state.json');
    const first = await startCloudSim({ stateFile });
    const { config } = await roa(first.endpoint, '2015-12-15', first.defaultAccount).get<{
      config: string;
    }>(`/k8s/${IDS.ackPro}/user_config`);
    const kc = new k8s.KubeConfig();
    kc.loadFromString(config);
    await kc.makeApiClient(k8s.CoreV1Api).createNamespacedService({
      namespace: 'default',
      body: { metadata: { name: 'kept' }, spec: { type: 'LoadBalancer', ports: [{ port: 80 }] } },
    });
    first.advance(30_000);
    const ip = (
      await kc
        .makeApiClient(k8s.CoreV1Api)
        .readNamespacedService({ name: 'kept', namespace: 'default' })
    ).status?.loadBalancer?.ingress?.[0]?.ip;
    expect(ip).toMatch(/^127\.0\.1\d\d\.\d+$/);
    const { port, kubeApiPort } = first;
    await first.close();
    // It holds the sandbox's keys and passwords: readable by its owner only.
    expect(statSync(stateFile).mode & 0o777).toBe(0o600);

    const second = await startCloudSim({ stateFile, port, kubeApiPort });
    const again = await kc
      .makeApiClient(k8s.CoreV1Api)
      .readNamespacedService({ name: 'kept', namespace: 'default' });
    expect(again.status?.loadBalancer?.ingress?.[0]?.ip).toBe(ip);
    // A LB in front of a non-Dify Service: the address answers, as a backend without endpoints.
    const res = await fetch(`http://${ip}:${second.edgePort}/install`);
    expect(res.status).toBe(503);
    await second.close();
  });

  it('HTTPS on edgeTlsPort with the Ingress Secret (SNI); plain HTTP redirects', async () => {
    const key = join(dir, 'tls.key');
    const crt = join(dir, 'tls.crt');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        crt,
        '-days',
        '1',
        '-subj',
        '/CN=secure.example.local',
      ],
      { stdio: 'ignore' },
    );
    const sim = await startCloudSim();
    try {
      const keys = sim.defaultAccount;
      const cs = roa(sim.endpoint, '2015-12-15', keys);
      const { config } = await cs.get<{ config: string }>(`/k8s/${IDS.ackPro}/user_config`);
      const kc = new k8s.KubeConfig();
      kc.loadFromString(config);
      const core = kc.makeApiClient(k8s.CoreV1Api);
      const net = kc.makeApiClient(k8s.NetworkingV1Api);
      await cs.post(
        `/clusters/${IDS.ackPro}/components/install`,
        {},
        JSON.stringify([
          { name: 'nginx-ingress-controller', config: '{"IngressSlbNetworkType":"intranet"}' },
        ]),
        { 'content-type': 'application/json' },
      );
      sim.advance(120_000);
      const lb = await core.readNamespacedService({
        name: 'nginx-ingress-lb',
        namespace: 'kube-system',
      });
      const hostname = lb.status?.loadBalancer?.ingress?.[0]?.hostname ?? '';
      const entry = (
        sim.edge() as { entries: { hostname?: string; address: string; addressType: string }[] }
      ).entries.find((e) => e.hostname === hostname);
      expect(entry?.addressType).toBe('intranet');
      const address = entry?.address ?? '';
      await core.createNamespacedSecret({
        namespace: 'default',
        body: {
          metadata: { name: 'secure-tls' },
          type: 'kubernetes.io/tls',
          data: {
            'tls.crt': readFileSync(crt).toString('base64'),
            'tls.key': readFileSync(key).toString('base64'),
          },
        },
      });
      await net.createNamespacedIngress({
        namespace: 'default',
        body: {
          metadata: { name: 'secure' },
          spec: {
            ingressClassName: 'nginx',
            tls: [{ hosts: ['secure.example.local'], secretName: 'secure-tls' }],
            rules: [
              {
                host: 'secure.example.local',
                http: {
                  paths: [
                    {
                      path: '/',
                      pathType: 'Prefix',
                      backend: { service: { name: 'ack-dify', port: { number: 80 } } },
                    },
                  ],
                },
              },
            ],
          },
        },
      });
      const redirect = await new Promise<{ status: number; location: string | undefined }>(
        (ok, fail) => {
          const req = httpRequest(
            `http://${address}:${sim.edgePort}/install`,
            { headers: { host: 'secure.example.local' } },
            (res) => {
              res.resume();
              ok({ status: res.statusCode ?? 0, location: res.headers.location });
            },
          );
          req.on('error', fail);
          req.end();
        },
      );
      expect(redirect.status).toBe(308);
      expect(redirect.location).toBe(`https://secure.example.local:${sim.edgeTlsPort}/install`);
      const served = await new Promise<{ status: number; cn: string }>((ok, fail) => {
        const req = request(
          {
            host: address,
            port: sim.edgeTlsPort,
            path: '/install',
            servername: 'secure.example.local',
            headers: { host: 'secure.example.local' },
            rejectUnauthorized: false,
          },
          (res) => {
            const cert = (res.socket as TLSSocket).getPeerCertificate();
            res.resume();
            res.on('end', () => ok({ status: res.statusCode ?? 0, cn: String(cert.subject.CN) }));
          },
        );
        req.on('error', fail);
        req.end();
      });
      expect(served.cn).toBe('secure.example.local');
      // The Ingress lives in `default`, not next to Dify: the backend has no endpoints.
      expect(served.status).toBe(503);
    } finally {
      await sim.close();
    }
  });
});
