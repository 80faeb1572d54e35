import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDeployment } from '@dify-console/shared/api/deployments';
import { listClusters } from '@dify-console/shared/api/resources';
import { ApiError, apiRequest, setCsrfToken } from './api-client';

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(undefined);
});

describe('apiRequest', () => {
  it('builds the URL, sends the UI language and parses the answer', async () => {
    const fetchMock = vi.fn(async () => Response.json({ items: [], fetchedAt: '2025-01-01T00:00:00Z' }));
    vi.stubGlobal('fetch', fetchMock);
    const data = await apiRequest(listClusters, {
      params: { regionId: 'cn-hangzhou' },
      query: { vpcId: 'vpc-a', refresh: true },
      locale: 'en',
    });
    expect(data.items).toEqual([]);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/regions/cn-hangzhou/clusters?vpcId=vpc-a&refresh=true');
    expect((init.headers as Record<string, string>)['Accept-Language']).toBe('en');
  });

  it('sends the anti-forgery token the session gave on state-changing calls only', async () => {
    const fetchMock = vi.fn(async (_url: string, init: RequestInit) =>
      init.method === 'GET' ? Response.json({ items: [], fetchedAt: '2025-01-01T00:00:00Z' }) : Response.json({ instanceId: 'si-1' }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const header = (i: number) => (fetchMock.mock.calls[i]![1].headers as Record<string, string>)['X-CSRF-Token'];
    const order = () => apiRequest(createDeployment, { body: {} as never, locale: 'en' });

    await order();
    expect(header(0)).toBeUndefined(); // on loopback the BFF hands out none
    setCsrfToken('tok-123');
    await order();
    await apiRequest(listClusters, { params: { regionId: 'cn-hangzhou' }, locale: 'en' });
    expect(header(1)).toBe('tok-123');
    expect(header(2)).toBeUndefined();
  });

  it('turns a Problem envelope into an ApiError', async () => {
    vi.stubGlobal('fetch', async () =>
      Response.json(
        { code: 'Cloud.Throttling', message: '请求过于频繁', requestId: 'req-1', issues: [{ path: ['a'], message: 'x' }] },
        { status: 503 },
      ),
    );
    const error = await apiRequest(listClusters, { params: { regionId: 'cn-hangzhou' }, locale: 'zh-CN' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'Cloud.Throttling', message: '请求过于频繁', requestId: 'req-1', status: 503 });
    expect((error as ApiError).issues).toHaveLength(1);
  });
});
