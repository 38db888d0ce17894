import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalizeMeta } from '../../../server/src/meta/index.js';
import { ADMIN, addRun, makeRegistry, type Registry, VALID_META } from './fixtures.js';

let reg: Registry;
let clock: number;

beforeEach(async () => {
  clock = Date.parse('2025-01-01T00:00:00Z');
  const tick = () => {
    clock += 1000;
    return new Date(clock);
  };
  reg = await makeRegistry({ now: tick });
  for (const id of ['run_a', 'run_b', 'run_c']) await addRun(reg.facts, id, { seed: id });
  await reg.store.createRegisteredModel({
    name: 'tops-clf',
    description: 'four tops',
    tags: { team: 'hep' },
  });
  for (const id of ['run_a', 'run_b', 'run_c']) {
    await reg.store.createModelVersion({
      model: 'tops-clf',
      runId: id,
      source: `/models/${id}.pt`,
      by: 'alice',
    });
  }
});

afterEach(() => reg.remove());

describe('versions', () => {
  it('numbers versions 1, 2, 3 and freezes each run’s canonical meta and config', async () => {
    const model = await reg.store.getModel('tops-clf');
    expect(model.versions.map((v) => [v.version, v.run_id, v.source])).toEqual([
      [1, 'run_a', '/models/run_a.pt'],
      [2, 'run_b', '/models/run_b.pt'],
      [3, 'run_c', '/models/run_c.pt'],
    ]);
    const expected = canonicalizeMeta(VALID_META);
    expect(model.versions[1]?.frozen.meta_hash).toBe(expected.meta_hash);
    expect(model.versions[1]?.frozen.meta).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(model.versions[1]?.frozen.config).toEqual({ lr: 0.001, layers: 4, seed: 'run_b' });
    expect(model.versions[1]?.created_by).toBe('alice');
    expect(model.tags).toEqual({ team: 'hep' });
    expect(model.protected_aliases).toEqual(['Staging', 'Production']);
  });

  it('a later override of the run leaves the frozen meta alone and shows as metaChanged', async () => {
    await reg.facts.writeOverride('run_b', { dataset_name: 'other-set', reason: 'relabelled' });
    await reg.facts.updateRun('run_b', (run) => ({ ...run, config: { lr: 9 } }));
    const before = await reg.store.getModel('tops-clf');
    const resolved = await reg.store.versionWithRun(
      before,
      await reg.store.resolveAlias('tops-clf', 'v2'),
    );
    expect(resolved.version).toEqual(before.versions[1]);
    expect(resolved.version.frozen.config).toEqual({ lr: 0.001, layers: 4, seed: 'run_b' });
    expect(resolved.run.run?.config).toEqual({ lr: 9 });
    expect(resolved.currentMeta?.dataset_name).toBe('other-set');
    expect(resolved.metaChanged).toBe(true);
    const untouched = await reg.store.versionWithRun(
      before,
      await reg.store.resolveAlias('tops-clf', 'v1'),
    );
    expect(untouched.metaChanged).toBe(false);
  });

  it('a version registered after an override freezes the overridden meta', async () => {
    await addRun(reg.facts, 'run_d');
    await reg.facts.writeOverride('run_d', { goal: 'regression', reason: 'fix' });
    const { version } = await reg.store.createModelVersion({
      model: 'tops-clf',
      runId: 'run_d',
      source: 's',
      by: 'bob',
    });
    expect(version.version).toBe(4);
    expect(version.frozen.meta.goal).toBe('regression');
    expect(version.frozen.meta_hash).not.toBe(canonicalizeMeta(VALID_META).meta_hash);
  });
});

