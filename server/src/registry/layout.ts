import { join } from 'node:path';
import { assertModelName } from './names.js';

/** `<root>/registry/models/<name>.json` holds the facts; `<root>/registry/locks/<name>/` its lock. */
export const REGISTRY_DIR = 'registry';
export const MODELS_DIR = 'models';
export const LOCKS_DIR = 'locks';
export const MODEL_FILE_EXT = '.json';

export function modelsDirOf(root: string): string {
  return join(root, REGISTRY_DIR, MODELS_DIR);
}

export function locksDirOf(root: string): string {
  return join(root, REGISTRY_DIR, LOCKS_DIR);
}

/** The model's file; throws INVALID_MODEL_NAME for a name that could leave the folder. */
export function modelFilePath(root: string, name: string, field = 'name'): string {
  assertModelName(name, field);
  return join(modelsDirOf(root), `${name}${MODEL_FILE_EXT}`);
}

/** The model name of a file name in the models folder, or null when it is not `*.json`. */
export function modelNameOfFile(fileName: string): string | null {
  return fileName.endsWith(MODEL_FILE_EXT) ? fileName.slice(0, -MODEL_FILE_EXT.length) : null;
}
