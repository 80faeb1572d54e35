import { defineConfig } from 'vitest/config';

// Unit tests of the e2e support code only; the Playwright specs run with `playwright test`.
export default defineConfig({ test: { include: ['support/**/*.test.ts'] } });
