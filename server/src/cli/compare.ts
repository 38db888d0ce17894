import type { Command } from 'commander';
import { parseFormat, printRecords } from './format.js';
import { type ClientFlags, withClient, withClientFlags } from './sdk-client.js';

export function registerCompare(program: Command): void {
  withClientFlags(
    program
      .command('compare')
      .description("params and metrics of runs side by side; '*' marks keys that differ (seed 003)")
      .argument('<runs...>', 'run ids')
      .option('--all', 'show keys that are the same in every run too')
      .option('--format <format>', 'table, csv, json or jsonl', 'table'),
  ).action(async (runIds: string[], flags: ClientFlags & { all?: boolean; format: string }) => {
    const format = parseFormat(flags.format);
    const { compare } = await withClient(flags, (client) => client.op.compare({ runIds }));
    const rows = [
      ...compare.params.map((p) => ({ kind: 'param', ...p })),
      ...compare.metrics.map((m) => ({ kind: 'metric', ...m })),
    ].filter((r) => flags.all || r.differs);
    const headers = ['', 'key', ...runIds];
    printRecords(
      format,
      headers,
      rows.map((r) => [
        r.differs ? '*' : '',
        `${r.kind === 'metric' ? 'metrics' : 'params'}.${r.key}`,
        ...r.values,
      ]),
      rows,
    );
  });
}
