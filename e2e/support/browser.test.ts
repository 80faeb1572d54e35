import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { findChromium } from './browser';

const none = () => undefined;

describe('findChromium', () => {
  it('takes CHROMIUM_PATH first, and says so when it points nowhere', async () => {
    await expect(findChromium({ CHROMIUM_PATH: process.execPath }, ['/usr/bin/env'], none)).resolves.toEqual({
      executablePath: process.execPath,
      source: 'CHROMIUM_PATH',
    });
    await expect(findChromium({ CHROMIUM_PATH: '/nowhere/chromium' }, [], none)).rejects.toThrow(/CHROMIUM_PATH=\/nowhere\/chromium does not exist/);
  });

  it('then a system Chromium, then the one Playwright installed', async () => {
    await expect(findChromium({}, ['/nowhere/chromium', '/usr/bin/env'], () => '/pw/chrome')).resolves.toEqual({
      executablePath: '/usr/bin/env',
      source: 'system',
    });
    await expect(findChromium({}, ['/nowhere/chromium'], () => '/pw/chrome')).resolves.toEqual({
      executablePath: '/pw/chrome',
      source: 'playwright',
    });
  });

  it('skips the installed browsers with E2E_BROWSER=bundled (a fresh machine), and refuses an unknown value', async () => {
    let askedPlaywright = false;
    const found = await findChromium({ E2E_BROWSER: 'bundled' }, ['/usr/bin/env'], () => {
      askedPlaywright = true;
      return '/pw/chrome';
    });
    expect(found.source).toBe('@sparticuz/chromium');
    expect(askedPlaywright).toBe(false);
    // CHROMIUM_PATH still comes first: the user's explicit choice.
    await expect(findChromium({ E2E_BROWSER: 'bundled', CHROMIUM_PATH: process.execPath }, [], none)).resolves.toMatchObject({ source: 'CHROMIUM_PATH' });
    await expect(findChromium({ E2E_BROWSER: 'system' }, ['/usr/bin/env'], none)).rejects.toThrow(/E2E_BROWSER=system is not known/);
  }, 120_000);

  it('falls back to the Chromium inside @sparticuz/chromium, which runs without root or a system browser', async () => {
    const found = await findChromium({}, [], none);
    expect(found.source).toBe('@sparticuz/chromium');
    const version = execFileSync(found.executablePath, ['--version', '--no-sandbox'], { encoding: 'utf8' });
    expect(version).toMatch(/Chromium \d+/);
    // A second call reuses the unpacked copy.
    await expect(findChromium({}, [], none)).resolves.toEqual(found);
  }, 120_000);
});
