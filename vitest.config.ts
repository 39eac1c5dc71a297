import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Bounds, not speed checks: CI runs on a busy 2-core machine, where opening a PGlite data dir alone took
    // 20 s at load 15 (2-3 s on a quiet machine). A test that is stuck still fails, within minutes.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
