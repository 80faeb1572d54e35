import { Suspense, useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppProviders } from '../app/providers';
import { loadDictionary } from '../lib/i18n/use-t';
import { lazyPart } from '../lib/lazy-part';
import { LoadBoundary } from './load-boundary';

/** A field outside the boundary (the wizard's form) and a lazily loaded part inside it. */
function Page({ Part, resetKey, onBack }: { Part: React.ComponentType; resetKey?: string; onBack?: () => void }) {
  const [text, setText] = useState('');
  return (
    <>
      <input aria-label="typed" value={text} onChange={(e) => setText(e.target.value)} />
      <LoadBoundary keepsEntries resetKey={resetKey} onBack={onBack}>
        <Suspense fallback={<span>loading</span>}>
          <Part />
        </Suspense>
      </LoadBoundary>
    </>
  );
}

afterEach(() => vi.restoreAllMocks());

describe('a part that fails to load', () => {
  it('says so in the user’s language, keeps what was typed around it, and loads anew on retry', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let calls = 0;
    const Part = lazyPart(async () => {
      calls += 1;
      if (calls === 1) throw new TypeError('Failed to fetch dynamically imported module: /assets/review-step-abc.js');
      return { default: () => <p>step 2 is here</p> };
    });
    const user = userEvent.setup();
    render(
      <AppProviders initialLocale="zh-CN">
        <Page Part={Part} />
      </AppProviders>,
    );
    await user.type(screen.getByLabelText('typed'), 'my values');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('这部分页面没能加载');
    expect(alert.textContent).toContain('已填写的内容都还在');
    // The module's own words are for the developer's console, not the page.
    expect(alert.textContent).not.toContain('/assets/');
    await user.click(screen.getByRole('button', { name: '重试' }));
    expect(await screen.findByText('step 2 is here')).toBeTruthy();
    expect(calls).toBe(2);
    expect(screen.getByLabelText<HTMLInputElement>('typed').value).toBe('my values');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a part that fails otherwise says what failed and offers only the reload; another page (reset key) clears it', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await loadDictionary('en');
    let broken = true;
    function Broken() {
      if (broken) throw new Error('Cannot read properties of undefined (reading "price")');
      return <p>fine now</p>;
    }
    const { rerender } = render(
      <AppProviders initialLocale="en">
        <Page Part={Broken} resetKey="/a" />
      </AppProviders>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This part of the page failed');
    expect(alert.textContent).toContain('Cannot read properties of undefined (reading "price")');
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Reload the page' })).toBeTruthy();
    broken = false;
    rerender(
      <AppProviders initialLocale="en">
        <Page Part={Broken} resetKey="/b" />
      </AppProviders>,
    );
    expect(await screen.findByText('fine now')).toBeTruthy();
  });

  it('offers the way back to the entries where there is one (the wizard’s step 2)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const Part = lazyPart(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module')));
    const onBack = vi.fn();
    const user = userEvent.setup();
    render(
      <AppProviders initialLocale="zh-CN">
        <Page Part={Part} onBack={onBack} />
      </AppProviders>,
    );
    await screen.findByRole('alert');
    await user.click(screen.getByRole('button', { name: '返回修改参数' }));
    expect(onBack).toHaveBeenCalledTimes(1);
  });
});
