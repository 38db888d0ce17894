import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FactsStore } from '../../../server/src/facts/index.js';
import { RegistryStore, scanRegistry } from '../../../server/src/registry/index.js';
import { ADMIN, addRun, makeRegistry, type Registry } from './fixtures.js';

let reg: Registry;

beforeEach(async () => {
  reg = await makeRegistry();
});

afterEach(() => reg.remove());

async function populate(store: RegistryStore): Promise<void> {
  await addRun(reg.facts, 'run_a');
  await addRun(reg.facts, 'run_b', { lr: 0.1 });
  for (const name of ['zeta', 'alpha.v2', 'mid_model']) {
    await store.createRegisteredModel({ name, description: `about ${name}`, tags: { k: name } });
    await store.createModelVersion({
      model: name,
      runId: 'run_a',
      source: `/${name}/1`,
      by: 'alice',
    });
    await store.createModelVersion({
      model: name,
      runId: 'run_b',
      source: `/${name}/2`,
      by: 'bob',
    });
  }
  await store.promote({ ...ADMIN, model: 'zeta', version: 1, to: 'Staging', reason: 'a' });
  await store.promote({ ...ADMIN, model: 'zeta', version: 2, to: 'Staging', reason: 'b' });
  await store.setModelAlias({ ...ADMIN, model: 'mid_model', alias: 'champion', version: 2 });
  await store.archiveModel({ name: 'alpha.v2', by: 'carol' });
}

describe('scanRegistry', () => {
  it('lists nothing for a root without a registry', async () => {
    expect(await scanRegistry(reg.root)).toEqual({
      models: [],
      errors: [],
      skipped: [],
      mtimeMs: 0,
    });
  });

  it('reproduces exactly what the store wrote, from the files alone', async () => {
    await populate(reg.store);
    const written = await Promise.all(
      ['alpha.v2', 'mid_model', 'zeta'].map((n) => reg.store.getModel(n)),
    );
    const scan = await scanRegistry(reg.root);
    expect(scan.models).toEqual(written);
    expect(scan.errors).toEqual([]);
    expect(scan.mtimeMs).toBeGreaterThan(0);
    // A fresh store in the same place (a restarted server with no cache) sees the same registry.
    const restarted = new RegistryStore(reg.root, new FactsStore(reg.root));
    expect((await restarted.listModels({ includeArchived: true })).models).toEqual(written);
    expect(await scanRegistry(reg.root)).toEqual(scan);
    expect(scan.models.find((m) => m.name === 'zeta')?.history.map((h) => h.to_version)).toEqual([
      1, 2,
    ]);
  });

  it('reports bad files and foreign entries, and still returns every good model', async () => {
    await populate(reg.store);
    const dir = reg.store.modelsDir;
    await writeFile(join(dir, 'broken.json'), '{"name": ');
    await writeFile(join(dir, '.tmp-zeta.json-123-abcdefabcdef'), 'partial');
    await writeFile(join(dir, 'notes.txt'), 'hello');
    await writeFile(join(dir, '.hidden.json'), '{}');
    await mkdir(join(dir, 'folder.json'));
    const scan = await scanRegistry(reg.root);
    expect(scan.models.map((m) => m.name)).toEqual(['alpha.v2', 'mid_model', 'zeta']);
    expect(scan.errors.map((e) => [e.path, e.kind])).toEqual([
      [join(dir, 'broken.json'), 'malformed_json'],
      [join(dir, 'folder.json'), 'not_a_file'],
    ]);
    expect(scan.skipped.map((s) => [s.name, s.reason])).toEqual([
      ['.hidden.json', 'unsafe_name'],
      ['.tmp-zeta.json-123-abcdefabcdef', 'temporary'],
      ['notes.txt', 'not_json'],
    ]);
  });
});
