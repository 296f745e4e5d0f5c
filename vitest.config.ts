import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores on CI: two workers keep SDK-heavy files from starving each other.
    maxWorkers: 2,
    // Every indexed query also runs as a full scan, and every kept reply is presented again; any difference fails (src/core/lookup.ts, reply-cache.ts).
    env: { DTU_CHECK_INDEXES: '1', DTU_CHECK_CACHES: '1' },
    // The JSON report lets .ci/run print a plain "N passed, N failed" summary line.
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
  },
});
