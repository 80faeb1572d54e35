/// <reference lib="dom" />
// The first form field's time to interactive, for `pnpm bench` (apps/bff/bench): several pages
// already served on loopback, loaded in turn in one headless Chromium. Not a test.
//   tsx bench/interactive.ts '{"pages":{"console":"http://127.0.0.1:…/"},"rounds":3,"loads":5}'
// prints one JSON line: for each page, one list of milliseconds per round (the first field
// interactive), and the same for the whole form shown (its primary button: the last thing it draws).
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../support/browser';

interface Input {
  pages: Record<string, string>;
  /** The pages whose whole form is timed too (those with a primary button). */
  whole: string[];
  rounds: number;
  loads: number;
}

/**
 * The first text field of a form: visible, enabled and writable. It counts as interactive at the
 * first task the main thread runs after it appeared (a key pressed then would be handled then),
 * in milliseconds since the navigation started.
 */
const FIELD = 'form input:is([type=text], :not([type])):not([readonly]):not([disabled])';

/** The form's primary button (the console's "next", the reference page's submit): the whole form is shown. */
const WHOLE = 'form button.ant-btn-primary';

/** As source text: a function would be serialised with the helpers tsx wraps named functions in. */
const WATCH_FIRST_FIELD = `(() => {
  const shown = (selector) => {
    const el = document.querySelector(selector);
    return Boolean(el && el.getClientRects().length > 0);
  };
  const at = (key) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { window[key] = performance.now(); };
    channel.port2.postMessage(0);
  };
  let field = false;
  const observer = new MutationObserver(() => {
    if (!field && shown(${JSON.stringify(FIELD)})) {
      field = true;
      at('__interactive');
    }
    if (field && shown(${JSON.stringify(WHOLE)})) {
      observer.disconnect();
      at('__whole');
    }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})();`;

async function load(page: Page, url: string, timeWhole: boolean): Promise<{ interactive: number; whole: number }> {
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page
    .waitForFunction(
      (wantWhole) => {
        const w = window as unknown as { __interactive?: number; __whole?: number };
        if (!w.__interactive || (wantWhole && !w.__whole)) return undefined;
        return { interactive: w.__interactive, whole: w.__whole ?? NaN };
      },
      timeWhole,
      { timeout: 60_000, polling: 50 },
    )
    .catch(async (error: unknown) => {
      const fields = await page.evaluate(() => [...document.querySelectorAll('input')].map((i) => i.outerHTML.slice(0, 200)));
      throw new Error(`${url}: no form field became interactive; the inputs: ${fields.join('\n') || 'none'}`, { cause: error });
    });
  return (await handle.jsonValue()) as { interactive: number; whole: number };
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
    await load(page, input.pages[name]!, input.whole.includes(name));
    await takesInput(page, name);
    await context.close();
  }
  const out: Record<string, number[][]> = Object.fromEntries(names.map((n) => [n, []]));
  const whole: Record<string, number[][]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < input.rounds; round += 1) {
    const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
    const wholeTimes: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
    // Interleaved, so a slow moment of the machine falls on every page alike.
    for (let i = 0; i < input.loads; i += 1) {
      for (const name of names) {
        const { context, page } = await open();
        const t = await load(page, input.pages[name]!, input.whole.includes(name));
        times[name]!.push(t.interactive);
        wholeTimes[name]!.push(t.whole);
        await context.close();
      }
    }
    for (const name of names) {
      out[name]!.push(times[name]!);
      whole[name]!.push(wholeTimes[name]!);
    }
  }
  console.log(JSON.stringify({ browser: found.source, times: out, whole }));
} finally {
  await browser.close();
}
