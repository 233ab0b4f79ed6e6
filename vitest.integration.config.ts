import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Integration tests talk to the real Cyrus server started by tests/server/cyrus.sh.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/integration/**/*.test.ts'],
    setupFiles: ['fake-indexeddb/auto'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    reporters: ['default', './tests/summary-reporter.ts'],
  },
});
