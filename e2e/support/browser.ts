import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

/**
 * Finds a Chromium for the end-to-end tests without root and without a download at test time.
 * In order: `CHROMIUM_PATH`; a system Chromium; a browser Playwright already installed; the
 * Chromium shipped inside the npm package `@sparticuz/chromium` (unpacked once into this
 * package's node_modules cache). `E2E_BROWSER=bundled` skips the installed ones (system and
 * Playwright's), as on a fresh machine without a browser: how the last step is proven to work here.
 */
export interface FoundBrowser {
  executablePath: string;
  source: 'CHROMIUM_PATH' | 'system' | 'playwright' | '@sparticuz/chromium';
}

const SYSTEM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
];

export async function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  systemCandidates: readonly string[] = SYSTEM_CANDIDATES,
  installedByPlaywright: () => string | undefined = playwrightChromium,
): Promise<FoundBrowser> {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist: point it at a Chromium or unset it.`);
    return { executablePath: fromEnv, source: 'CHROMIUM_PATH' };
  }
  const bundledOnly = env.E2E_BROWSER === 'bundled';
  if (env.E2E_BROWSER !== undefined && !bundledOnly) throw new Error(`E2E_BROWSER=${env.E2E_BROWSER} is not known: use E2E_BROWSER=bundled (the Chromium inside @sparticuz/chromium) or unset it.`);
  const system = bundledOnly ? undefined : systemCandidates.find((p) => existsSync(p));
  if (system) return { executablePath: system, source: 'system' };
  const installed = bundledOnly ? undefined : installedByPlaywright();
  if (installed) return { executablePath: installed, source: 'playwright' };
  return { executablePath: await unpackSparticuz(), source: '@sparticuz/chromium' };
}

function playwrightChromium(): string | undefined {
  try {
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `@sparticuz/chromium` unpacks its brotli-compressed Chromium into the temporary folder the
 * first time. It is pointed at a cache folder of this package instead of a shared /tmp (another
 * user's unpacked copy there would not be executable), and a marker written after the unpacking
 * tells a whole copy from one cut short by a killed run.
 */
export async function unpackSparticuz(): Promise<string> {
  const here = dirname(fileURLToPath(import.meta.url));
  const cache = join(here, '..', 'node_modules', '.cache', 'sparticuz-chromium');
  const binary = join(cache, 'chromium');
  const marker = join(cache, 'unpacked.ok');
  if (existsSync(binary) && existsSync(marker)) return binary;
  rmSync(cache, { recursive: true, force: true });
  mkdirSync(cache, { recursive: true });
  const { default: Sparticuz } = await import('@sparticuz/chromium');
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = cache;
  try {
    const path = await Sparticuz.executablePath();
    chmodSync(path, 0o755);
    writeFileSync(marker, `${path}\n`);
    return path;
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
}

/** Flags for a headless Chromium in a closed network, as root or not. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--no-zygote',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
