/** Start times of old runs: from the files when they say, else from the folder path, else mtime. */

export type StartedFrom = 'source' | 'folder_name' | 'file_mtime';

export interface StartTime {
  date: Date;
  from: StartedFrom;
}

const COMPACT = /(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})/g;
// Hydra's default output dirs: outputs/2024-05-01/12-00-00, multirun/2024-05-01/12-00-00/3.
const HYDRA = /(\d{4})-(\d{2})-(\d{2})[/_T ](\d{2})[-:](\d{2})[-:](\d{2})/g;

function utc(parts: readonly string[]): Date | null {
  const [y, mo, d, h, mi, s] = parts.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  const ok =
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d &&
    date.getUTCHours() === h &&
    date.getUTCMinutes() === mi &&
    date.getUTCSeconds() === s;
  return ok ? date : null;
}

/**
 * The last date-time written in a path (`..._20241112_143027` or Hydra's `2024-11-12/14-30-27`),
 * read as UTC because the writer's time zone is not recorded anywhere.
 */
export function timeInPath(path: string): Date | null {
  let best: { index: number; date: Date } | null = null;
  for (const re of [COMPACT, HYDRA]) {
    for (const m of path.matchAll(re)) {
      const date = utc(m.slice(1));
      if (date && (best === null || m.index >= best.index)) best = { index: m.index, date };
    }
  }
  return best?.date ?? null;
}

/** An instant written by a tool: ISO-8601 (no zone = UTC), `YYYYMMDD_HHMMSS`, or epoch milliseconds. */
export function parseInstant(value: unknown): Date | null {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const compact = /^(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (compact) return utc(compact.slice(1));
  const iso =
    /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (!iso) return null;
  const zone = iso[8] ?? 'Z';
  const date = new Date(
    `${iso.slice(1, 4).join('-')}T${iso.slice(4, 7).join(':')}${iso[7] ?? ''}${zone}`,
  );
  return Number.isNaN(date.getTime()) ? null : date;
}

/** ISO-8601 UTC without milliseconds when they are zero, as run.json stores times. */
export function isoUtc(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}

/** The first explicit instant among `values`, else a time in `path`, else `mtimeMs`. */
export function startTime(values: readonly unknown[], path: string, mtimeMs: number): StartTime {
  for (const value of values) {
    const date = parseInstant(value);
    if (date) return { date, from: 'source' };
  }
  const inPath = timeInPath(path);
  if (inPath) return { date: inPath, from: 'folder_name' };
  return { date: new Date(Math.floor(mtimeMs / 1000) * 1000), from: 'file_mtime' };
}
