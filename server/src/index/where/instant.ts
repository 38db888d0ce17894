const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|z|[+-]\d{2}:?\d{2})?)?$/;

// Years 0000-9999 only, so the bound ISO text is one DuckDB always parses.
const MIN_MS = -62_167_219_200_000; // 0000-01-01T00:00:00.000Z
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * Reads an ISO-8601 date or date-time (no zone = UTC) into canonical `YYYY-MM-DDTHH:MM:SS.sssZ`,
 * or `undefined` if it is not one. Strict on purpose: V8's Date.parse accepts `2024-02-30`.
 */
export function isoFromText(text: string): string | undefined {
  const m = ISO_INSTANT.exec(text.trim());
  if (m === null) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(
    (part) => Number(part ?? 0),
  ) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear puts them back.
  const date = new Date(utc);
  date.setUTCFullYear(year);
  const offsetMs = zoneOffsetMs(m[8]);
  if (offsetMs === undefined) return undefined;
  return isoFromEpochMs(date.getTime() - offsetMs);
}

/** Epoch milliseconds (as MLflow uses) to canonical ISO, or `undefined` if out of range. */
export function isoFromEpochMs(ms: number): string | undefined {
  if (!Number.isFinite(ms) || ms < MIN_MS || ms > MAX_MS) return undefined;
  return new Date(Math.trunc(ms)).toISOString();
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function zoneOffsetMs(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === 'Z' || zone === 'z') return 0;
  const digits = zone.replace(':', '');
  const hours = Number(digits.slice(1, 3));
  const minutes = Number(digits.slice(3, 5));
  if (hours > 23 || minutes > 59) return undefined;
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (hours * 60 + minutes) * 60_000;
}
