import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { syntheticRun } from '../../server/src/demo/synthetic-run.js';
import { writeSyntheticRuns } from '../../server/src/demo/write-synthetic.js';
import { canonicalizeMeta, DEFAULT_META_CONFIG } from '../../server/src/meta/index.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const run = promisify(execFile);
const BIN = new URL('../../server/bin/runfacts.js', import.meta.url).pathname;
let root: { path: string; remove: () => Promise<void> };

async function cli(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run('node', [BIN, ...args]);
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

const metaPath = (i: number) =>
  join(root.path, 'runs', syntheticRun(i).runId, 'facts', 'meta.json');

beforeAll(async () => {
  root = await makeTempDir('migrate');
  await writeSyntheticRuns(root.path, 12);
  await writeFile(metaPath(11), '{"goal": ');
});
afterAll(() => root.remove());

it('runfacts migrate: --dry-run writes nothing, then upgrades meta.json to the full record, then finds all current', async () => {
  const declared = await readFile(metaPath(0), 'utf8');
  const dry = await cli('migrate', root.path, '--dry-run', '--json');
  expect(dry.code).toBe(1); // the broken run is reported
  expect(JSON.parse(dry.stdout)).toMatchObject({
    runs: 12,
    upgraded: 11,
    skipped: 1,
    dryRun: true,
  });
  expect(await readFile(metaPath(0), 'utf8')).toBe(declared);

  const real = await cli('migrate', root.path);
  expect(real.stdout).toContain('upgraded 11, already current 0, skipped 1');
  expect(real.stderr).toContain(syntheticRun(11).runId);
  const file = JSON.parse(await readFile(metaPath(0), 'utf8'));
  const fromDeclared = canonicalizeMeta(JSON.parse(declared), { config: DEFAULT_META_CONFIG });
  expect(file.meta_hash).toBe(fromDeclared.meta_hash);
  expect(file.row_key).toBe(fromDeclared.row_key);
  expect(file.needs_review_reason).toEqual(fromDeclared.needs_review_reason);

  const again = await cli('migrate', root.path, '--json');
  expect(JSON.parse(again.stdout)).toMatchObject({ upgraded: 0, current: 11 });
});
