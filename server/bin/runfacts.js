#!/usr/bin/env node
// Runs the CLI compiled at install (`npm install` runs `prepare`: scripts/build.mjs), so a start
// pays for no transpiling. Without a build, or with RUNFACTS_FROM_SOURCE=1 (tests, development),
// it runs the TypeScript sources through tsx.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/server/src/cli/main.js', import.meta.url);
if (process.env.RUNFACTS_FROM_SOURCE !== '1' && existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
