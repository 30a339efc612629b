import { defineConfig } from 'vitest/config';

/**
 * Two projects: `unit` (fast, no browser, no build) and `e2e` (builds the site once, serves it, and drives Debian's
 * Chromium through playwright-core). `npm test` runs both; `npx vitest run --project unit` runs the fast half.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/serve-built-site.ts'],
          testTimeout: 60_000,
          hookTimeout: 240_000,
          // A page's first offline Verify or terminal command loads the SDK and the sandbox; on a busy 2-core
          // machine that can take more than expect.poll's default second. These are waits, not timing budgets.
          expect: { poll: { timeout: 10_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
