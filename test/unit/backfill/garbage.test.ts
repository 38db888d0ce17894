import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, symlink, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BackfillReport, backfill } from '../../../server/src/backfill/index.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { readFacts } from './helpers.js';

const CONFIG = 'experiment:\n  name: ok\ndata:\n  dataset: mnist\n';
const SUMMARY = '{"training": {"final_loss": 1.5}}';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let runs: string;
let report: BackfillReport;

async function legacyRun(name: string, files: Record<string, string | Buffer> = {}) {
  const dir = join(runs, name);
  await mkdir(dir, { recursive: true });
  const all = { 'config.yaml': CONFIG, 'summary.json': SUMMARY, ...files };
  for (const [file, content] of Object.entries(all)) await writeFile(join(dir, file), content);
  return dir;
}

const issue = (kind: string) => report.issues.filter((i) => i.kind === kind);

beforeAll(async () => {
  temp = await makeTempDir('backfill-garbage');
  runs = join(temp.path, 'runs-src');
  await legacyRun('good_20240101_000000');
  const binary = Buffer.concat([
    Buffer.from('experiment:\n'),
    randomBytes(256),
    Buffer.from([0, 0]),
  ]);
  await legacyRun('binary_20240101_000001', { 'config.yaml': binary });
  await legacyRun('badyaml_20240101_000002', { 'config.yaml': 'data: [1, 2\nmodel: : x\n' });
  await legacyRun('badjson_20240101_000003', { 'summary.json': '{"training": {"final_loss": ' });
  await mkdir(join(runs, 'empty_20240101_000004'));
  // A directory where summary.json should be, and a FIFO (reading it must not hang).
  const dirFile = await legacyRun('dirfile_20240101_000005', {});
  execFileSync('rm', [join(dirFile, 'summary.json')]);
  await mkdir(join(dirFile, 'summary.json'));
  const fifo = await legacyRun('fifo_20240101_000006', {});
  execFileSync('rm', [join(fifo, 'summary.json')]);
  execFileSync('mkfifo', [join(fifo, 'summary.json')]);
  // A 100 MB metadata.json (sparse, so the test stays cheap): refused by size, never read.
  const huge = join(runs, 'experiments', 'huge_20240101_000007');
  await mkdir(huge, { recursive: true });
  await writeFile(join(huge, 'metadata.json'), '{"model_name": "huge", "pad": "');
  await truncate(join(huge, 'metadata.json'), 100 * 1024 * 1024);
  // Symlinks: to an ancestor (a loop), to itself (ELOOP), out of the runs dir, a file outside.
  await symlink('..', join(runs, 'experiments', 'up'));
  await symlink('self', join(runs, 'self'));
  const outside = join(temp.path, 'elsewhere');
  await mkdir(outside);
  await writeFile(join(outside, 'config.yaml'), CONFIG);
  await symlink(outside, join(runs, 'outside'));
  const linked = await legacyRun('linked_20240101_000008', {});
  execFileSync('rm', [join(linked, 'config.yaml')]);
  await symlink(join(outside, 'config.yaml'), join(linked, 'config.yaml'));
  // Valid JSON of the wrong shape, and a folder that is not a run at all.
  await legacyRun('list_20240101_000009', { 'summary.json': '[1, 2, 3]' });
  // facts/meta.json alone cannot make a run record.
  await mkdir(join(runs, 'orphan', 'facts'), { recursive: true });
  await writeFile(join(runs, 'orphan', 'facts', 'meta.json'), '{"schema_version": 1}');
  await mkdir(join(runs, 'notes'));
  await writeFile(join(runs, 'notes', 'README.txt'), 'not a run');
  report = await backfill({ runsDir: runs, root: join(temp.path, 'root') });
});
afterAll(() => temp.remove());

describe('garbage is reported by kind and skipped, the good run still comes in', () => {
  it('reads the good run', async () => {
    expect(report.runs.map((r) => r.run_id)).toEqual(['good_20240101_000000']);
    const { run } = await readFacts(join(temp.path, 'root'), 'good_20240101_000000');
    expect(run.metrics).toEqual({ training: { final_loss: 1.5 } });
  });

  it('counts every kind of garbage exactly once', () => {
    expect(report.errorsByKind).toEqual({
      binary_file: 1,
      malformed_yaml: 1,
      malformed_json: 1,
      empty_folder: 1,
      not_a_file: 2,
      oversized: 1,
      symlink_loop: 2,
      symlink_outside: 2,
      invalid_content: 1,
      missing_file: 1,
      unrecognized_folder: 1,
    });
    expect(report.counts).toMatchObject({ found: 10, read: 1, failed: 9 });
  });

  it('names the offending file in each error', () => {
    const pathOf = (kind: string) => issue(kind).map((i) => i.path.slice(runs.length + 1));
    expect(pathOf('binary_file')).toEqual(['binary_20240101_000001/config.yaml']);
    expect(pathOf('malformed_yaml')).toEqual(['badyaml_20240101_000002/config.yaml']);
    expect(pathOf('malformed_json')).toEqual(['badjson_20240101_000003/summary.json']);
    expect(pathOf('empty_folder')).toEqual(['empty_20240101_000004']);
    expect(pathOf('not_a_file')).toEqual([
      'dirfile_20240101_000005/summary.json',
      'fifo_20240101_000006/summary.json',
    ]);
    expect(pathOf('oversized')).toEqual(['experiments/huge_20240101_000007/metadata.json']);
    expect(pathOf('symlink_loop')).toEqual(['experiments/up', 'self']);
    expect(pathOf('symlink_outside')).toEqual(['linked_20240101_000008/config.yaml', 'outside']);
    expect(pathOf('invalid_content')).toEqual(['list_20240101_000009/summary.json']);
    expect(pathOf('missing_file')).toEqual(['orphan/facts/run.json']);
    expect(issue('oversized')[0]?.message).toContain('104857600 bytes');
  });
});

describe('nothing readable at all', () => {
  it('an empty runs dir reads nothing and says so', async () => {
    const empty = join(temp.path, 'nothing');
    await mkdir(empty);
    const result = await backfill({ runsDir: empty, root: join(temp.path, 'root2') });
    expect(result.counts.read).toBe(0);
    expect(result.errorsByKind).toEqual({ empty_folder: 1 });
  });

  it('a missing runs dir or one inside the facts root is a usage error', async () => {
    await expect(
      backfill({ runsDir: join(temp.path, 'missing'), root: temp.path }),
    ).rejects.toThrow(/does not exist/);
    await expect(backfill({ runsDir: runs, root: temp.path })).rejects.toThrow(
      /inside the facts root/,
    );
  });
});
