import { InvalidInputError } from '../domain-error.js';

// Run naming from seed 001: `{slug}__{architecture_code}__{timestamp}`, legacy `{slug}_{timestamp}`.

/** A run id or one of its parts that breaks the naming rule; the message starts with `field`. */
export class NamingError extends InvalidInputError {
  override name = 'NamingError';
  declare readonly field: string;
  constructor(message: string, field: string) {
    super(message, field);
  }
}

const MAX_SLUG = 64;
const MAX_ARCH = 64;
const MAX_RUN_ID = 200;
const TIMESTAMP = /^\d{8}_\d{6}$/;
const SAFE_RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const ARCH_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * A folder-safe slug of an experiment name: ASCII letters, digits, `.`, `_` and `-` only.
 * Runs of `_` collapse to one because `__` separates the parts of a run id.
 */
export function sanitizeName(name: string | null | undefined): string {
  const slug = (name ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/\.{2,}/g, '.')
    .replace(/_{2,}/g, '_')
    .slice(0, MAX_SLUG)
    .replace(/^[._-]+|[._-]+$/g, '');
  return slug === '' ? 'experiment' : slug;
}

/** Checks an architecture code: it becomes part of a folder name, so it is validated, never rewritten. */
export function assertArchitectureCode(code: string): void {
  if (code.length > MAX_ARCH) {
    throw new NamingError(
      `architecture_code is ${code.length} characters; at most ${MAX_ARCH} are allowed`,
      'architecture_code',
    );
  }
  if (!ARCH_CODE.test(code) || code.includes('__') || code.includes('..')) {
    throw new NamingError(
      `architecture_code ${JSON.stringify(code)} may hold only letters, digits, '.', '_' and '-', must start with a letter or digit, and may not contain '__' (the run id separator) or '..'`,
      'architecture_code',
    );
  }
}

/** The UTC timestamp of seed 001, `YYYYMMDD_HHMMSS`. */
export function formatRunTimestamp(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}_${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
}

/** Reads a seed-001 timestamp back as a UTC instant, or null when it is not one. */
export function parseRunTimestamp(timestamp: string): Date | null {
  if (!TIMESTAMP.test(timestamp)) return null;
  const iso = `${timestamp.slice(0, 4)}-${timestamp.slice(4, 6)}-${timestamp.slice(6, 8)}T${timestamp.slice(9, 11)}:${timestamp.slice(11, 13)}:${timestamp.slice(13, 15)}Z`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 19) !== iso.slice(0, 19)
    ? null
    : date;
}

export interface RunIdParts {
  name: string;
  architectureCode: string | null;
  timestamp: string;
  /** 1 for the first run of a second; 2, 3, ... for later runs registered in the same second. */
  sequence: number;
}

/**
 * The run id for the given parts; `sequence` > 1 appends `-N` to the timestamp so that runs
 * registered in the same second get distinct, deterministic ids.
 */
export function formatRunId(parts: RunIdParts): string {
  const slug = sanitizeName(parts.name);
  if (!TIMESTAMP.test(parts.timestamp)) {
    throw new NamingError(
      `timestamp ${JSON.stringify(parts.timestamp)} is not YYYYMMDD_HHMMSS`,
      'timestamp',
    );
  }
  const stamp = parts.sequence > 1 ? `${parts.timestamp}-${parts.sequence}` : parts.timestamp;
  if (parts.architectureCode) {
    assertArchitectureCode(parts.architectureCode);
    return `${slug}__${parts.architectureCode}__${stamp}`;
  }
  return `${slug}_${stamp}`;
}

const WITH_ARCH = /^(.+?)__(.+)__(\d{8}_\d{6})(?:-(\d+))?$/;
const LEGACY = /^(.+)_(\d{8}_\d{6})(?:-(\d+))?$/;

/**
 * Parses a run id or result-folder name back into its parts, or null when it has neither form.
 * The legacy form is matched on the timestamp pattern, not on the last `_`, because the
 * timestamp itself contains one.
 */
export function parseRunId(id: string): RunIdParts | null {
  const full = WITH_ARCH.exec(id);
  if (full?.[1] && full[2] && full[3]) {
    return {
      name: full[1],
      architectureCode: full[2],
      timestamp: full[3],
      sequence: full[4] ? Number(full[4]) : 1,
    };
  }
  const legacy = LEGACY.exec(id);
  if (legacy?.[1] && legacy[2]) {
    return {
      name: legacy[1],
      architectureCode: null,
      timestamp: legacy[2],
      sequence: legacy[3] ? Number(legacy[3]) : 1,
    };
  }
  return null;
}

/** Why a run id could not be a single folder under `runs/`, or null when it is safe. */
export function unsafeRunIdReason(id: string): string | null {
  if (id.length === 0) return 'it is empty';
  if (id.length > MAX_RUN_ID) return `it is ${id.length} characters; at most ${MAX_RUN_ID}`;
  if (id.includes('\0')) return 'it contains a NUL character';
  if (id.includes('/') || id.includes('\\')) return "it contains '/' or '\\'";
  if (id.includes('..')) return "it contains '..'";
  if (id.startsWith('.')) return "it starts with '.'";
  if (!SAFE_RUN_ID.test(id)) return "it may hold only letters, digits, '.', '_' and '-'";
  return null;
}

export function isSafeRunId(id: string): boolean {
  return unsafeRunIdReason(id) === null;
}

export function assertSafeRunId(id: string): void {
  const reason = unsafeRunIdReason(id);
  if (reason)
    throw new NamingError(`run id ${JSON.stringify(id)} is not allowed: ${reason}`, 'runId');
}
