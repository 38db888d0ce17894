import { resolve } from 'node:path';
import type { Command, CommanderError } from 'commander';
import { BackfillConfigError, loadBackfillConfig } from '../backfill/index.js';
import { ImportUsageError, importMlflow } from '../backfill/mlflow-server/import-mlflow.js';
import { formatSummary } from '../backfill/summary-table.js';
import { MlflowNetworkError } from '../mirror/mlflow/index.js';
import { authHeaders } from './mirror.js';
import { fail, printJson } from './output.js';
import { progressReporter } from './progress.js';

interface ImportMlflowFlags {
  trackingUri?: string;
  root: string;
  experiment?: string[];
  registry: boolean;
  dryRun?: boolean;
  config?: string;
  concurrency: string;
  json?: boolean;
}

const USAGE = 2;
const INTERRUPTED = 130;

async function run(flags: ImportMlflowFlags): Promise<void> {
  const trackingUri = flags.trackingUri ?? process.env.MLFLOW_TRACKING_URI;
  if (!trackingUri) {
    return fail(
      'no MLflow server: pass --tracking-uri http://host:5000 or set MLFLOW_TRACKING_URI',
      USAGE,
    );
  }
  const concurrency = Number(flags.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    return fail(
      `--concurrency must be a whole number of at least 1, got ${flags.concurrency}`,
      USAGE,
    );
  }
  let config: Awaited<ReturnType<typeof loadBackfillConfig>> | undefined;
  try {
    config = flags.config ? await loadBackfillConfig(flags.config) : undefined;
  } catch (error) {
    if (error instanceof BackfillConfigError) return fail(error.message, USAGE);
    throw error;
  }
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  const progress = progressReporter('importing');
  try {
    const report = await importMlflow({
      trackingUri,
      root: resolve(flags.root),
      experiments: flags.experiment,
      registry: flags.registry,
      dryRun: flags.dryRun ?? false,
      config,
      concurrency,
      clientOptions: { headers: authHeaders(process.env) },
      signal: controller.signal,
      onProgress: (done, total) => progress.update(done, total),
    });
    progress.stop();
    const summary = formatSummary(report, 'import');
    if (flags.json) {
      printJson(report);
      process.stderr.write(summary);
    } else process.stdout.write(summary);
    if (report.aborted) process.exitCode = INTERRUPTED;
    else if (report.counts.failed > 0 || report.errorsByKind.registry_failed) process.exitCode = 1;
  } catch (error) {
    progress.stop();
    if (error instanceof ImportUsageError) return fail(error.message, USAGE);
    // Its message already names the server and says what to check.
    if (error instanceof MlflowNetworkError) return fail(error.message);
    throw error;
  } finally {
    process.off('SIGINT', interrupt);
  }
}

/** `runfacts import mlflow`: runs and the registry from a live MLflow tracking server. */
export function registerImport(program: Command): void {
  const command = program
    .command('import')
    .description('bring runs in from another tracking system');
  command
    .command('mlflow')
    .description(
      'import runs (params, tags, metric histories, status, parents) and the model registry from an MLflow tracking server; idempotent and resumable',
    )
    .option('--tracking-uri <url>', 'MLflow server URL (default $MLFLOW_TRACKING_URI)')
    .option('--root <dir>', 'facts root', process.env.RUNFACTS_ROOT ?? './runfacts-data')
    .option('--experiment <name...>', 'only these MLflow experiments (by name; repeatable)')
    .option('--no-registry', 'skip registered models, versions and aliases')
    .option('--dry-run', 'report what would be written, write nothing')
    .option('--config <file>', 'backfill config (YAML/JSON): dataset map, meta config')
    .option('--concurrency <n>', 'runs fetched at once', '4')
    .option('--json', 'print the full report as JSON on stdout (summary on stderr)')
    .exitOverride((error: CommanderError) => {
      process.exit(error.exitCode === 0 ? 0 : USAGE);
    })
    .action((flags: ImportMlflowFlags) => run(flags));
}
