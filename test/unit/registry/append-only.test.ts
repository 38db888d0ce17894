import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LockCompromisedError } from '../../../server/src/facts/index.js';
import { commitModelFile, readModelFile } from '../../../server/src/registry/model-file.js';
import { ADMIN, addRun, makeRegistry, type Registry } from './fixtures.js';

let reg: Registry;
let path: string;

beforeEach(async () => {
  reg = await makeRegistry();
  await addRun(reg.facts, 'run_a');
  await reg.store.createRegisteredModel({ name: 'm' });
  for (const source of ['/1', '/2']) {
    await reg.store.createModelVersion({ model: 'm', runId: 'run_a', source, by: 'alice' });
  }
  await reg.store.promote({ ...ADMIN, model: 'm', version: 1, to: 'Staging', reason: 'one' });
  await reg.store.promote({ ...ADMIN, model: 'm', version: 2, to: 'Staging', reason: 'two' });
  path = reg.store.modelPath('m');
});

afterEach(() => reg.remove());

async function loaded() {
  const read = await readModelFile(path);
  if (!read.ok) throw new Error(read.error.message);
  return read;
}

describe('versions and history are append-only', () => {
  const rewrites: [string, (m: Awaited<ReturnType<typeof loaded>>['model']) => unknown][] = [
    [
      'a changed reason',
      (m) => ({
        ...m,
        history: m.history.map((h, i) => (i === 0 ? { ...h, reason: 'edited' } : h)),
      }),
    ],
    [
      'a changed author',
      (m) => ({ ...m, history: m.history.map((h, i) => (i === 0 ? { ...h, by: 'mallory' } : h)) }),
    ],
    [
      'a dropped first entry replayed consistently',
      (m) => ({ ...m, history: [{ ...m.history[1], from_version: null }] }),
    ],
    ['reordered entries', (m) => ({ ...m, history: [m.history[1], m.history[0]] })],
    [
      'a changed frozen config',
      (m) => ({
        ...m,
        versions: m.versions.map((v, i) =>
          i === 0 ? { ...v, frozen: { ...v.frozen, config: { lr: 1 } } } : v,
        ),
      }),
    ],
    [
      'a changed source',
      (m) => ({
        ...m,
        versions: m.versions.map((v, i) => (i === 1 ? { ...v, source: '/elsewhere' } : v)),
      }),
    ],
  ];

  it.each(rewrites)('refuses %s and leaves the file byte-identical', async (_label, rewrite) => {
    const before = await readFile(path);
    const previous = await loaded();
    const error = await commitModelFile(path, previous, rewrite(previous.model)).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'RegistryError', code: 'APPEND_ONLY_VIOLATION' });
    expect(await readFile(path)).toEqual(before);
  });

  it('refuses an appended entry the aliases do not follow (schema check) without writing', async () => {
    const before = await readFile(path);
    const previous = await loaded();
    const entry = {
      at: '2025-01-01T00:00:00.000Z',
      by: 'bob',
      alias: 'Staging',
      from_version: 2,
      to_version: 1,
      reason: 'back',
    };
    const next = { ...previous.model, history: [...previous.model.history, entry] };
    await expect(commitModelFile(path, previous, next)).rejects.toMatchObject({
      name: 'RegistryError',
      code: 'INVALID_ARGUMENT',
    });
    expect(await readFile(path)).toEqual(before);
  });

  it('accepts an appended entry, and ignores key order when comparing old entries', async () => {
    const previous = await loaded();
    const reordered = previous.model.history.map((h) =>
      Object.fromEntries(Object.entries(h).reverse()),
    );
    const entry = {
      at: '2025-01-01T00:00:00.000Z',
      by: 'bob',
      alias: 'Staging',
      from_version: 2,
      to_version: 1,
      reason: 'back',
    };
    const next = { ...previous.model, aliases: { Staging: 1 }, history: [...reordered, entry] };
    const written = await commitModelFile(path, previous, next);
    expect(written.history).toHaveLength(3);
    expect((await reg.store.getModel('m')).history[2]).toEqual(entry);
  });
});

describe('a stale read', () => {
  it('is refused when another writer replaced the file after it was read (a lost lock)', async () => {
    const stale = await loaded();
    await reg.store.promote({
      ...ADMIN,
      model: 'm',
      version: 1,
      to: 'Production',
      reason: 'other writer',
    });
    const before = await readFile(path);
    const entry = {
      at: '2025-01-01T00:00:00.000Z',
      by: 'late',
      alias: 'champion',
      from_version: null,
      to_version: 1,
      reason: null,
    };
    const next = {
      ...stale.model,
      aliases: { ...stale.model.aliases, champion: 1 },
      history: [...stale.model.history, entry],
    };
    await expect(commitModelFile(path, stale, next)).rejects.toBeInstanceOf(LockCompromisedError);
    expect(await readFile(path)).toEqual(before);
    await expect(commitModelFile(path, null, next)).rejects.toBeInstanceOf(LockCompromisedError);
    expect(await readFile(path)).toEqual(before);
  });
});

describe('a bad model file is reported, not crashed on', () => {
  const corruptions: [string, (text: string) => string, string][] = [
    ['torn JSON', (t) => t.slice(0, t.length / 2), 'not valid JSON'],
    [
      'an alias with no history entry',
      (t) => t.replace('"Staging": 2', '"Staging": 1'),
      'replayed history',
    ],
    [
      'a gap in version numbers',
      (t) => t.replace('"version": 2', '"version": 5'),
      'versions[1].version',
    ],
    [
      'a name that differs from the file',
      (t) => t.replace('"name": "m"', '"name": "n"'),
      'differs from its file name',
    ],
    [
      'a frozen hash that differs from its meta',
      (t) =>
        t.replace(/"meta_hash": "sha1:[0-9a-f]+",(\s+)"meta"/, '"meta_hash": "sha1:00",$1"meta"'),
      'frozen.meta_hash',
    ],
  ];

  it.each(corruptions)(
    '%s: reads give ModelFileInvalidError, writes refuse, scan reports',
    async (_label, corrupt, hint) => {
      await reg.store.createRegisteredModel({ name: 'fine' });
      const text = await readFile(path, 'utf8');
      const bad = corrupt(text);
      expect(bad).not.toBe(text);
      await writeFile(path, bad);
      const read = await reg.store.getModel('m').catch((e: unknown) => e);
      expect(read).toMatchObject({ name: 'RegistryError', code: 'MODEL_FILE_INVALID' });
      expect((read as Error).message).toContain(hint);
      await expect(
        reg.store.promote({ ...ADMIN, model: 'm', version: 1, to: 'Production', reason: 'r' }),
      ).rejects.toMatchObject({ name: 'RegistryError', code: 'MODEL_FILE_INVALID' });
      expect(await readFile(path, 'utf8')).toBe(bad);
      const scan = await reg.store.listModels();
      expect(scan.models.map((m) => m.name)).toEqual(['fine']);
      expect(scan.errors).toHaveLength(1);
      expect(scan.errors[0]?.path).toBe(path);
    },
  );
});
