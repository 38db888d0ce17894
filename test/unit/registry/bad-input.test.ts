import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegistryError, type RegistryErrorCode } from '../../../server/src/registry/index.js';
import { ADMIN, addRun, makeRegistry, type Registry, snapshotTree } from './fixtures.js';

let reg: Registry;

beforeAll(async () => {
  reg = await makeRegistry();
  const s = reg.store;
  await addRun(reg.facts, 'run_ok');
  await addRun(reg.facts, 'run_bad_meta', {}, { schema_version: 1, level: 'no-such-level' });
  await addRun(reg.facts, 'run_torn');
  await writeFile(join(reg.facts.factsDir('run_torn'), 'meta.json'), '{"schema_version": 1,');
  await mkdir(reg.facts.runDir('run_empty'));
  for (const name of ['m', 'other', 'old']) {
    await s.createRegisteredModel({ name });
    await s.createModelVersion({ model: name, runId: 'run_ok', source: '/m/1', by: 'alice' });
  }
  await s.createModelVersion({ model: 'm', runId: 'run_ok', source: '/m/2', by: 'alice' });
  await s.promote({ ...ADMIN, model: 'm', version: 1, to: 'Staging', reason: 'first' });
  await s.setModelAlias({ ...ADMIN, model: 'm', alias: 'champion', version: 2 });
  await s.archiveModel({ name: 'old', by: 'alice' });
});

afterAll(() => reg.remove());

type Case = [string, () => Promise<unknown>, RegistryErrorCode, string];

const set = (fields: Record<string, unknown>) => () =>
  reg.store.setModelAlias({
    ...ADMIN,
    model: 'm',
    alias: 'champion',
    version: 1,
    ...fields,
  } as never);
const version = (fields: Record<string, unknown>) => () =>
  reg.store.createModelVersion({
    model: 'm',
    runId: 'run_ok',
    source: '/x',
    by: 'alice',
    ...fields,
  } as never);

const cases: Case[] = [
  [
    'an existing model name',
    () => reg.store.createRegisteredModel({ name: 'm' }),
    'MODEL_EXISTS',
    'name',
  ],
  [
    'an archived model name',
    () => reg.store.createRegisteredModel({ name: 'old' }),
    'MODEL_EXISTS',
    'name',
  ],
  [
    'a model name with ..',
    () => reg.store.createRegisteredModel({ name: '..' }),
    'INVALID_MODEL_NAME',
    'name',
  ],
  [
    'a model name leaving the folder',
    () => reg.store.createRegisteredModel({ name: '../../x' }),
    'INVALID_MODEL_NAME',
    'name',
  ],
  [
    'a hidden model name',
    () => reg.store.createRegisteredModel({ name: '.m' }),
    'INVALID_MODEL_NAME',
    'name',
  ],
  [
    'a model name with a slash',
    () => reg.store.createRegisteredModel({ name: 'a/b' }),
    'INVALID_MODEL_NAME',
    'name',
  ],
  [
    'an empty model name',
    () => reg.store.createRegisteredModel({ name: '' }),
    'INVALID_MODEL_NAME',
    'name',
  ],
  [
    'a 201-character model name',
    () => reg.store.createRegisteredModel({ name: 'a'.repeat(201) }),
    'INVALID_MODEL_NAME',
    'name',
  ],
  [
    'a non-string tag',
    () => reg.store.createRegisteredModel({ name: 'n', tags: { a: 1 } as never }),
    'INVALID_ARGUMENT',
    'tags',
  ],
  [
    'a reserved protected alias',
    () => reg.store.createRegisteredModel({ name: 'n', protectedAliases: ['latest'] }),
    'RESERVED_ALIAS',
    'protectedAliases[0]',
  ],
  ['a version of an unknown model', version({ model: 'nope' }), 'MODEL_NOT_FOUND', 'model'],
  ['a version of an archived model', version({ model: 'old' }), 'MODEL_ARCHIVED', 'model'],
  ['a version of an unknown run', version({ runId: 'run_missing' }), 'RUN_NOT_FOUND', 'runId'],
  ['a run id leaving runs/', version({ runId: '../registry' }), 'RUN_NOT_FOUND', 'runId'],
  ['a run without facts', version({ runId: 'run_empty' }), 'RUN_NOT_FOUND', 'runId'],
  ['a run with torn meta.json', version({ runId: 'run_torn' }), 'RUN_UNREADABLE', 'runId'],
  [
    'a run whose meta breaks seed 000',
    version({ runId: 'run_bad_meta' }),
    'RUN_UNREADABLE',
    'runId',
  ],
  ['a version with an empty source', version({ source: '' }), 'INVALID_ARGUMENT', 'source'],
  ['a version without by', version({ by: undefined }), 'INVALID_ARGUMENT', 'by'],
  ['an alias on an unknown model', set({ model: 'nope' }), 'MODEL_NOT_FOUND', 'model'],
  ['an alias on an archived model', set({ model: 'old' }), 'MODEL_ARCHIVED', 'model'],
  ['an unknown version', set({ version: 3 }), 'VERSION_NOT_FOUND', 'version'],
  ['a version number 0', set({ version: 0 }), 'INVALID_ARGUMENT', 'version'],
  ['a fractional version', set({ version: 1.5 }), 'INVALID_ARGUMENT', 'version'],
  [
    'a version of another model',
    set({ version: { model: 'other', version: 1 } }),
    'VERSION_NOT_FOUND',
    'version',
  ],
  ['alias latest', set({ alias: 'latest' }), 'RESERVED_ALIAS', 'alias'],
  ['alias LATEST', set({ alias: 'LATEST' }), 'RESERVED_ALIAS', 'alias'],
  ['alias v3', set({ alias: 'v3' }), 'RESERVED_ALIAS', 'alias'],
  ['alias V12', set({ alias: 'V12' }), 'RESERVED_ALIAS', 'alias'],
  ['an alias with a space', set({ alias: 'my alias' }), 'INVALID_ALIAS', 'alias'],
  ['an alias with a dot', set({ alias: 'a.b' }), 'INVALID_ALIAS', 'alias'],
  ['a non-ASCII alias', set({ alias: 'prodé' }), 'INVALID_ALIAS', 'alias'],
  ['an empty alias', set({ alias: '' }), 'INVALID_ALIAS', 'alias'],
  ['a 256-character alias', set({ alias: 'a'.repeat(256) }), 'INVALID_ALIAS', 'alias'],
  ['a stale expectedVersion', set({ expectedVersion: 1 }), 'ALIAS_CONFLICT', 'expectedVersion'],
  [
    'expecting an unset alias that is set',
    set({ expectedVersion: null }),
    'ALIAS_CONFLICT',
    'expectedVersion',
  ],
  ['a protected alias without reason', set({ alias: 'Production' }), 'REASON_REQUIRED', 'reason'],
  [
    'a protected alias with a blank reason',
    set({ alias: 'Staging', version: 2, reason: '  ' }),
    'REASON_REQUIRED',
    'reason',
  ],
  [
    'a protected alias in another case',
    set({ alias: 'production', reason: '' }),
    'REASON_REQUIRED',
    'reason',
  ],
  [
    'a protected alias without permission',
    set({ alias: 'Production', reason: 'ok', canChangeProtected: false }),
    'PROTECTED_ALIAS_FORBIDDEN',
    'alias',
  ],
  [
    'a missing canChangeProtected',
    set({ canChangeProtected: undefined }),
    'INVALID_ARGUMENT',
    'canChangeProtected',
  ],
  ['an empty by', set({ by: '' }), 'INVALID_ARGUMENT', 'by'],
  [
    'a promotion with a stale expectedVersion',
    () =>
      reg.store.promote({
        ...ADMIN,
        model: 'm',
        version: 2,
        to: 'Staging',
        reason: 'r',
        expectedVersion: 2,
      }),
    'ALIAS_CONFLICT',
    'expectedVersion',
  ],
  [
    'deleting an unset alias',
    () => reg.store.deleteModelAlias({ ...ADMIN, model: 'm', alias: 'nope' }),
    'ALIAS_NOT_FOUND',
    'alias',
  ],
  [
    'deleting with a stale expectedVersion',
    () =>
      reg.store.deleteModelAlias({ ...ADMIN, model: 'm', alias: 'champion', expectedVersion: 1 }),
    'ALIAS_CONFLICT',
    'expectedVersion',
  ],
  [
    'deleting a protected alias without permission',
    () =>
      reg.store.deleteModelAlias({
        by: 'x',
        canChangeProtected: false,
        model: 'm',
        alias: 'Staging',
        reason: 'r',
      }),
    'PROTECTED_ALIAS_FORBIDDEN',
    'alias',
  ],
  [
    'archiving an unknown model',
    () => reg.store.archiveModel({ name: 'nope', by: 'a' }),
    'MODEL_NOT_FOUND',
    'name',
  ],
];

