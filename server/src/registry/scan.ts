import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isErrnoCode } from '../facts/atomic-write.js';
import { mapConcurrent } from '../facts/concurrent.js';
import type { FactsFileError } from '../facts/errors.js';
import { TEMP_PREFIX } from '../facts/layout.js';
import { modelNameOfFile, modelsDirOf } from './layout.js';
import { readModelFile } from './model-file.js';
import { unsafeModelNameReason } from './names.js';
import type { RegisteredModel } from './schemas.js';

/** An entry in `registry/models/` that is not a model file; reported so it can be cleaned up. */
export interface SkippedModelEntry {
  name: string;
  path: string;
  /** 'temporary': a write in progress, or left by a writer that crashed. */
  reason: 'temporary' | 'not_json' | 'unsafe_name';
  message: string;
}

/** Everything the index needs to rebuild the registry: every model file, read and validated. */
export interface RegistryScan {
  /** Valid models (archived ones included), sorted by name. */
  models: RegisteredModel[];
  /** One per model file that could not be read or validated; its model is left out. */
  errors: FactsFileError[];
  skipped: SkippedModelEntry[];
  /** Latest mtime of the folder and the files read, 0 when there is no folder; for refresh checks. */
  mtimeMs: number;
}

export interface ScanRegistryOptions {
  maxBytes?: number;
  /** How many files are read at once. Default 8. */
  concurrency?: number;
}

/** Reads every model file under `<root>/registry/models/`; bad files never stop it. */
export async function scanRegistry(
  root: string,
  options: ScanRegistryOptions = {},
): Promise<RegistryScan> {
  const dir = modelsDirOf(root);
  let entries: Dirent[];
  let folderMtime: number;
  try {
    entries = await readdir(dir, { withFileTypes: true });
    folderMtime = (await stat(dir)).mtimeMs;
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return { models: [], errors: [], skipped: [], mtimeMs: 0 };
    throw error;
  }
  const skipped: SkippedModelEntry[] = [];
  const paths: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const skip = skipReason(entry.name, path);
    if (skip === null) paths.push(path);
    else skipped.push(skip);
  }
  const models: RegisteredModel[] = [];
  const errors: FactsFileError[] = [];
  let mtimeMs = folderMtime;
  const reads = mapConcurrent(paths, options.concurrency ?? 8, (path) =>
    readModelFile(path, options.maxBytes),
  );
  for await (const read of reads) {
    if (read.mtimeMs !== null) mtimeMs = Math.max(mtimeMs, read.mtimeMs);
    if (read.ok) models.push(read.model);
    else errors.push(read.error);
  }
  models.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  errors.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  skipped.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { models, errors, skipped, mtimeMs };
}

function skipReason(fileName: string, path: string): SkippedModelEntry | null {
  if (fileName.startsWith(TEMP_PREFIX)) {
    const message = `${path} is a model file being written, or left by a writer that crashed; the next write to that model removes it`;
    return { name: fileName, path, reason: 'temporary', message };
  }
  const name = modelNameOfFile(fileName);
  if (name === null) {
    const message = `${path} is not a model file (model files are named <model>.json); move or remove it`;
    return { name: fileName, path, reason: 'not_json', message };
  }
  const unsafe = unsafeModelNameReason(name);
  if (unsafe !== null) {
    const message = `${path} does not name a valid model (${unsafe}); rename or remove it`;
    return { name: fileName, path, reason: 'unsafe_name', message };
  }
  return null;
}
