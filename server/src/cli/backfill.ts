import { SingleBar } from 'cli-progress';
import type { Command, CommanderError } from 'commander';
import {
  type BackfillConfig,
  BackfillConfigError,
  BackfillUsageError,
  backfill,
  loadBackfillConfig,
} from '../backfill/index.js';
import { formatSummary } from '../backfill/summary-table.js';
import { printJson } from './output.js';

/** Exit codes: 1 when not one run could be read, 2 for a usage error, 130 when interrupted. */
const NOTHING_READ = 1;
const USAGE = 2;
const INTERRUPTED = 130;

interface BackfillFlags {
  runsDir?: string;
  root?: string;
  applyOverrides?: boolean;
  dryRun?: boolean;
  copyArtifacts?: boolean;
  json?: boolean;
  config?: string;
  concurrency?: string;
  workers?: string;
}

function usage(message: string): void {
  process.stderr.write(`runfacts backfill: ${message}\n`);
  process.exitCode = USAGE;
}

/** ` | 1.5 GiB hashed` once large artifact files are being hashed, else nothing. */
export function hashedLabel(bytes: number): string {
  if (bytes === 0) return '';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return ` | ${unit === 0 ? value : value.toFixed(1)} ${units[unit]} hashed`;
}

interface Bar {
  update(done: number, total: number): void;
  hashed(bytes: number): void;
  stop(): void;
}

function progressBar(): Bar | null {
  if (!process.stderr.isTTY) return null;
  const bar = new SingleBar({
    stream: process.stderr,
    format: 'backfill [{bar}] {value}/{total} runs{hashed} | {eta_formatted} left',
    hideCursor: true,
    clearOnComplete: true,
  });
  let started = false;
  let hashed = 0;
  return {
    update(done, total) {
      if (!started) bar.start(total, done, { hashed: hashedLabel(hashed) });
      else bar.update(done, { hashed: hashedLabel(hashed) });
      started = true;
    },
    hashed(bytes) {
      hashed += bytes;
      if (started) bar.update({ hashed: hashedLabel(hashed) });
    },
    stop: () => started && bar.stop(),
  };
}

async function run(flags: BackfillFlags): Promise<void> {
  if (!flags.runsDir) return usage('--runs-dir <dir> is required (the folder holding old runs)');
  const concurrency = flags.concurrency === undefined ? undefined : Number(flags.concurrency);
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) {
    return usage(`--concurrency must be a positive integer, got ${flags.concurrency}`);
  }
  const workers = flags.workers === undefined ? undefined : Number(flags.workers);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 0)) {
    return usage(`--workers must be 0 or a positive integer, got ${flags.workers}`);
  }
  let config: BackfillConfig | undefined;
  try {
    config = flags.config ? await loadBackfillConfig(flags.config) : undefined;
  } catch (error) {
    if (error instanceof BackfillConfigError) return usage(error.message);
    throw error;
  }
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  const bar = progressBar();
  try {
    const report = await backfill({
      runsDir: flags.runsDir,
      root: flags.root ?? process.env.RUNFACTS_ROOT ?? './runfacts-data',
      applyOverrides: flags.applyOverrides ?? false,
      dryRun: flags.dryRun ?? false,
      config,
      concurrency,
      workers,
      signal: controller.signal,
      onProgress: (done, total) => bar?.update(done, total),
      onBytesHashed: (bytes) => bar?.hashed(bytes),
    });
    bar?.stop();
    if (flags.copyArtifacts && !flags.dryRun) {
      const { copyArtifacts } = await import('../backfill/copy-artifacts.js');
      const root = flags.root ?? process.env.RUNFACTS_ROOT ?? './runfacts-data';
      const copied = await copyArtifacts(
        root,
        report.runs.map((r) => r.run_id),
      );
      process.stderr.write(
        `runfacts backfill: copied ${copied} artifact files into the facts root\n`,
      );
    }
    const summary = formatSummary(report);
    if (flags.json) {
      printJson(report);
      process.stderr.write(summary);
    } else process.stdout.write(summary);
    if (report.aborted) process.exitCode = INTERRUPTED;
    else if (report.counts.read === 0) {
      process.stderr.write('runfacts backfill: no run could be read; see the errors above\n');
      process.exitCode = NOTHING_READ;
    }
  } catch (error) {
    bar?.stop();
    if (error instanceof BackfillUsageError) return usage(error.message);
    throw error;
  } finally {
    process.off('SIGINT', interrupt);
  }
}

/** `runfacts backfill`: old run folders into the facts root (docs/backfill.md). */
export function registerBackfill(program: Command): void {
  program
    .command('backfill')
    .description('bring existing run folders (six layouts) into the facts root, without guessing')
    .option('--runs-dir <dir>', 'folder holding the old runs (read only, never modified)')
    .option('--root <dir>', 'facts root (default: $RUNFACTS_ROOT or ./runfacts-data)')
    .option('--apply-overrides', 'apply meta_override.json files (override wins)')
    .option('--dry-run', 'report what would be written, write nothing')
    .option(
      '--copy-artifacts',
      'copy artifact files into <root>/runs/<id>/artifacts/ (default: reference them where they lie, with checksums)',
    )
    .option('--json', 'print the full report as JSON on stdout (summary on stderr)')
    .option('--config <file>', 'backfill config (YAML/JSON): dataset map, size limit, meta config')
    .option('--concurrency <n>', 'source folders read at once (default 16)')
    .option(
      '--workers <n>',
      'threads reading and staging folders while the main one commits them (default: one per core from 500 folders)',
    )
    .exitOverride((error: CommanderError) => {
      // Help and version exit 0; every parse error of this command is a usage error.
      process.exit(error.exitCode === 0 ? 0 : USAGE);
    })
    .action((flags: BackfillFlags) => run(flags));
}
