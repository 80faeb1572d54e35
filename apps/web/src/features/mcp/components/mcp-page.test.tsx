import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import { renderApp } from '../../../test/render-app';

afterEach(() => vi.unstubAllGlobals());

describe('MCP page errors', () => {
  it("says what failed in the user's language and keeps Nacos's own words apart, folded, as its answer", async () => {
    renderApp('/mcp', {
      '/mcp/connection': () =>
        Response.json(
          { code: 'Mcp.Nacos403', message: 'Nacos 拒绝了该请求', evidence: 'authorization failed! user: nacos, resource: mcp' },
          { status: 403 },
        ),
    });
    const alert = await screen.findByRole('alert', {}, { timeout: 5000 });
    expect(alert.textContent).toContain('Nacos 拒绝了该请求');
    const answer = alert.querySelector('details[data-testid="cloud-answer"]')!;
    expect(answer.querySelector('summary')?.textContent).toBe('Nacos 的原始答复');
    expect(answer.querySelector('code')?.textContent).toBe('authorization failed! user: nacos, resource: mcp');
    expect(answer.hasAttribute('open')).toBe(false);
  });
});
