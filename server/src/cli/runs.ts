import type { Command } from 'commander';
import type { RunNode } from '../../../sdk/src/index.js';
import { parseFormat, printRecords } from './format.js';
import { type ClientFlags, withClient, withClientFlags } from './sdk-client.js';

const DEFAULT_COLUMNS = ['id', 'status', 'meta.modelFamily', 'meta.rowKey'];

const ATTRIBUTE_ALIASES: Record<string, string> = {
  run_id: 'id',
  run_name: 'name',
  start_time: 'startedAt',
  end_time: 'endedAt',
};
const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** A where-style field (`attributes.started_at`, `meta.model_family`) as a column spec (`startedAt`, `meta.modelFamily`). */
export function columnFor(field: string): string {
  const [prefix, ...rest] = field.split('.');
  const key = rest.join('.');
  if (prefix === 'attributes' || prefix === 'attribute' || prefix === 'run')
    return ATTRIBUTE_ALIASES[key] ?? camel(key);
  if (prefix === 'meta') return `meta.${camel(key.replace(/^datatreatment[._]/, ''))}`;
  return field;
}

/** The value of a column spec (`id`, `status`, `meta.rowKey`, `metrics.auroc`, `params.lr`, `tags.note`). */
export function columnValue(run: RunNode, column: string): string | number | boolean | null {
  const [prefix, ...rest] = column.split('.');
  const key = rest.join('.');
  if (prefix === 'metrics') return run.metrics.find((m) => m.key === key)?.value ?? null;
  if (prefix === 'params') return run.params.find((p) => p.key === key)?.value ?? null;
  if (prefix === 'tags') return run.tags.find((t) => t.key === key)?.value ?? null;
  if (prefix === 'meta') {
    const meta = run.meta as Record<string, unknown>;
    const value = key in meta ? meta[key] : (meta.datatreatment as Record<string, unknown>)[key];
    return value === undefined || value === null
      ? null
      : typeof value === 'object'
        ? JSON.stringify(value)
        : (value as string);
  }
  const value = (run as Record<string, unknown>)[column];
  return value === undefined || value === null
    ? null
    : typeof value === 'object'
      ? JSON.stringify(value)
      : (value as string);
}

interface RunsFlags extends ClientFlags {
  where?: string;
  sort?: string;
  desc?: boolean;
  limit: string;
  format: string;
  columns?: string;
}

export function registerRuns(program: Command): void {
  withClientFlags(
    program
      .command('runs')
      .description('list runs matching an MLflow-style filter, sorted by any field')
      .option(
        '--where <filter>',
        'e.g. "metrics.auroc > 0.9 and meta.model_family = \'transformer\'"',
      )
      .option('--sort <field>', 'e.g. metrics.auroc, attributes.started_at, params.lr')
      .option('--desc', 'sort descending')
      .option('--limit <n>', 'at most this many runs (0 = all)', '20')
      .option('--format <format>', 'table, csv, json or jsonl', 'table')
      .option(
        '--columns <list>',
        `comma-separated columns (default ${DEFAULT_COLUMNS.join(',')} plus the sort field)`,
      ),
  ).action(async (flags: RunsFlags) => {
    const format = parseFormat(flags.format);
    const limit = Number(flags.limit);
    if (!Number.isInteger(limit) || limit < 0)
      throw new Error(`--limit must be a whole number >= 0, got ${flags.limit}`);
    const columns = flags.columns
      ? flags.columns.split(',').map((c) => columnFor(c.trim()))
      : [...new Set([...DEFAULT_COLUMNS, ...(flags.sort ? [columnFor(flags.sort)] : [])])];
    const runs: RunNode[] = [];
    await withClient(flags, async (client) => {
      const orderBy = flags.sort
        ? [{ field: flags.sort, direction: flags.desc ? ('DESC' as const) : ('ASC' as const) }]
        : undefined;
      for await (const run of client.runs({
        where: flags.where,
        orderBy,
        pageSize: limit > 0 ? Math.min(limit, 1000) : 500,
      })) {
        runs.push(run);
        if (limit > 0 && runs.length >= limit) break;
      }
    });
    printRecords(
      format,
      columns,
      runs.map((r) => columns.map((c) => columnValue(r, c))),
      runs,
    );
  });
}
