import { resolve } from 'node:path';
import type { Command } from 'commander';
import { FactsStore } from '../facts/index.js';
import { type SyncReport, syncRuns } from '../mirror/mlflow/index.js';
import { fail, printJson } from './output.js';
import { progressReporter } from './progress.js';

interface MirrorMlflowOptions {
  trackingUri?: string;
  root: string;
  experiment?: string[];
  rebuild?: boolean;
  registry: boolean;
  concurrency: string;
  json?: boolean;
}

/** MLflow's own client variables, so the same credentials work for both. */
export function authHeaders(env: NodeJS.ProcessEnv): Record<string, string> {
  if (env.MLFLOW_TRACKING_TOKEN) return { authorization: `Bearer ${env.MLFLOW_TRACKING_TOKEN}` };
  if (env.MLFLOW_TRACKING_USERNAME && env.MLFLOW_TRACKING_PASSWORD) {
    const pair = `${env.MLFLOW_TRACKING_USERNAME}:${env.MLFLOW_TRACKING_PASSWORD}`;
    return { authorization: `Basic ${Buffer.from(pair).toString('base64')}` };
  }
  return {};
}

function printSummary(report: SyncReport): void {
  const { runs, registry } = report;
  const lines = [
    `mirrored ${runs.total} runs to ${report.trackingUri}: ${runs.created} created, ${runs.updated} updated, ${runs.unchanged} unchanged, ${runs.failed} failed (${report.httpRequests} HTTP requests, ${(report.durationMs / 1000).toFixed(1)} s)`,
  ];
  if (registry !== null) {
    const m = registry.models;
    lines.push(
      `registry: ${m.total} models (${m.created} created, ${m.updated} updated, ${m.failed} failed), ${registry.versionsCreated} versions created, ${registry.aliasesSet} aliases set, ${registry.aliasesDeleted} deleted`,
    );
  }
  for (const r of report.results) {
    if (r.changedParams.length > 0) {
      lines.push(`  ${r.runId}: params changed after mirroring: ${r.changedParams.join(', ')}`);
    }
    for (const w of r.warnings) lines.push(`  ${r.runId}: warning: ${w}`);
  }
  for (const f of report.failures) lines.push(`  ${f.runId}: FAILED: ${f.reason}`);
  for (const f of registry?.failures ?? []) lines.push(`  model ${f.model}: FAILED: ${f.reason}`);
  for (const u of registry?.unreadable ?? []) lines.push(`  registry: ${u}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** `runfacts mirror mlflow`: pushes runs and the model registry from the facts to MLflow. */
export function registerMirror(program: Command): void {
  const mirror = program.command('mirror').description('copy the facts to an external tracker');
  mirror
    .command('mlflow')
    .description(
      'mirror runs (params, metrics with history, tags), registered models, versions and aliases to an MLflow server; idempotent and resumable',
    )
    .option('--tracking-uri <url>', 'MLflow server URL (default $MLFLOW_TRACKING_URI)')
    .option('--root <dir>', 'facts root', process.env.RUNFACTS_ROOT ?? './runfacts-data')
    .option('--experiment <name...>', 'only runs of these runfacts experiments (repeatable)')
    .option('--rebuild', 'ignore facts/mirrors.json: find every run by its tag and resend all')
    .option('--no-registry', 'skip registered models, versions and aliases')
    .option('--concurrency <n>', 'runs mirrored at once', '4')
    .option('--json', 'print the full report as JSON on stdout')
    .action(async (opts: MirrorMlflowOptions) => {
      const trackingUri = opts.trackingUri ?? process.env.MLFLOW_TRACKING_URI;
      if (!trackingUri) {
        return fail(
          'no MLflow server: pass --tracking-uri http://host:5000 or set MLFLOW_TRACKING_URI',
        );
      }
      const concurrency = Number(opts.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1) {
        return fail(`--concurrency must be a whole number of at least 1, got ${opts.concurrency}`);
      }
      const progress = progressReporter('mirroring');
      let report: SyncReport;
      try {
        report = await syncRuns({
          facts: new FactsStore(resolve(opts.root)),
          trackingUri,
          experiment: opts.experiment,
          rebuild: opts.rebuild ?? false,
          registry: opts.registry,
          concurrency,
          clientOptions: { headers: authHeaders(process.env) },
          onProgress: ({ done, total }) => progress.update(done, total),
        });
      } finally {
        progress.stop();
      }
      if (opts.json) printJson(report);
      else printSummary(report);
      if (report.runs.failed > 0 || (report.registry?.models.failed ?? 0) > 0) process.exitCode = 1;
    });
}
