import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

/**
 * Three projects in one run so that `npm test` ends on one closing line:
 *  unit        pure logic, fake-indexeddb and WXT's fakeBrowser
 *  integration the sync engine against the real Cyrus server (tests/server/cyrus.sh)
 *  e2e         the built extension (.output/chrome-mv3-loopback) in real Chromium against that server
 */
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    reporters: ['default', './tests/summary-reporter.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], setupFiles: ['fake-indexeddb/auto'], environment: 'node' } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          setupFiles: ['fake-indexeddb/auto'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 120_000,
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
          // What a test waits for goes through the background and often the server: on a loaded
          // machine that can take more than vitest's default second.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
