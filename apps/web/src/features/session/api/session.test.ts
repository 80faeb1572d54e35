import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiRequest, setCsrfToken } from '../../../lib/api-client';
import { inlineSessionState, sessionKeys, startSession } from './session';

/** A document as the BFF serves the index: the session state in a meta element (or not). */
function indexWith(content: string | null): Document {
  const doc = document.implementation.createHTMLDocument('console');
  if (content !== null) {
    const meta = doc.createElement('meta');
    meta.setAttribute('name', 'dify-console-session');
    meta.setAttribute('content', content);
    doc.head.append(meta);
  }
  return doc;
}

afterEach(() => {
  setCsrfToken(undefined);
  vi.unstubAllGlobals();
});

describe('the session state the index comes with', () => {
  it('is read from the meta element, which is then removed (the token stays in memory only)', () => {
    const doc = indexWith('{"loginRequired":true,"authenticated":false,"csrfToken":"tok-1"}');
    expect(inlineSessionState(doc)).toEqual({ loginRequired: true, authenticated: false, csrfToken: 'tok-1' });
    expect(doc.querySelector('meta[name="dify-console-session"]')).toBeNull();
    expect(inlineSessionState(indexWith('{"loginRequired":false,"authenticated":true}'))).toEqual({ loginRequired: false, authenticated: true });
  });

  it('is ignored when absent or not the shape of the session answer', () => {
    for (const content of [null, '', 'not json', 'null', '[]', '{"loginRequired":"no","authenticated":true}', '{"loginRequired":false}', '{"loginRequired":true,"authenticated":false,"csrfToken":7}', `{"loginRequired":true,"authenticated":false,"csrfToken":"${'x'.repeat(257)}"}`]) {
      expect(inlineSessionState(indexWith(content)), String(content)).toBeUndefined();
    }
  });

  it('spares the first screen the round trip: the state is there at once, and its token goes with the next state-changing call', async () => {
    const fetchMock = vi.fn<typeof fetch>(async () => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetchMock);
    const client = new QueryClient();
    startSession(client, indexWith('{"loginRequired":true,"authenticated":false,"csrfToken":"tok-2"}'), 'zh-CN');
    expect(client.getQueryData(sessionKeys.state())).toEqual({ loginRequired: true, authenticated: false, csrfToken: 'tok-2' });
    const { createSession } = await import('@dify-console/shared/api/session');
    await apiRequest(createSession, { locale: 'zh-CN', body: { token: 'operator-token' } });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect((fetchMock.mock.calls[0]![1]!.headers as Record<string, string>)['X-CSRF-Token']).toBe('tok-2');
  });

  it('is asked of the BFF when the index did not carry it', async () => {
    const fetchMock = vi.fn<typeof fetch>(async () => Response.json({ loginRequired: false, authenticated: true }));
    vi.stubGlobal('fetch', fetchMock);
    const client = new QueryClient();
    startSession(client, indexWith(null), 'zh-CN');
    await vi.waitFor(() => expect(client.getQueryData(sessionKeys.state())).toEqual({ loginRequired: false, authenticated: true }));
    expect(fetchMock.mock.calls[0]![0]).toBe('/api/v1/session');
  });
});
