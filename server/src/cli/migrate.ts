import { resolve } from 'node:path';
import type { Command } from 'commander';
import { printJson } from './output.js';
import { progressReporter } from './progress.js';

interface MigrateOptions {
  config?: string;
  dryRun?: boolean;
  json?: boolean;
}

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description(
      "rewrite each run's facts/meta.json as seed 000's full record (hash, confidence, review, derived fields)",
    )
    .argument('[root]', 'facts root', process.env.RUNFACTS_ROOT ?? './runfacts-data')
    .option(
      '--config <file>',
      'meta config (YAML/JSON) extending vocabularies and the process table',
    )
    .option('--dry-run', 'count what would change, write nothing')
    .option('--json', 'print the report as JSON on stdout')
    .action(async (root: string, opts: MigrateOptions) => {
      const { loadMetaConfigFile } = await import('../config/meta-config-file.js');
      const { mapConcurrent } = await import('../facts/concurrent.js');
      const { FactsStore } = await import('../facts/index.js');
      const { canonicalizeMeta, DEFAULT_META_CONFIG, MetaError, toMetaFile } = await import(
        '../meta/index.js'
      );
      const config = opts.config ? await loadMetaConfigFile(opts.config) : DEFAULT_META_CONFIG;
      const facts = new FactsStore(resolve(root));
      const { runIds } = await facts.listRunIds();
      const progress = progressReporter(opts.dryRun ? 'checking' : 'migrating');
      const report = {
        root: facts.root,
        runs: runIds.length,
        upgraded: 0,
        current: 0,
        skipped: 0,
        dryRun: Boolean(opts.dryRun),
        problems: [] as string[],
      };
      let done = 0;
      const migrate = async (runId: string) => {
        const files = await facts.readRunFiles(runId);
        if (!files.meta) {
          report.skipped++;
          report.problems.push(`${runId}: meta.json cannot be read; run \`runfacts validate\``);
          return;
        }
        try {
          const meta = canonicalizeMeta(files.meta, {
            config,
            override: files.override ?? undefined,
          });
          const want = toMetaFile(meta);
          if (JSON.stringify(want) === JSON.stringify(files.meta)) {
            report.current++;
            return;
          }
          if (!opts.dryRun) await facts.writeMeta(runId, want);
          report.upgraded++;
        } catch (error) {
          if (!(error instanceof MetaError)) throw error;
          report.skipped++;
          report.problems.push(`${runId}: ${error.message}`);
        }
      };
      for await (const _ of mapConcurrent(runIds, 8, migrate))
        progress.update(++done, runIds.length);
      progress.stop();
      if (report.skipped > 0) process.exitCode = 1;
      if (opts.json) {
        printJson(report);
        return;
      }
      for (const p of report.problems) process.stderr.write(`skipped ${p}\n`);
      const verb = opts.dryRun ? 'would upgrade' : 'upgraded';
      process.stdout.write(
        `${report.runs} runs: ${verb} ${report.upgraded}, already current ${report.current}, skipped ${report.skipped}\n`,
      );
    });
}
