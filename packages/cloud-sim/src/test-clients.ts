import RPCClient from '@alicloud/pop-core';
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
  keys: Pick<SimAccountKeys, 'accessKeyId' | 'accessKeySecret'>,
  opts: object = {},
): RPCClient {
  return new RPCClient({
    endpoint,
    apiVersion,
    accessKeyId: keys.accessKeyId,
    accessKeySecret: keys.accessKeySecret,
    opts,
  });
}

export function roa(
  endpoint: string,
  apiVersion: string,
  keys: Pick<SimAccountKeys, 'accessKeyId' | 'accessKeySecret'>,
): RoaClient {
  const Ctor = (RPCClient as unknown as { ROAClient: new (cfg: object) => RoaClient }).ROAClient;
  return new Ctor({
    endpoint,
    apiVersion,
    accessKeyId: keys.accessKeyId,
    accessKeySecret: keys.accessKeySecret,
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
