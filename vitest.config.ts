import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Bounds, not speed checks: CI runs on a busy 2-core machine, where opening a PGlite data dir alone took
    // 20 s at load 15 (2-3 s on a quiet machine), and two suites at once double that. One bound for every test
    // and hook (no smaller ones in the files): a test that is stuck still fails, within minutes.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    // dist/ as `npm start` and `npm run cli` build it, before the first file (tests/support/build-programs.ts).
    globalSetup: ['tests/support/build-programs.ts'],
  },
});
