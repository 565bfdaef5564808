import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'properties/**/*.prop.ts'],
    testTimeout: 120_000,
    pool: 'threads',
  },
});
