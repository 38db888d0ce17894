import type { Command } from 'commander';
import { unwrap } from '../../../sdk/src/index.js';
import { parseFormat, printRecords } from './format.js';
import { printJson } from './output.js';
import { type ClientFlags, withClient, withClientFlags } from './sdk-client.js';

const collect = (value: string, previous: string[]) => [...previous, value];

function keyValue(text: string, flag: string): [string, string] {
  const at = text.indexOf('=');
  if (at < 1) throw new Error(`${flag} ${JSON.stringify(text)}: expected key=value`);
  return [text.slice(0, at), text.slice(at + 1)];
}

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

  const model = program
    .command('model')
    .description('one model (runfacts model NAME), or create a model or a version')
    .usage('NAME | show NAME | create NAME | version NAME --run RUN_ID');
  withClientFlags(
    model
      .command('show', { isDefault: true })
      .description('one model: versions, aliases and the promotion history (the default)')
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
    model
      .command('create')
      .description('create a registered model')
      .argument('<name>', 'model name ([A-Za-z0-9_.-])')
      .option('--description <text>', 'what the model is for')
      .option('--tag <key=value>', 'a tag (repeatable)', collect, []),
  ).action(async (name: string, flags: ClientFlags & { description?: string; tag: string[] }) => {
    const tags = Object.fromEntries(flags.tag.map((t) => keyValue(t, '--tag')));
    const result = await withClient(flags, (c) =>
      c.op.createRegisteredModel({ name, description: flags.description, tags }),
    );
    unwrap(result.createRegisteredModel);
    process.stderr.write(
      `created model ${name}; add a version with runfacts model version ${name} --run RUN_ID\n`,
    );
  });

  withClientFlags(
    model
      .command('version')
      .description("register a run as the model's next version (freezes its meta and config)")
      .argument('<name>', 'model name')
      .requiredOption('--run <run_id>', 'the run the version comes from')
      .option('--source <path>', 'where the model artifact is', 'models/best.pt')
      .option('--description <text>', 'what changed in this version')
      .option('--json', 'print the version as JSON'),
  ).action(
    async (
      name: string,
      flags: ClientFlags & { run: string; source: string; description?: string; json?: boolean },
    ) => {
      const result = await withClient(flags, (c) =>
        c.op.createModelVersion({
          model: name,
          runId: flags.run,
          source: flags.source,
          description: flags.description,
        }),
      );
      const created = unwrap(result.createModelVersion);
      const version = 'version' in created ? created.version : null;
      if (flags.json) return printJson(version);
      process.stdout.write(`${version?.version ?? ''}\n`);
      process.stderr.write(`${name}: version ${version?.version} from run ${flags.run}\n`);
    },
  );

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
      if (result.promote.__typename === 'AliasConflictError') {
        const now = result.promote.currentVersion;
        const held = now === null || now === undefined ? 'no version' : `v${now}`;
        const expected = expectedVersion === null ? 'none' : `v${expectedVersion}`;
        throw new Error(
          `${model}: ${flags.to} holds ${held}, not ${expected} as --expect said; someone moved it. Check with runfacts model ${model}, then retry with --expect ${now ?? 'none'}`,
        );
      }
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
