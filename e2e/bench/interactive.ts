/// <reference lib="dom" />
// The first form field's time to interactive, for `pnpm bench` (apps/bff/bench): several pages
// already served on loopback, loaded in turn in one headless Chromium. Not a test.
//   tsx bench/interactive.ts '{"pages":{"console":"http://127.0.0.1:…/"},"rounds":3,"loads":5}'
// prints one JSON line: for each page, one list of milliseconds per round.
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../support/browser';

interface Input {
  pages: Record<string, string>;
  rounds: number;
  loads: number;
}

/**
 * The first text field of a form: visible, enabled and writable. It counts as interactive at the
 * first task the main thread runs after it appeared (a key pressed then would be handled then),
 * in milliseconds since the navigation started.
 */
const FIELD = 'form input:is([type=text], :not([type])):not([readonly]):not([disabled])';

/** As source text: a function would be serialised with the helpers tsx wraps named functions in. */
const WATCH_FIRST_FIELD = `(() => {
  const ready = () => {
    const el = document.querySelector(${JSON.stringify(FIELD)});
    return Boolean(el && el.getClientRects().length > 0);
  };
  const observer = new MutationObserver(() => {
    if (!ready()) return;
    observer.disconnect();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { window.__interactive = performance.now(); };
    channel.port2.postMessage(0);
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();`;

async function load(page: Page, url: string): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page
    .waitForFunction(() => (window as unknown as { __interactive?: number }).__interactive, undefined, { timeout: 60_000, polling: 50 })
    .catch(async (error: unknown) => {
      const fields = await page.evaluate(() => [...document.querySelectorAll('input')].map((i) => i.outerHTML.slice(0, 200)));
      throw new Error(`${url}: no form field became interactive; the inputs: ${fields.join('\n') || 'none'}`, { cause: error });
    });
  return (await handle.jsonValue()) as number;
}

/** The field takes input (checked once per page, outside the timings). */
async function takesInput(page: Page, name: string): Promise<void> {
  const field = page.locator(FIELD).first();
  const before = await field.inputValue();
  await field.press('End');
  await field.pressSequentially('x');
  const after = await field.inputValue();
  if (after !== `${before}x`) throw new Error(`${name}: the first field did not take input (${JSON.stringify(before)} → ${JSON.stringify(after)})`);
}

const input = JSON.parse(process.argv[2] ?? '{}') as Input;
const found = await findChromium();
const browser = await chromium.launch({ executablePath: found.executablePath, args: CHROMIUM_ARGS });
try {
  const names = Object.keys(input.pages);
  const open = async () => {
    // A fresh context per load: nothing cached, as for a first visit.
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await page.addInitScript({ content: WATCH_FIRST_FIELD });
    return { context, page };
  };
  // One load of each first (warms the servers and the browser), with the input check.
  for (const name of names) {
    const { context, page } = await open();
    await load(page, input.pages[name]!);
    await takesInput(page, name);
    await context.close();
  }
  const out: Record<string, number[][]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < input.rounds; round += 1) {
    const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
    // Interleaved, so a slow moment of the machine falls on every page alike.
    for (let i = 0; i < input.loads; i += 1) {
      for (const name of names) {
        const { context, page } = await open();
        times[name]!.push(await load(page, input.pages[name]!));
        await context.close();
      }
    }
    for (const name of names) out[name]!.push(times[name]!);
  }
  console.log(JSON.stringify({ browser: found.source, times: out }));
} finally {
  await browser.close();
}
