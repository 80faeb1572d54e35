import RPCClient from '@alicloud/pop-core';
import { request as httpsRequest } from 'node:https';
import { parse as parseYaml } from 'yaml';
import type { SimAccountKeys } from './index';

// Typed handles on pop-core 1.8.0 for the tests (its own typings only cover RPCClient).

export interface RoaClient {
  get<T = unknown>(
    path: string,
    query?: Record<string, string | number>,
    headers?: Record<string, string>,
    opts?: object,
  ): Promise<T>;
  post<T = unknown>(
    path: string,
    query?: Record<string, string | number>,
    body?: string,
    headers?: Record<string, string>,
    opts?: object,
  ): Promise<T>;
}

export interface PopError extends Error {
  code: string;
  data?: Record<string, unknown>;
  result?: Record<string, unknown>;
  statusCode?: number;
  entry?: { response?: { statusCode?: number } };
}

export function rpc(
  endpoint: string,
  apiVersion: string,
  keys: Pick<SimAccountKeys, 'accessKeyId' | 'accessKeySecret'> & { securityToken?: string },
  opts: object = {},
): RPCClient {
  return new RPCClient({
    endpoint,
    apiVersion,
    accessKeyId: keys.accessKeyId,
    accessKeySecret: keys.accessKeySecret,
    ...(keys.securityToken !== undefined ? { securityToken: keys.securityToken } : {}),
    opts,
  });
}

export function roa(
  endpoint: string,
  apiVersion: string,
  keys: Pick<SimAccountKeys, 'accessKeyId' | 'accessKeySecret'> & { securityToken?: string },
): RoaClient {
  const Ctor = (RPCClient as unknown as { ROAClient: new (cfg: object) => RoaClient }).ROAClient;
  return new Ctor({
    endpoint,
    apiVersion,
    accessKeyId: keys.accessKeyId,
    accessKeySecret: keys.accessKeySecret,
    ...(keys.securityToken !== undefined ? { securityToken: keys.securityToken } : {}),
  });
}

/** The rejection of a promise (fails the test when it resolves). */
export async function rejectionOf(p: Promise<unknown>): Promise<PopError> {
  try {
    await p;
  } catch (e) {
    return e as PopError;
  }
  throw new Error('expected the call to fail');
}

/** What a kubeconfig holds to reach its API server: the server, its CA, the client certificate. */
export interface KubeTls {
  server: string;
  ca: string;
  cert?: string;
  key?: string;
}

export function kubeTls(kubeconfigYaml: string): Required<KubeTls> {
  const kc = parseYaml(kubeconfigYaml) as {
    clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
    users: { user: { 'client-certificate-data': string; 'client-key-data': string } }[];
  };
  const b = (s: string | undefined) => Buffer.from(s ?? '', 'base64').toString('utf8');
  const cluster = kc.clusters[0]?.cluster;
  const user = kc.users[0]?.user;
  return {
    server: cluster?.server ?? '',
    ca: b(cluster?.['certificate-authority-data']),
    cert: b(user?.['client-certificate-data']),
    key: b(user?.['client-key-data']),
  };
}

/** A raw HTTPS call to an API server (the server verified against the kubeconfig's CA). */
export function kubeFetch(
  tls: KubeTls,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; text: string; json<T = Record<string, unknown>>(): T }> {
  return new Promise((ok, fail) => {
    const req = httpsRequest(
      `${tls.server}${path}`,
      {
        method: init.method ?? 'GET',
        headers: init.headers ?? {},
        ca: tls.ca,
        ...(tls.cert !== undefined && tls.key !== undefined
          ? { cert: tls.cert, key: tls.key }
          : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          ok({ status: res.statusCode ?? 0, text, json: <T>() => JSON.parse(text) as T });
        });
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    req.end(init.body);
  });
}
