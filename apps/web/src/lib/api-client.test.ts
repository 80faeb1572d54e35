import { afterEach, describe, expect, it, vi } from 'vitest';
import { listClusters } from '@dify-console/shared/api/resources';
import { ApiError, apiRequest } from './api-client';

afterEach(() => vi.unstubAllGlobals());

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
