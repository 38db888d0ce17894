import type { Command } from 'commander';
import { unwrap } from '../../../sdk/src/index.js';
import { parseFormat, printRecords } from './format.js';
import { printJson } from './output.js';
import { type ClientFlags, withClient, withClientFlags } from './sdk-client.js';

export function registerModels(program: Command): void {
  withClientFlags(
    program
      .command('models')
      .description('registered models with their latest version and aliases')
      .option('--all', 'include archived models')
      .option('--format <format>', 'table, csv, json or jsonl', 'table'),
  ).action(async (flags: ClientFlags & { all?: boolean; format: string }) => {
    const format = parseFormat(flags.format);
    const { registeredModels } = await withClient(flags, (c) =>
      c.op.registeredModels({ includeArchived: flags.all ?? false }),
    );
    printRecords(
      format,
      ['name', 'latest', 'aliases', 'archived', 'description'],
      registeredModels.map((m) => [
        m.name,
        m.latestVersion?.version ?? null,
        m.aliases.map((a) => `${a.alias}=v${a.version}`).join(' '),
        m.archived,
        m.description,
      ]),
      registeredModels,
    );
  });

  withClientFlags(
    program
      .command('model')
      .description('one model: versions, aliases and the promotion history')
      .argument('<name>', 'model name')
      .option('--json', 'print it as JSON'),
  ).action(async (name: string, flags: ClientFlags & { json?: boolean }) => {
    const { registeredModel: m } = await withClient(flags, (c) => c.op.registeredModel({ name }));
    if (!m)
      throw new Error(
        `no registered model ${JSON.stringify(name)}; list them with runfacts models`,
      );
    if (flags.json) return printJson(m);
    const out = process.stdout;
    out.write(
      `${m.name}${m.archived ? ' (archived)' : ''}${m.description ? ` - ${m.description}` : ''}\n\nversions\n`,
    );
    printRecords(
      'table',
      ['version', 'aliases', 'run', 'source', 'created'],
      m.versions.map((v) => [v.version, v.aliases.join(' '), v.runId, v.source, v.createdAt]),
      [],
    );
    out.write('\nhistory\n');
    printRecords(
      'table',
      ['at', 'by', 'alias', 'from', 'to', 'reason'],
      m.history.map((h) => [h.at, h.by, h.alias, h.fromVersion, h.toVersion, h.reason]),
      [],
    );
  });

  withClientFlags(
    program
      .command('promote')
      .description(
        'point an alias (default Production) at a version, with a reason for the history',
      )
      .argument('<model>', 'model name')
      .argument('<version>', 'version number')
      .option('--to <alias>', 'the alias', 'Production')
      .requiredOption('--reason <text>', 'why (kept in the promotion history)')
      .option(
        '--expect <version>',
        "the version you believe the alias holds now ('none' if unset): refuses if it moved",
      ),
  ).action(
    async (
      model: string,
      version: string,
      flags: ClientFlags & { to: string; reason: string; expect?: string },
    ) => {
      const v = Number(version);
      if (!Number.isInteger(v) || v < 1)
        throw new Error(`version must be a whole number >= 1, got ${version}`);
      const expectedVersion =
        flags.expect === undefined
          ? undefined
          : flags.expect === 'none'
            ? null
            : Number(flags.expect);
      const result = await withClient(flags, (c) =>
        c.op.promote({ model, version: v, to: flags.to, reason: flags.reason, expectedVersion }),
      );
      const change = unwrap(result.promote);
      const entry = 'change' in change ? change.change : null;
      process.stderr.write(
        entry
          ? `${model}: ${flags.to} moved from ${entry.fromVersion === null ? 'none' : `v${entry.fromVersion}`} to v${entry.toVersion}\n`
          : `${model}: ${flags.to} already holds v${v}\n`,
      );
    },
  );
}
