import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './support/browser';

// One local cloud for the whole run, in its own process; each test gets its own account in it
// and its own BFF (support/fixtures.ts), so tests share nothing and run on several workers.
const SIM_PORT = Number(process.env.E2E_SIM_PORT ?? 18481);
const BFF_PORT = Number(process.env.E2E_BFF_PORT ?? 18480);
// Where the local cloud serves the load balancers it hands out, and resolves their host names.
export const EDGE_PORT = SIM_PORT + 1;
const EDGE_TLS_PORT = SIM_PORT + 2;
export const DNS_PORT = SIM_PORT + 3;
// The HTTPS port of the clusters' API servers (each on its own loopback address).
const KUBE_API_PORT = SIM_PORT + 4;
// The self-hosted Nacos 3.x stand-in.
export const NACOS_PORT = SIM_PORT + 5;
export const SIM_URL = `http://127.0.0.1:${SIM_PORT}`;
/** Parallel workers (`E2E_WORKERS`); 2 by default, measured fastest on a 2-core machine. */
const WORKERS = Number(process.env.E2E_WORKERS ?? 2);

/** The port of the BFF of worker slot `i` (one BFF at a time per worker, one per test): E2E_BFF_PORT + 10·i. */
export function bffPort(i: number): number {
  return BFF_PORT + 10 * i;
}
const simPorts = [SIM_PORT, EDGE_PORT, EDGE_TLS_PORT, DNS_PORT, KUBE_API_PORT, NACOS_PORT];
for (let i = 0; i < WORKERS; i++) {
  if (simPorts.includes(bffPort(i)))
    throw new Error(`E2E_BFF_PORT + 10·${i} (${bffPort(i)}) is one of the local cloud's ports (E2E_SIM_PORT … +5): choose ports apart`);
}

// CHROMIUM_PATH, a system Chromium, Playwright's own, or the one inside @sparticuz/chromium.
const browser = await findChromium();

export default defineConfig({
  testDir: './tests',
  fullyParallel: true,
  workers: WORKERS,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    locale: 'zh-CN',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: browser.executablePath, args: CHROMIUM_ARGS },
  },
  // After the local cloud below has started: its clock a day ahead of the console's.
  globalSetup: './support/global-setup.ts',
  // The BFFs are started by the test fixtures (support/fixtures.ts), one per test.
  webServer: [
    {
      command: `pnpm --filter @dify-console/cloud-sim sim --port ${SIM_PORT} --speed 150 --edge-port ${EDGE_PORT} --edge-tls-port ${EDGE_TLS_PORT} --dns-port ${DNS_PORT} --kube-api-port ${KUBE_API_PORT} --nacos-port ${NACOS_PORT}`,
      url: `${SIM_URL}/_sim/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
    },
  ],
});
