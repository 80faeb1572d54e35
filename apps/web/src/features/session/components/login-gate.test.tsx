import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { callsTo, renderApp } from '../../../test/render-app';

describe('the sign-in when the console is bound beyond localhost', () => {
  it('asks for the access token, refuses a wrong one with the message, and opens the console with the right one', async () => {
    let signedIn = false;
    const { user, fetchMock } = renderApp('/', {
      '/api/v1/session': ({ method, body }) => {
        if (method === 'GET') return Response.json({ loginRequired: true, authenticated: signedIn, csrfToken: 'csrf-from-the-bff' });
        if ((body as { token: string }).token !== 'the-operator-token-1') {
          return Response.json({ code: 'InvalidToken', message: '访问令牌不正确' }, { status: 401 });
        }
        signedIn = true;
        return new Response(null, { status: 204 });
      },
    });
    const token = await screen.findByLabelText('访问令牌', {}, { timeout: 10_000 });
    expect(screen.queryByRole('textbox', { name: '服务实例名称' })).toBeNull();

    await user.type(token, 'wrong');
    await user.click(screen.getByRole('button', { name: '登录' }));
    expect(await screen.findByText('访问令牌不正确')).toBeTruthy();

    await user.clear(token);
    await user.type(token, 'the-operator-token-1');
    // The sign-in button; its name may still hold the loading icon's while antd animates it out
    // (the motion never ends in the test DOM).
    await user.click(screen.getByRole('button', { name: /^(loading )?登录$/ }));
    expect(await screen.findByRole('textbox', { name: '服务实例名称' }, { timeout: 10_000 })).toBeTruthy();
    await waitFor(() => expect(callsTo(fetchMock, '/api/v1/session', 'POST')).toHaveLength(2));
    // The token went to the BFF only, in the body of the sign-in.
    expect(JSON.parse(callsTo(fetchMock, '/api/v1/session', 'POST')[1]![1]!.body as string)).toEqual({ token: 'the-operator-token-1' });
    // Each sign-in carried the anti-forgery token the session state gave (a forged page has none).
    for (const [, init] of callsTo(fetchMock, '/api/v1/session', 'POST')) {
      expect((init!.headers as Record<string, string>)['X-CSRF-Token']).toBe('csrf-from-the-bff');
    }
  });
});
