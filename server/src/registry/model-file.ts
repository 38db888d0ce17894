import { readdir, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { isErrnoCode, writeFileAtomic } from '../facts/atomic-write.js';
import { type FactsFileError, LockCompromisedError } from '../facts/errors.js';
import { describeIssues } from '../facts/issue-messages.js';
import { TEMP_PREFIX, toJsonText } from '../facts/layout.js';
import { DEFAULT_JSON_MAX_BYTES, readJsonFile } from '../facts/read-json.js';
import { RegistryError } from './errors.js';
import { modelNameOfFile } from './layout.js';
import { RegisteredModel } from './schemas.js';

/** A model as read from disk; `raw` is the parsed JSON before validation, for append-only checks. */
export interface LoadedModel {
  model: RegisteredModel;
  raw: { versions: unknown[]; history: unknown[] };
  mtimeMs: number;
  /** Inode, size and mtime taken before reading; a rename by another writer changes it. */
  identity: string | null;
}

export type ModelReadResult =
  | ({ ok: true } & LoadedModel)
  | { ok: false; error: FactsFileError; mtimeMs: number | null };

/** Reads and validates one model file; never throws for a bad file. */
export async function readModelFile(
  path: string,
  maxBytes = DEFAULT_JSON_MAX_BYTES,
): Promise<ModelReadResult> {
  const label = basename(path);
  const identity = await fileIdentity(path);
  const read = await readJsonFile(path, z.unknown(), { maxBytes, label });
  if (!read.ok) return read;
  const fail = (message: string): ModelReadResult => ({
    ok: false,
    error: { path, kind: 'schema', message },
    mtimeMs: read.mtimeMs,
  });
  const checked = RegisteredModel.safeParse(read.value);
  if (!checked.success) {
    const problems = describeIssues(label, checked.error, read.value);
    return fail(`${problems.join('; ')} (in ${path}); fix these fields`);
  }
  const expected = modelNameOfFile(label);
  if (checked.data.name !== expected) {
    return fail(
      `${label}: name: ${JSON.stringify(checked.data.name)} differs from its file name ${JSON.stringify(expected)} (in ${path}); rename the file or fix name`,
    );
  }
  const raw = read.value as LoadedModel['raw'];
  return { ok: true, model: checked.data, raw, mtimeMs: read.mtimeMs, identity };
}

/**
 * Validates `next` and replaces the model file with it atomically. `previous` is the file as read
 * under the same lock (null when creating it): its versions and history must be kept, byte for
 * byte, at the start of the new ones, and it must still be the file on disk: if another writer
 * replaced it (only possible when the lock was lost), the write is refused rather than losing
 * that writer's history. Call only while holding the model's lock.
 */
export async function commitModelFile(
  path: string,
  previous: LoadedModel | null,
  next: unknown,
): Promise<RegisteredModel> {
  const label = basename(path);
  if (previous !== null) {
    const name = previous.model.name;
    assertAppendOnly(name, 'versions', previous.raw.versions, arrayField(next, 'versions'));
    assertAppendOnly(name, 'history', previous.raw.history, arrayField(next, 'history'));
  }
  const checked = RegisteredModel.safeParse(next);
  if (!checked.success) {
    const problems = describeIssues(label, checked.error, next);
    const message = `${problems.join('; ')}; nothing was written`;
    throw new RegistryError('INVALID_ARGUMENT', { message }, 'model');
  }
  const model = checked.data;
  if (model.name !== modelNameOfFile(label)) {
    const message = `name: ${JSON.stringify(model.name)} does not match ${label}; nothing was written`;
    throw new RegistryError('INVALID_ARGUMENT', { message }, 'name');
  }
  if ((await fileIdentity(path)) !== (previous?.identity ?? null)) {
    const cause = new Error(`${path} was replaced by another writer after it was read`);
    throw new LockCompromisedError(dirname(path), cause);
  }
  await writeFileAtomic(path, toJsonText(model));
  return model;
}

async function fileIdentity(path: string): Promise<string | null> {
  try {
    const { ino, size, mtimeMs } = await stat(path);
    return `${ino}:${size}:${mtimeMs}`;
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return null;
    throw error;
  }
}

function arrayField(value: unknown, key: string): unknown[] {
  const field =
    typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)[key]
      : undefined;
  return Array.isArray(field) ? field : [];
}

/** Throws unless `after` starts with every entry of `before`, each serializing to the same bytes. */
export function assertAppendOnly(
  modelName: string,
  field: 'versions' | 'history',
  before: readonly unknown[],
  after: readonly unknown[],
): void {
  if (after.length < before.length) {
    const detail = `${before.length} entries would become ${after.length}`;
    throw new RegistryError('APPEND_ONLY_VIOLATION', { modelName, detail }, field);
  }
  before.forEach((entry, i) => {
    if (stableJson(entry) !== stableJson(after[i])) {
      const detail = `entry ${i} would change`;
      throw new RegistryError('APPEND_ONLY_VIOLATION', { modelName, detail }, field);
    }
  });
}

/** JSON with object keys sorted, so key order (which zod may change) does not count as a change. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(v).sort()) sorted[key] = (v as Record<string, unknown>)[key];
    return sorted;
  });
}

/**
 * Deletes temp files a crashed writer of this model left. Another model's temp name always has
 * `.json` after this prefix (its name starts with `<name>.json-`), this model's never has a dot.
 */
export async function removeModelTempFiles(path: string): Promise<void> {
  const dir = dirname(path);
  const prefix = `${TEMP_PREFIX}${basename(path)}-`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return;
    throw error;
  }
  for (const name of names) {
    if (name.startsWith(prefix) && !name.slice(prefix.length).includes('.')) {
      await unlink(join(dir, name)).catch(() => undefined);
    }
  }
}
