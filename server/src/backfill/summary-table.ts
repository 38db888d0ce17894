import type { BackfillReport } from './types.js';

const WIDTH = 80;

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `...${text.slice(text.length - max + 3)}`;
}

/** A label and up to three `name  n` cells: 14 + 3 x 22 = 80 columns. */
function row(label: string, pairs: Array<[string, number]>): string {
  const cells = pairs.map(([name, n]) => `${name.padEnd(10)}${String(n).padStart(10)}  `);
  return `${label.padEnd(14)}${cells.join('')}`.trimEnd();
}

/** A total and one indented line per kind, sorted by name. */
function breakdown(
  title: string,
  total: number,
  counts: Partial<Record<string, number>>,
): string[] {
  const entries = Object.entries(counts).filter((e): e is [string, number] => (e[1] ?? 0) > 0);
  if (total === 0) return [];
  return [
    row(title, [['total', total]]),
    ...entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([kind, n]) => `  ${shorten(kind, 40).padEnd(42)}${String(n).padStart(10)}`),
  ];
}

const sum = (counts: Partial<Record<string, number>>) =>
  Object.values(counts).reduce((a: number, n) => a + (n ?? 0), 0);

function registryRows(report: BackfillReport): string[] {
  const r = report.registry;
  if (r.models === 0) return [];
  return [
    row('registry', [
      ['models', r.models],
      ['new', r.modelsCreated],
      ['aliases', r.aliasesSet],
    ]),
    row('  versions', [
      ['created', r.versionsCreated],
      ['unchanged', r.versionsUnchanged],
      ['skipped', r.versionsSkipped],
    ]),
  ];
}

/** The end-of-run summary: counts, confidence, review reasons and problems, within 80 columns. */
export function formatSummary(report: BackfillReport, verb = 'backfill'): string {
  const c = report.counts;
  const mode = [report.dryRun ? 'dry run' : '', report.aborted ? 'ABORTED' : '']
    .filter(Boolean)
    .join(', ');
  const lines = [
    shorten(`${verb} ${report.runsDir}`, WIDTH),
    shorten(`    into ${report.root}${mode ? ` (${mode})` : ''}`, WIDTH),
    row('runs', [
      ['found', c.found],
      ['read', c.read],
      ['failed', c.failed],
    ]),
    row(report.dryRun ? 'would write' : 'written', [
      ['created', c.created],
      ['updated', c.updated],
      ['unchanged', c.unchanged],
    ]),
    row('confidence', [
      ['high', report.byConfidence.high],
      ['medium', report.byConfidence.medium],
      ['low', report.byConfidence.low],
    ]),
    ...breakdown('needs review', report.needsReview, report.needsReviewByReason),
    ...breakdown('not runs', report.notRuns.length, report.notRunsByKind),
    ...registryRows(report),
    ...breakdown('errors', sum(report.errorsByKind), report.errorsByKind),
    ...breakdown('warnings', sum(report.warningsByKind), report.warningsByKind),
  ];
  if (c.skipped > 0) lines.splice(3, 0, row('', [['skipped', c.skipped]]));
  return `${lines.join('\n')}\n`;
}
