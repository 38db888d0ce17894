import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // One graphql module for everyone: vite would otherwise load graphql's ESM build for our code
  // and its CJS build for dependencies, and graphql refuses types from "another realm".
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Spawned `runfacts` processes run the sources being tested, not a build of older sources
    // (server/bin/runfacts.js prefers server/dist, built by `npm install`).
    env: { RUNFACTS_FROM_SOURCE: '1' },
  },
});