describe('bad input gets a typed error and writes nothing', () => {
  it.each(cases)('%s', async (_label, call, code, field) => {
    const before = await snapshotTree(reg.root);
    const error = await call().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RegistryError);
    expect(error).toMatchObject({ code, field });
    expect(await snapshotTree(reg.root)).toEqual(before);
  });

  // The zod checks of registry/inputs.ts keep the messages of the hand checks they replaced.
  it.each([
    [set({ version: 0 }), 'version: must be a version number 1, 2, 3... (got 0)'],
    [set({ version: 1.5 }), 'version: must be a version number 1, 2, 3... (got 1.5)'],
    [set({ by: '' }), 'by: must be a non-empty string (got "")'],
    [set({ by: 'x'.repeat(201) }), 'by: at most 200 characters (got 201)'],
    [set({ reason: 'a\0b' }), 'reason: may not contain a NUL character'],
    [
      set({ canChangeProtected: undefined }),
      'canChangeProtected: must be true or false (got undefined)',
    ],
    [version({ source: 7 }), 'source: must be a non-empty string (got 7)'],
    [version({ description: 7 }), 'description: must be a string (got 7)'],
    [
      () => reg.store.createRegisteredModel({ name: 'n', tags: { a: 1 } as never }),
      'tags.a: must be a string (got 1)',
    ],
    [
      () => reg.store.createRegisteredModel({ name: 'n', tags: [] as never }),
      'tags: must be an object of string values (got [])',
    ],
    [
      () => reg.store.createRegisteredModel({ name: 'n', tags: { '': 'x' } }),
      'tags key: must be a non-empty string (got "")',
    ],
  ])('%#: says what is wrong, where, and what it got', async (call, message) => {
    const error = await call().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', message });
  });

  it('names the current holder in an alias conflict', async () => {
    const error = await set({ expectedVersion: null })().catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'ALIAS_CONFLICT',
      currentVersion: 2,
      expectedVersion: null,
    });
    expect((error as Error).message).toContain('holds version 2');
  });

  it('names the owning model for a version of another model', async () => {
    const error = await set({ version: { model: 'other', version: 1 } })().catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'VERSION_NOT_FOUND',
      details: { ownerModel: 'other', modelName: 'm' },
    });
  });

  it('lists each problem of an unreadable run', async () => {
    const error = await version({ runId: 'run_bad_meta' })().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'RUN_UNREADABLE' });
    expect((error as RegistryError<'RUN_UNREADABLE'>).details.problems.join()).toContain(
      'no-such-level',
    );
  });
});
