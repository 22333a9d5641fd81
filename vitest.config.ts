import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/compile.ts'],
    // The build's threads and processes run the lib/ that globalSetup compiles, not the sources
    // (src/util/sibling-module.ts says why).
    env: { DATASHELF_COMPILED_SIBLINGS: '1' },
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Builds run Astro, which is heavy: two test files at a time on a 2-core machine.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
