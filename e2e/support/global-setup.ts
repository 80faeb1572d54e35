import { SIM_URL } from '../playwright.config';

/** A day: the local cloud's clock is put this far ahead of the console's. */
const DAY = 24 * 3600_000;

/**
 * Runs once, after the local cloud has started and before any test: puts its clock a day ahead of
 * the console's, so a time of the wrong clock on a page cannot pass for the right one
 * (languages.spec.ts). The clock is the one thing every account shares: no test moves it while
 * others run.
 */
export default async function globalSetup(): Promise<void> {
  const res = await fetch(`${SIM_URL}/_sim/advance`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ms: DAY }),
  });
  if (!res.ok) throw new Error(`the local cloud's clock could not be moved: ${res.status} ${await res.text()}`);
}
