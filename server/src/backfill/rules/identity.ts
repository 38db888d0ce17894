import {
  assertArchitectureCode,
  formatRunId,
  formatRunTimestamp,
  isSafeRunId,
  parseRunId,
  parseRunTimestamp,
  sanitizeName,
} from '../../meta/index.js';

export interface RunIdentity {
  /** The proposed run id; a collision with another source adds a sequence suffix later. */
  runId: string;
  name: string;
  architectureCode: string | null;
  timestamp: string;
  /** The instant of `timestamp`. */
  date: Date;
  /** True when the folder name itself is the run id. */
  keptFolderName: boolean;
}

function validArch(code: string | null | undefined): string | null {
  if (!code) return null;
  try {
    assertArchitectureCode(code);
    return code;
  } catch {
    return null;
  }
}

/** The name without the timestamps it embeds (`run_20251008_145809_lgbm` -> `run_lgbm`); they are added back once. */
export function withoutTimestamps(name: string): string {
  const stripped = name
    .replace(/_?\d{8}_\d{6}/g, '')
    .replace(/_?\d{4}-\d{2}-\d{2}[_T/ ]\d{2}-\d{2}-\d{2}/g, '')
    .replace(/^[._-]+|[._-]+$/g, '');
  return stripped === '' ? name : stripped;
}

/**
 * A seed-001 folder name (`{name}__{arch}__{ts}` or `{name}_{ts}`) that is a safe id is kept as
 * the run id; otherwise the id is formatRunId of the sanitized name and the start time.
 */
export function runIdentity(args: {
  folderName: string;
  name: string;
  architectureCode?: string | null;
  start: Date;
}): RunIdentity {
  const parts = parseRunId(args.folderName);
  const date = parts ? parseRunTimestamp(parts.timestamp) : null;
  if (parts && date && isSafeRunId(args.folderName)) {
    return {
      runId: args.folderName,
      name: parts.name,
      architectureCode: parts.architectureCode,
      timestamp: parts.timestamp,
      date,
      keptFolderName: true,
    };
  }
  const timestamp = formatRunTimestamp(args.start);
  const name = sanitizeName(withoutTimestamps(args.name));
  const architectureCode = validArch(args.architectureCode);
  return {
    runId: formatRunId({ name, architectureCode, timestamp, sequence: 1 }),
    name,
    architectureCode,
    timestamp,
    date: new Date(Math.floor(args.start.getTime() / 1000) * 1000),
    keptFolderName: false,
  };
}
