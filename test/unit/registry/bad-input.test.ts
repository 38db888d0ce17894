import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AliasConflictError,
  AliasNotFoundError,
  InvalidAliasError,
  InvalidModelNameError,
  ModelArchivedError,
  ModelExistsError,
  ModelNotFoundError,
  ProtectedAliasForbiddenError,
  ReasonRequiredError,
  type RegistryError,
  RegistryRunNotFoundError,
  RegistryValidationError,
  ReservedAliasError,
  RunUnreadableError,
  VersionNotFoundError,
} from '../../../server/src/registry/index.js';
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

type Case = [
  string,
  () => Promise<unknown>,
  abstract new (...args: never[]) => RegistryError,
  string,
];

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
    ModelExistsError,
    'name',
  ],
  [
    'an archived model name',
    () => reg.store.createRegisteredModel({ name: 'old' }),
    ModelExistsError,
    'name',
  ],
  [
    'a model name with ..',
    () => reg.store.createRegisteredModel({ name: '..' }),
    InvalidModelNameError,
    'name',
  ],
  [
    'a model name leaving the folder',
    () => reg.store.createRegisteredModel({ name: '../../x' }),
    InvalidModelNameError,
    'name',
  ],
  [
    'a hidden model name',
    () => reg.store.createRegisteredModel({ name: '.m' }),
    InvalidModelNameError,
    'name',
  ],
  [
    'a model name with a slash',
    () => reg.store.createRegisteredModel({ name: 'a/b' }),
    InvalidModelNameError,
    'name',
  ],
  [
    'an empty model name',
    () => reg.store.createRegisteredModel({ name: '' }),
    InvalidModelNameError,
    'name',
  ],
  [
    'a 201-character model name',
    () => reg.store.createRegisteredModel({ name: 'a'.repeat(201) }),
    InvalidModelNameError,
    'name',
  ],
  [
    'a non-string tag',
    () => reg.store.createRegisteredModel({ name: 'n', tags: { a: 1 } as never }),
    RegistryValidationError,
    'tags',
  ],
  [
    'a reserved protected alias',
    () => reg.store.createRegisteredModel({ name: 'n', protectedAliases: ['latest'] }),
    ReservedAliasError,
    'protectedAliases[0]',
  ],
  ['a version of an unknown model', version({ model: 'nope' }), ModelNotFoundError, 'model'],
  ['a version of an archived model', version({ model: 'old' }), ModelArchivedError, 'model'],
  [
    'a version of an unknown run',
    version({ runId: 'run_missing' }),
    RegistryRunNotFoundError,
    'runId',
  ],
  ['a run id leaving runs/', version({ runId: '../registry' }), RegistryRunNotFoundError, 'runId'],
  ['a run without facts', version({ runId: 'run_empty' }), RegistryRunNotFoundError, 'runId'],
  ['a run with torn meta.json', version({ runId: 'run_torn' }), RunUnreadableError, 'runId'],
  [
    'a run whose meta breaks seed 000',
    version({ runId: 'run_bad_meta' }),
    RunUnreadableError,
    'runId',
  ],
  ['a version with an empty source', version({ source: '' }), RegistryValidationError, 'source'],
  ['a version without by', version({ by: undefined }), RegistryValidationError, 'by'],
  ['an alias on an unknown model', set({ model: 'nope' }), ModelNotFoundError, 'model'],
  ['an alias on an archived model', set({ model: 'old' }), ModelArchivedError, 'model'],
  ['an unknown version', set({ version: 3 }), VersionNotFoundError, 'version'],
  ['a version number 0', set({ version: 0 }), RegistryValidationError, 'version'],
  ['a fractional version', set({ version: 1.5 }), RegistryValidationError, 'version'],
  [
    'a version of another model',
    set({ version: { model: 'other', version: 1 } }),
    VersionNotFoundError,
    'version',
  ],
  ['alias latest', set({ alias: 'latest' }), ReservedAliasError, 'alias'],
  ['alias LATEST', set({ alias: 'LATEST' }), ReservedAliasError, 'alias'],
  ['alias v3', set({ alias: 'v3' }), ReservedAliasError, 'alias'],
  ['alias V12', set({ alias: 'V12' }), ReservedAliasError, 'alias'],
  ['an alias with a space', set({ alias: 'my alias' }), InvalidAliasError, 'alias'],
  ['an alias with a dot', set({ alias: 'a.b' }), InvalidAliasError, 'alias'],
  ['a non-ASCII alias', set({ alias: 'prodé' }), InvalidAliasError, 'alias'],
  ['an empty alias', set({ alias: '' }), InvalidAliasError, 'alias'],
  ['a 256-character alias', set({ alias: 'a'.repeat(256) }), InvalidAliasError, 'alias'],
  ['a stale expectedVersion', set({ expectedVersion: 1 }), AliasConflictError, 'expectedVersion'],
  [
    'expecting an unset alias that is set',
    set({ expectedVersion: null }),
    AliasConflictError,
    'expectedVersion',
  ],
  ['a protected alias without reason', set({ alias: 'Production' }), ReasonRequiredError, 'reason'],
  [
    'a protected alias with a blank reason',
    set({ alias: 'Staging', version: 2, reason: '  ' }),
    ReasonRequiredError,
    'reason',
  ],
  [
    'a protected alias in another case',
    set({ alias: 'production', reason: '' }),
    ReasonRequiredError,
    'reason',
  ],
  [
    'a protected alias without permission',
    set({ alias: 'Production', reason: 'ok', canChangeProtected: false }),
    ProtectedAliasForbiddenError,
    'alias',
  ],
  [
    'a missing canChangeProtected',
    set({ canChangeProtected: undefined }),
    RegistryValidationError,
    'canChangeProtected',
  ],
  ['an empty by', set({ by: '' }), RegistryValidationError, 'by'],
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
    AliasConflictError,
    'expectedVersion',
  ],
  [
    'deleting an unset alias',
    () => reg.store.deleteModelAlias({ ...ADMIN, model: 'm', alias: 'nope' }),
    AliasNotFoundError,
    'alias',
  ],
  [
    'deleting with a stale expectedVersion',
    () =>
      reg.store.deleteModelAlias({ ...ADMIN, model: 'm', alias: 'champion', expectedVersion: 1 }),
    AliasConflictError,
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
    ProtectedAliasForbiddenError,
    'alias',
  ],
  [
    'archiving an unknown model',
    () => reg.store.archiveModel({ name: 'nope', by: 'a' }),
    ModelNotFoundError,
    'name',
  ],
];

describe('bad input gets a typed error and writes nothing', () => {
  it.each(cases)('%s', async (_label, call, errorClass, field) => {
    const before = await snapshotTree(reg.root);
    const error = await call().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(errorClass);
    expect((error as RegistryError).field).toBe(field);
    expect(await snapshotTree(reg.root)).toEqual(before);
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
    expect(error).toMatchObject({ code: 'VERSION_NOT_FOUND', ownerModel: 'other', modelName: 'm' });
  });

  it('lists each problem of an unreadable run', async () => {
    const error = await version({ runId: 'run_bad_meta' })().catch((e: unknown) => e);
    expect((error as RunUnreadableError).problems.join()).toContain('no-such-level');
  });
});
