import { stringify } from 'csv-stringify/sync';

export type Format = 'table' | 'csv' | 'json' | 'jsonl';
export const FORMATS: Format[] = ['table', 'csv', 'json', 'jsonl'];

type Cell = string | number | boolean | null | undefined;

function text(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : value.toPrecision(6).replace(/\.?0+$/, '');
  return String(value);
}

/**
 * A plain-text table that fits `width` columns: the widest columns give up characters first and
 * cut values end in an ellipsis.
 */
export function renderTable(headers: string[], rows: Cell[][], width: number): string {
  const cells = rows.map((r) => r.map(text));
  const widths = headers.map((h, i) =>
    Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)),
  );
  const budget = Math.max(headers.length * 4, width - 2 * (headers.length - 1));
  while (widths.reduce((a, b) => a + b, 0) > budget) {
    const widest = widths.indexOf(Math.max(...widths));
    if ((widths[widest] ?? 0) <= 4) break;
    widths[widest] = (widths[widest] ?? 0) - 1;
  }
  const fit = (value: string, w: number) =>
    value.length > w ? `${value.slice(0, w - 1)}…` : value.padEnd(w);
  const line = (values: string[]) =>
    values
      .map((v, i) => fit(v, widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** Writes records in the chosen format: a terminal-wide table, RFC 4180 CSV, JSON or JSON lines. */
export function printRecords(
  format: Format,
  headers: string[],
  rows: Cell[][],
  records: unknown[],
): void {
  const out = process.stdout;
  if (format === 'json') out.write(`${JSON.stringify(records, null, 2)}\n`);
  else if (format === 'jsonl') for (const r of records) out.write(`${JSON.stringify(r)}\n`);
  else if (format === 'csv')
    out.write(stringify([headers, ...rows.map((r) => r.map(text))], { record_delimiter: '\r\n' }));
  else out.write(`${renderTable(headers, rows, out.isTTY ? out.columns : 120)}\n`);
}

export function parseFormat(value: string): Format {
  if (!FORMATS.includes(value as Format)) {
    throw new Error(`--format must be one of ${FORMATS.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as Format;
}
