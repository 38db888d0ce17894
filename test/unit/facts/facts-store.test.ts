import { mkdir, mkdtemp, readdir, readFile, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FactsFileReadError,
  FactsStore,
  FactsValidationError,
  RunExistsError,
  RunFolderMissingError,
} from '../../../server/src/facts/index.js';
import { NamingError } from '../../../server/src/meta/naming.js';
import { SAMPLE_META, sampleRun } from '../../helpers/facts-fixtures.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

let dir: { path: string; remove: () => Promise<void> };
let store: FactsStore;
beforeEach(async () => {
  dir = await makeTempDir('store');
  store = new FactsStore(dir.path);
});
afterEach(() => dir.remove());

const TS = '2024-05-01T12:00:00Z';

describe('FactsStore.createRun and readRunFiles', () => {
  it('writes the run folder and reads it back', async () => {
    await store.createRun('r1', { run: sampleRun('r1'), meta: SAMPLE_META });
    expect(await readdir(store.factsDir('r1'))).toEqual(['meta.json', 'metrics.jsonl', 'run.json']);
    const files = await store.readRunFiles('r1');
    expect(files).toMatchObject({
      runId: 'r1',
      dir: join(dir.path, 'runs', 'r1'),
      run: sampleRun('r1'),
      meta: SAMPLE_META,
      override: null,
      metrics: [],
      errors: [],
    });
    expect(files.mtimeMs).toBeGreaterThan(0);
    expect(await readdir(join(dir.path, 'runs'))).toEqual(['r1']);
  });

  it('refuses a run that exists with RunExistsError and leaves it untouched', async () => {
    await store.createRun('r1', { run: sampleRun('r1'), meta: SAMPLE_META });
    const again = store.createRun('r1', { run: sampleRun('r1', { name: 'other' }), meta: {} });
    await expect(again).rejects.toBeInstanceOf(RunExistsError);
    expect((await store.readRunFiles('r1')).run?.name).toBe('baseline');
    expect(await readdir(join(dir.path, 'runs'))).toEqual(['r1']);
  });

  it('lets exactly one of two concurrent creators win', async () => {
    const results = await Promise.allSettled([
      store.createRun('r1', { run: sampleRun('r1', { name: 'a' }), meta: {} }),
      store.createRun('r1', { run: sampleRun('r1', { name: 'b' }), meta: {} }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(RunExistsError);
    expect(await readdir(join(dir.path, 'runs'))).toEqual(['r1']);
  });

  it('writes nothing for an invalid run record or a run_id that is not the folder name', async () => {
    const bad = sampleRun('r1', { status: 'DONE' as 'RUNNING' });
    await expect(store.createRun('r1', { run: bad, meta: {} })).rejects.toThrow(
      'run.json: status: expected one of RUNNING|FINISHED|FAILED|KILLED (got "DONE")',
    );
    await expect(store.createRun('r2', { run: sampleRun('r1'), meta: {} })).rejects.toThrow(
      /run_id: must equal the run folder name "r2"/,
    );
    await expect(readdir(dir.path)).resolves.toEqual([]);
  });

  it('refuses unsafe run ids before touching the disk', async () => {
    for (const id of ['../escape', 'a/b', '.hidden', '', '..']) {
      expect(() => store.runDir(id)).toThrow(NamingError);
      await expect(store.createRun(id, { run: sampleRun(id), meta: {} })).rejects.toThrow(
        NamingError,
      );
      await expect(store.readRunFiles(id)).rejects.toThrow(NamingError);
      await expect(store.appendMetrics(id, [])).rejects.toThrow(NamingError);
    }
    await expect(readdir(dir.path)).resolves.toEqual([]);
  });
});

describe('FactsStore writes', () => {
  beforeEach(async () => {
    await store.createRun('r1', { run: sampleRun('r1'), meta: SAMPLE_META });
  });

  it('keeps unknown keys, top-level and nested, when updateRun rewrites run.json', async () => {
    const path = join(store.factsDir('r1'), 'run.json');
    const withExtras = {
      ...sampleRun('r1'),
      user_field: { nested: [1, 2] },
      artifacts: [{ path: 'm.pt', kind: 'checkpoint', sha256: 'abc' }],
      model_parameters: { total: 10, trainable: 5, frozen: 5 },
    };
    await writeFile(path, JSON.stringify(withExtras));
    const updated = await store.updateRun('r1', (run) => ({ ...run, status: 'FINISHED' }));
    expect(updated.status).toBe('FINISHED');
    const onDisk = JSON.parse(await readFile(path, 'utf8'));
    expect(onDisk).toEqual({ ...withExtras, status: 'FINISHED' });
  });

  it('rejects an invalid update and leaves run.json as it was', async () => {
    const path = join(store.factsDir('r1'), 'run.json');
    const before = await readFile(path, 'utf8');
    const update = store.updateRun('r1', (run) => ({
      ...run,
      tags: { a: 1 as unknown as string },
    }));
    await expect(update).rejects.toBeInstanceOf(FactsValidationError);
    await expect(update).rejects.toThrow('run.json: tags.a: expected string');
    expect(await readFile(path, 'utf8')).toBe(before);
  });

  it('reports a bad run.json to updateRun as FactsFileReadError', async () => {
    await writeFile(join(store.factsDir('r1'), 'run.json'), '{"run_id": ');
    const update = store.updateRun('r1', (run) => run);
    await expect(update).rejects.toBeInstanceOf(FactsFileReadError);
    await expect(update).rejects.toMatchObject({ fileError: { kind: 'malformed_json' } });
  });

  it('appends metrics, writes meta and override, and reads them back', async () => {
    const points = [
      { key: 'loss', value: 1.5, step: 0, ts: TS },
      { key: 'loss', value: 1.25, step: 1, ts: TS },
    ];
    await store.appendMetrics('r1', points);
    await store.writeMeta('r1', { seed: 1 });
    expect((await store.readRunFiles('r1')).override).toBeNull();
    await store.writeOverride('r1', { lr: 0.1 });
    const files = await store.readRunFiles('r1');
    expect(files).toMatchObject({ metrics: points, meta: { seed: 1 }, override: { lr: 0.1 } });
    expect(files.errors).toEqual([]);
    expect(await store.removeOverride('r1')).toBe(true);
    expect(await store.removeOverride('r1')).toBe(false);
    expect((await store.readRunFiles('r1')).override).toBeNull();
  });

  it('validates a whole metric batch before writing any of it', async () => {
    const batch = [
      { key: 'loss', value: 1, step: 0, ts: TS },
      { key: 'loss', value: Number.NaN, step: 1.5, ts: 'yesterday' },
    ];
    const append = store.appendMetrics('r1', batch);
    await expect(append).rejects.toBeInstanceOf(FactsValidationError);
    await expect(append).rejects.toThrow('points: [1].value');
    await expect(append).rejects.toThrow(
      'points: [1].value: expected number, received NaN (got NaN)',
    );
    await expect(append).rejects.toThrow('points: [1].step: expected int');
    await expect(append).rejects.toThrow(
      /points: \[1\]\.ts: expected an ISO-8601 UTC time like 2024-05-01T12:00:00Z \(got "yesterday"\); nothing/,
    );
    expect((await store.readRunFiles('r1')).metrics).toEqual([]);
  });

  it('throws RunFolderMissingError for writes to a run that does not exist', async () => {
    await expect(store.appendMetrics('nope', [])).rejects.toBeInstanceOf(RunFolderMissingError);
    await expect(store.updateRun('nope', (run) => run)).rejects.toBeInstanceOf(
      RunFolderMissingError,
    );
    await expect(store.writeMeta('nope', {})).rejects.toBeInstanceOf(RunFolderMissingError);
    await expect(store.writeOverride('nope', {})).rejects.toBeInstanceOf(RunFolderMissingError);
    await expect(readdir(join(dir.path, 'runs'))).resolves.toEqual(['r1']);
  });

  it('raises mtimeMs when a facts file changes or the override is removed', async () => {
    const facts = store.factsDir('r1');
    const old = new Date('2020-01-01T00:00:00Z');
    const ageAll = async () => {
      for (const name of [...(await readdir(facts)), '.'])
        await utimes(join(facts, name), old, old);
    };
    await ageAll();
    const aged = (await store.readRunFiles('r1')).mtimeMs;
    expect(aged).toBe(old.getTime());
    await store.writeOverride('r1', { lr: 1 });
    const written = (await store.readRunFiles('r1')).mtimeMs;
    expect(written).toBeGreaterThan(aged);
    await ageAll();
    await store.removeOverride('r1');
    expect((await store.readRunFiles('r1')).mtimeMs).toBeGreaterThan(aged);
  });

  it('removes temp files left by a crashed writer on the next write', async () => {
    const leftover = join(store.factsDir('r1'), '.tmp-run.json-123-abc');
    await writeFile(leftover, '{"half": ');
    await store.writeMeta('r1', { seed: 2 });
    expect(await readdir(store.factsDir('r1'))).not.toContain('.tmp-run.json-123-abc');
  });
});

describe('FactsStore listing and scanning', () => {
  it('lists safe run folders and reports every other entry', async () => {
    await store.createRun('b-run', { run: sampleRun('b-run'), meta: {} });
    await store.createRun('a-run', { run: sampleRun('a-run'), meta: {} });
    const runs = join(dir.path, 'runs');
    await writeFile(join(runs, 'stray.txt'), 'x');
    await mkdir(join(runs, 'has space'));
    await mkdir(join(runs, '.tmp-c-run-xyz'));
    const listing = await store.listRunIds();
    expect(listing.runIds).toEqual(['a-run', 'b-run']);
    const reasons = Object.fromEntries(listing.skipped.map((s) => [s.name, s.reason]));
    expect(reasons).toEqual({
      'stray.txt': 'not_a_directory',
      'has space': 'unsafe_name',
      '.tmp-c-run-xyz': 'temporary',
    });
  });

  it('lists nothing when there is no runs folder yet', async () => {
    expect(await store.listRunIds()).toEqual({ runIds: [], skipped: [] });
  });

  it('scans every run, reporting bad files without stopping', async () => {
    const small = new FactsStore(dir.path, { jsonMaxBytes: 4096, metricsMaxBytes: 100 });
    const ids = ['good', 'malformed', 'schema', 'oversized', 'empty', 'dir', 'metrics'];
    for (const id of ids) await small.createRun(id, { run: sampleRun(id), meta: {} });
    const facts = (id: string) => small.factsDir(id);
    await writeFile(join(facts('malformed'), 'run.json'), '{"run_id": "malformed",');
    await writeFile(join(facts('schema'), 'run.json'), JSON.stringify({ run_id: 'schema' }));
    await writeFile(join(facts('oversized'), 'meta.json'), JSON.stringify({ x: 'y'.repeat(5000) }));
    await writeFile(join(facts('empty'), 'meta_override.json'), '');
    await mkdir(join(facts('dir'), 'meta_override.json'));
    const line = JSON.stringify({ key: 'loss', value: 1, step: 0, ts: TS });
    await writeFile(join(facts('metrics'), 'metrics.jsonl'), `${line}\n`.repeat(5));
    const seen = new Map<string, string[]>();
    for await (const files of small.scan({ concurrency: 3 })) {
      seen.set(
        files.runId,
        files.errors.map((e) => e.kind),
      );
    }
    expect(Object.fromEntries(seen)).toEqual({
      good: [],
      malformed: ['malformed_json'],
      schema: ['schema'],
      oversized: ['oversized'],
      empty: ['malformed_json'],
      dir: ['not_a_file'],
      metrics: ['oversized'],
    });
  });

  it('reports missing facts files of a folder without them', async () => {
    await mkdir(join(dir.path, 'runs', 'bare'), { recursive: true });
    const files = await store.readRunFiles('bare');
    expect(files.errors.map((e) => e.kind)).toEqual(['missing', 'missing']);
    expect(files).toMatchObject({ run: null, meta: null, override: null, metrics: [], mtimeMs: 0 });
  });
});

describe('links out of the root', () => {
  it('refuses to write through a run folder that is a symlink leading outside the root', async () => {
    const root = await mkdtemp(join(tmpdir(), 'runfacts-link-root-'));
    const outside = await mkdtemp(join(tmpdir(), 'runfacts-link-outside-'));
    await mkdir(join(outside, 'facts'), { recursive: true });
    await mkdir(join(root, 'runs'), { recursive: true });
    await symlink(outside, join(root, 'runs', 'planted'));
    const store = new FactsStore(root);
    await expect(
      store.appendMetrics('planted', [{ key: 'a', value: 1, step: 0, ts: '2024-01-01T00:00:00Z' }]),
    ).rejects.toThrow(/link out of the facts root/);
    expect(await readdir(join(outside, 'facts'))).toEqual([]);
  });
});
