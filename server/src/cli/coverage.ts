import type { Command } from 'commander';
import type { CoverageDimension } from '../../../sdk/src/index.js';
import { parseFormat, printRecords } from './format.js';
import { type ClientFlags, withClient, withClientFlags } from './sdk-client.js';

interface CoverageFlags extends ClientFlags {
  metric: string;
  rows: string;
  columns: string;
  lower?: boolean;
  includeNeedsReview?: boolean;
  format: string;
}

/** `ROW_KEY` or `param:model.pooling` to the API's dimension and param. */
function dimension(spec: string): { dim: CoverageDimension; param?: string } {
  if (spec.startsWith('param:')) return { dim: 'PARAM', param: spec.slice(6) };
  return { dim: spec.toUpperCase() as CoverageDimension };
}

export function registerCoverage(program: Command): void {
  withClientFlags(
    program
      .command('coverage')
      .description('coverage grid (seed 000): best / median / count of a metric per row x column')
      .option('--metric <key>', 'metric key', 'auroc')
      .option(
        '--rows <dim>',
        'ROW_KEY, MODEL_FAMILY, DATASET_NAME, PROCESS_GROUPS_KEY, TOKENIZATION, GOAL, EXPERIMENT or param:<key>',
        'ROW_KEY',
      )
      .option('--columns <dim>', 'as --rows', 'MODEL_FAMILY')
      .option('--lower', 'lower is better (losses, MAE)')
      .option('--include-needs-review', 'count runs that need review too')
      .option('--format <format>', 'table, csv, json or jsonl', 'table'),
  ).action(async (flags: CoverageFlags) => {
    const format = parseFormat(flags.format);
    const rows = dimension(flags.rows);
    const columns = dimension(flags.columns);
    const { coverage } = await withClient(flags, (client) =>
      client.op.coverage({
        metric: flags.metric,
        rows: rows.dim,
        rowsParam: rows.param,
        columns: columns.dim,
        columnsParam: columns.param,
        direction: flags.lower ? 'LOWER' : 'HIGHER',
        includeNeedsReview: flags.includeNeedsReview ?? false,
      }),
    );
    if (format !== 'table') {
      printRecords(
        format,
        ['row', 'column', 'best', 'median', 'n_runs', 'best_run'],
        coverage.cells.map((c) => [
          c.row,
          c.column,
          c.best,
          c.median,
          c.nRuns,
          c.bestRun?.id ?? null,
        ]),
        coverage.cells,
      );
      return;
    }
    const cell = new Map(coverage.cells.map((c) => [`${c.row}\u0000${c.column}`, c]));
    const fmt = (n: number) => n.toFixed(3);
    printRecords(
      'table',
      [`${flags.metric}: best / median (n)`, ...coverage.columns.map((c) => c ?? '(none)')],
      coverage.rows.map((r) => [
        r ?? '(none)',
        ...coverage.columns.map((c) => {
          const x = cell.get(`${r}\u0000${c}`);
          return x ? `${fmt(x.best)} / ${fmt(x.median)} (${x.nRuns})` : '-';
        }),
      ]),
      coverage.cells,
    );
  });
}
