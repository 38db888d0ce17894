import { resolve } from 'node:path';
import type { Command } from 'commander';
import { printJson } from './output.js';
import { progressReporter } from './progress.js';

interface Problem {
  path: string;
  runId: string | null;
  kind: string;
  message: string;
}

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check every facts file under a root; exits 1 when any file is bad')
    .argument('[root]', 'facts root', process.env.RUNFACTS_ROOT ?? './runfacts-data')
    .option(
      '--config <file>',
      'meta config (YAML/JSON) extending vocabularies and the process table',
    )
    .option('--json', 'print the report as JSON on stdout')
    .action(async (root: string, opts: { config?: string; json?: boolean }) => {
      const { loadMetaConfigFile } = await import('../config/meta-config-file.js');
      const { mapConcurrent } = await import('../facts/concurrent.js');
      const { FactsStore } = await import('../facts/index.js');
      const { interpretRun } = await import('../index/run-rows.js');
      const { DEFAULT_META_CONFIG } = await import('../meta/index.js');
      const config = opts.config ? await loadMetaConfigFile(opts.config) : DEFAULT_META_CONFIG;
      const facts = new FactsStore(resolve(root));
      const { runIds, skipped } = await facts.listRunIds();
      const problems: Problem[] = skipped
        .filter((s) => s.reason !== 'temporary')
        .map((s) => ({ path: s.path, runId: null, kind: s.reason, message: s.message }));
      const progress = progressReporter('validating');
      let ok = 0;
      let done = 0;
      for await (const files of mapConcurrent(runIds, 16, (id) => facts.readRunFiles(id))) {
        const { errors } = interpretRun(files, config);
        if (errors.length === 0) ok++;
        for (const e of errors)
          problems.push({ path: e.path, runId: e.run_id, kind: e.kind, message: e.message });
        progress.update(++done, runIds.length);
      }
      progress.stop();
      const byKind: Record<string, number> = {};
      for (const p of problems) byKind[p.kind] = (byKind[p.kind] ?? 0) + 1;
      const report = {
        root: facts.root,
        runs: runIds.length,
        ok,
        bad: runIds.length - ok,
        errorsByKind: byKind,
        problems,
      };
      if (opts.json) {
        printJson(report);
      } else {
        for (const p of problems) process.stderr.write(`${p.kind}: ${p.message}\n`);
        const kinds = Object.entries(byKind)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ');
        process.stdout.write(
          `${report.runs} runs, ${ok} ok, ${report.bad} with errors${kinds ? ` (${kinds})` : ''}\n`,
        );
      }
      if (problems.length > 0) process.exitCode = 1;
    });
}
