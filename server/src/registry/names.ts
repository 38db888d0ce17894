import { RegistryError } from './errors.js';

export const MAX_MODEL_NAME = 200;
export const MAX_ALIAS = 255;
export const DEFAULT_PROTECTED_ALIASES: readonly string[] = ['Staging', 'Production'];

const MODEL_NAME = /^[A-Za-z0-9_.-]+$/;
const ALIAS = /^[A-Za-z0-9_-]+$/;
const VERSION_ALIAS = /^[vV](\d+)$/;

/** Why `name` could not be a file name under `registry/models/`, or null when it is safe. */
export function unsafeModelNameReason(name: unknown): string | null {
  if (typeof name !== 'string')
    return `it is ${name === null ? 'null' : typeof name}, not a string`;
  if (name.length === 0) return 'it is empty';
  if (name.length > MAX_MODEL_NAME)
    return `it is ${name.length} characters; at most ${MAX_MODEL_NAME}`;
  if (!MODEL_NAME.test(name)) return "it may hold only letters, digits, '_', '-' and '.'";
  if (name.startsWith('.')) return "it starts with '.'";
  if (name.includes('..')) return "it contains '..'";
  return null;
}

export function assertModelName(name: unknown, field = 'name'): asserts name is string {
  const reason = unsafeModelNameReason(name);
  if (reason !== null) {
    throw new RegistryError('INVALID_MODEL_NAME', { modelName: String(name), reason }, field);
  }
}

/**
 * Checks an alias against MLflow's rule so aliases can be mirrored there: `[A-Za-z0-9_-]`,
 * 1 to 255 characters, and neither `latest` (any case) nor `v<digits>`, which name versions.
 */
export function assertAliasName(alias: unknown, field = 'alias'): asserts alias is string {
  const problem = aliasProblem(alias);
  if (problem === null) return;
  const code = problem.reserved ? 'RESERVED_ALIAS' : 'INVALID_ALIAS';
  throw new RegistryError(code, { alias: String(alias), reason: problem.reason }, field);
}

export function aliasProblem(alias: unknown): { reserved: boolean; reason: string } | null {
  const bad = (reason: string) => ({ reserved: false, reason });
  if (typeof alias !== 'string') return bad('it is not a string');
  if (alias.length === 0) return bad('it is empty');
  if (alias.length > MAX_ALIAS)
    return bad(`it is ${alias.length} characters; at most ${MAX_ALIAS}`);
  if (!ALIAS.test(alias)) return bad("it may hold only letters, digits, '_' and '-'");
  if (isLatestAlias(alias)) {
    return { reserved: true, reason: "'latest' (any case) is reserved for the newest version" };
  }
  if (versionOfVersionAlias(alias) !== null) {
    return { reserved: true, reason: `'${alias}' is reserved: v<digits> names a version` };
  }
  return null;
}

export function isLatestAlias(alias: string): boolean {
  return alias.toLowerCase() === 'latest';
}

/** 3 for `v3` or `V3`, null for anything else. */
export function versionOfVersionAlias(alias: string): number | null {
  const digits = VERSION_ALIAS.exec(alias)?.[1];
  return digits === undefined ? null : Number(digits);
}

/**
 * Protection ignores case, so that `production` cannot be used to sidestep the reason and
 * permission that `Production` needs.
 */
export function isProtectedAlias(protectedAliases: readonly string[], alias: string): boolean {
  const folded = alias.toLowerCase();
  return protectedAliases.some((name) => name.toLowerCase() === folded);
}
