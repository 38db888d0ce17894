import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BackfillReport } from '../../server/src/backfill/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../server/bin/runfacts.js', import.meta.url));
/** From this many folders backfill reads on worker threads by default. */
const FOLDERS = 500;
let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  temp = await makeTempDir('backfill-compiled');
  for (let i = 0; i < FOLDERS; i++) {
    const dir = join(temp.path, 'src', `exp_${String(i).padStart(3, '0')}_20240101_000000`);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'config.yaml'), `experiment:\n  name: exp_${i}\n`);
    await writeFile(join(dir, 'summary.json'), '{"accuracy": 0.5}');
  }
});
afterAll(() => temp.remove());

it('the bin built in server/dist backfills on its worker threads (their entries are in the build)', async () => {
  expect(existsSync('server/dist/server/src/cli/main.js')).toBe(true);
  const { stdout } = await run(
    process.execPath,
    [
      BIN,
      'backfill',
      '--runs-dir',
      join(temp.path, 'src'),
      '--root',
      join(temp.path, 'root'),
      '--json',
    ],
    // The build, as `npm install` made it, not the sources the other tests run.
    { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, RUNFACTS_FROM_SOURCE: '0' } },
  );
  const report = JSON.parse(stdout) as BackfillReport;
  expect(report.counts).toMatchObject({
    found: FOLDERS,
    read: FOLDERS,
    created: FOLDERS,
    failed: 0,
  });
}, 60_000);
