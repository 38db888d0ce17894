// `npm run build` (and `prepare`, so `npm install` runs it): compiles the server and the SDK it
// imports to server/dist, which the `runfacts` bin runs, so a start pays for no transpiling.
// Without TypeScript (an install with --omit=dev) or without sources it skips: the bin then runs
// the sources through tsx.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
let tsc;
try {
  tsc = require.resolve('typescript/bin/tsc');
} catch {
  console.error('runfacts build: TypeScript is not installed; the CLI will run from source (tsx)');
  process.exit(0);
}
if (!existsSync(join(repo, 'server', 'src'))) process.exit(0);

const dist = join(repo, 'server', 'dist');
rmSync(dist, { recursive: true, force: true });
const built = spawnSync(
  process.execPath,
  [tsc, '-p', join(repo, 'server', 'tsconfig.build.json')],
  {
    stdio: 'inherit',
  },
);
if (built.status !== 0) process.exit(built.status ?? 1);
// Files tsc does not emit: the worker entries that pick compiled or source code.
for (const file of [
  'server/src/load-worker.mjs',
  'server/src/index/bulk/read-worker.mjs',
  'server/src/backfill/prepare-worker.mjs',
  'server/src/backfill/hash-worker.mjs',
]) {
  const target = join(dist, file);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(join(repo, file), target);
}