describe('aliases and promotion history', () => {
  it('promotes to Staging, then Production, rolls Production back, and keeps the history in order', async () => {
    const s = reg.store;
    await s.promote({
      ...ADMIN,
      model: 'tops-clf',
      version: 2,
      to: 'Staging',
      reason: 'candidate',
      expectedVersion: null,
    });
    await s.promote({
      ...ADMIN,
      model: 'tops-clf',
      version: 2,
      to: 'Production',
      reason: 'passed checks',
      expectedVersion: null,
    });
    await s.promote({
      ...ADMIN,
      model: 'tops-clf',
      version: 3,
      to: 'Staging',
      reason: 'next',
      expectedVersion: 2,
    });
    await s.promote({
      by: 'carol',
      canChangeProtected: true,
      model: 'tops-clf',
      version: 3,
      to: 'Production',
      reason: 'go',
      expectedVersion: 2,
    });
    const rollback = await s.promote({
      ...ADMIN,
      model: 'tops-clf',
      version: 2,
      to: 'Production',
      reason: 'v3 regressed',
      expectedVersion: 3,
    });
    expect(rollback.entry).toMatchObject({ alias: 'Production', from_version: 3, to_version: 2 });
    const model = await s.getModel('tops-clf');
    expect(model.aliases).toEqual({ Staging: 3, Production: 2 });
    expect(
      model.history.map((h) => [h.by, h.alias, h.from_version, h.to_version, h.reason]),
    ).toEqual([
      ['alice', 'Staging', null, 2, 'candidate'],
      ['alice', 'Production', null, 2, 'passed checks'],
      ['alice', 'Staging', 2, 3, 'next'],
      ['carol', 'Production', 2, 3, 'go'],
      ['alice', 'Production', 3, 2, 'v3 regressed'],
    ]);
    const times = model.history.map((h) => Date.parse(h.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect((await s.resolveAlias('tops-clf', 'Production')).run_id).toBe('run_b');
  });

  it('resolves latest (any case) to the newest version and vN to version N', async () => {
    expect((await reg.store.resolveAlias('tops-clf', 'latest')).version).toBe(3);
    expect((await reg.store.resolveAlias('tops-clf', 'LaTeSt')).version).toBe(3);
    expect((await reg.store.resolveAlias('tops-clf', 'v1')).run_id).toBe('run_a');
    expect((await reg.store.resolveAlias('tops-clf', 'V2')).run_id).toBe('run_b');
    await expect(reg.store.resolveAlias('tops-clf', 'Production')).rejects.toMatchObject({
      name: 'RegistryError',
      code: 'ALIAS_NOT_FOUND',
    });
  });

  it('unprotected aliases need no reason; deleting records a null to_version', async () => {
    const set = await reg.store.setModelAlias({
      by: 'bot',
      canChangeProtected: false,
      model: 'tops-clf',
      alias: 'champion',
      version: 1,
    });
    expect(set.entry).toMatchObject({
      by: 'bot',
      alias: 'champion',
      from_version: null,
      to_version: 1,
      reason: null,
    });
    const moved = await reg.store.setModelAlias({
      by: 'bot',
      canChangeProtected: false,
      model: 'tops-clf',
      alias: 'champion',
      version: 3,
      reason: '  better auc ',
    });
    expect(moved.entry).toMatchObject({ from_version: 1, to_version: 3, reason: 'better auc' });
    const deleted = await reg.store.deleteModelAlias({
      by: 'bot',
      canChangeProtected: false,
      model: 'tops-clf',
      alias: 'champion',
      expectedVersion: 3,
    });
    expect(deleted.entry).toMatchObject({ from_version: 3, to_version: null });
    expect(deleted.model.aliases).toEqual({});
    expect(deleted.model.history).toHaveLength(3);
  });

  it('setting an alias to the version it holds writes nothing', async () => {
    await reg.store.setModelAlias({ ...ADMIN, model: 'tops-clf', alias: 'champion', version: 1 });
    const bytes = await readFile(reg.store.modelPath('tops-clf'));
    const again = await reg.store.setModelAlias({
      ...ADMIN,
      model: 'tops-clf',
      alias: 'champion',
      version: 1,
      expectedVersion: 1,
    });
    expect(again.entry).toBeNull();
    expect(await readFile(reg.store.modelPath('tops-clf'))).toEqual(bytes);
  });
});

describe('concurrent writers in one process', () => {
  it('creating one model five times at once: one succeeds, four get ModelExistsError', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) =>
        reg.store.createRegisteredModel({ name: 'dup', description: `${i}` }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(errors).toHaveLength(4);
    for (const error of errors)
      expect(error).toMatchObject({ name: 'RegistryError', code: 'MODEL_EXISTS' });
  });

  it('five versions registered at once get five distinct numbers after the existing three', async () => {
    const made = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        reg.store.createModelVersion({
          model: 'tops-clf',
          runId: 'run_a',
          source: `/p${i}`,
          by: 'x',
        }),
      ),
    );
    expect(made.map((m) => m.version.version).sort()).toEqual([4, 5, 6, 7, 8]);
    const model = await reg.store.getModel('tops-clf');
    expect(
      model.versions
        .map((v) => v.source)
        .slice(3)
        .sort(),
    ).toEqual(['/p0', '/p1', '/p2', '/p3', '/p4']);
  });
});

describe('archive', () => {
  it('archives without erasing, hides the model from listModels by default, and stops resolution', async () => {
    await reg.store.promote({
      ...ADMIN,
      model: 'tops-clf',
      version: 1,
      to: 'Production',
      reason: 'first',
    });
    const archived = await reg.store.archiveModel({ name: 'tops-clf', by: 'alice' });
    expect(archived).toMatchObject({ archived: true, archived_by: 'alice' });
    expect(archived.versions).toHaveLength(3);
    expect(archived.history).toHaveLength(1);
    expect((await reg.store.listModels()).models).toEqual([]);
    expect(
      (await reg.store.listModels({ includeArchived: true })).models.map((m) => m.name),
    ).toEqual(['tops-clf']);
    await expect(reg.store.resolveAlias('tops-clf', 'Production')).rejects.toMatchObject({
      name: 'RegistryError',
      code: 'MODEL_ARCHIVED',
    });
    const bytes = await readFile(reg.store.modelPath('tops-clf'));
    expect(await reg.store.archiveModel({ name: 'tops-clf', by: 'bob' })).toMatchObject({
      archived_by: 'alice',
    });
    expect(await readFile(reg.store.modelPath('tops-clf'))).toEqual(bytes);
  });
});
