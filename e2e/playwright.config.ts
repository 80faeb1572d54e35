import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './support/browser';

// The real BFF and the local cloud, each in its own process, on fixed loopback ports.
const SIM_PORT = Number(process.env.E2E_SIM_PORT ?? 18481);
const BFF_PORT = Number(process.env.E2E_BFF_PORT ?? 18480);
// Where the local cloud serves the load balancers it hands out, and resolves their host names.
const EDGE_PORT = SIM_PORT + 1;
const EDGE_TLS_PORT = SIM_PORT + 2;
const DNS_PORT = SIM_PORT + 3;
// The HTTPS port of the clusters' API servers (each on its own loopback address).
const KUBE_API_PORT = SIM_PORT + 4;
// The self-hosted Nacos 3.x stand-in.
const NACOS_PORT = SIM_PORT + 5;
export const SIM_URL = `http://127.0.0.1:${SIM_PORT}`;
export const BFF_URL = `http://127.0.0.1:${BFF_PORT}`;
/** A spec's own BFF (another configuration, support/bff.ts) listens here. */
export const SPEC_BFF_PORT = SIM_PORT + 9;
/** How the BFF is started: against the local cloud above, as the sandbox's default account. */
export const BFF_ENV: Record<string, string> = {
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  CLOUD_SIM_ENDPOINT: SIM_URL,
  CLOUD_SIM_EDGE_PORT: String(EDGE_PORT),
  CLOUD_SIM_DNS: `127.0.0.1:${DNS_PORT}`,
  ALIBABA_CLOUD_ACCESS_KEY_ID: 'SandboxDefaultKeyId',
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'SandboxDefaultKeySecret',
  ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true',
};
// CHROMIUM_PATH, a system Chromium, Playwright's own, or the one inside @sparticuz/chromium.
const browser = await findChromium();

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: BFF_URL,
    locale: 'zh-CN',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: browser.executablePath, args: CHROMIUM_ARGS },
  },
  webServer: [
    {
      command: `pnpm --filter @dify-console/cloud-sim sim --port ${SIM_PORT} --speed 150 --edge-port ${EDGE_PORT} --edge-tls-port ${EDGE_TLS_PORT} --dns-port ${DNS_PORT} --kube-api-port ${KUBE_API_PORT} --nacos-port ${NACOS_PORT}`,
      url: `${SIM_URL}/_sim/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'ignore',
    },
    {
      command: 'pnpm --filter @dify-console/bff start',
      url: `${BFF_URL}/api/v1/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: { ...BFF_ENV, PORT: String(BFF_PORT) },
    },
  ],
});
