import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const BENCH_DIR = new URL('..', import.meta.url).pathname;

/** A command-line option that must be a positive integer; the error names the option. */
export function positiveInt(option: string, text: string | undefined): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`--${option} must be a positive integer, got ${text}`);
  }
  return n;
}

/** `npx tsx bench/<script> <the arguments given>`, for the result and the README. */
export function commandLine(script: string): string {
  return [`npx tsx bench/${script}`, ...process.argv.slice(2)].join(' ');
}

/** Writes bench/results/<name>.json and returns its path. */
export async function saveResult(name: string, result: unknown): Promise<string> {
  await mkdir(join(BENCH_DIR, 'results'), { recursive: true });
  const path = join(BENCH_DIR, 'results', `${name}.json`);
  await writeFile(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
}

/** The saved bench/results/<name>.json (for re-rendering the README with `--readme`). */
export async function loadResult<T>(name: string): Promise<T> {
  const path = join(BENCH_DIR, 'results', `${name}.json`);
  if (!existsSync(path)) throw new Error(`${path} does not exist: run the benchmark first`);
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

/**
 * Runs `cleanup` (servers, scratch folders) on Ctrl-C or SIGTERM before exiting, since a
 * `finally` does not run then and a detached MLflow would outlive the benchmark.
 */
export function cleanUpOnSignal(cleanup: () => Promise<void>): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`${signal}: stopping servers and removing scratch folders\n`);
      // What was in flight now fails because its server is gone; that is not worth a trace.
      process.on('uncaughtException', () => undefined);
      void cleanup().finally(() => process.exit(130));
    });
  }
}

/** Options every scale benchmark takes: `--runs`, `--allow-busy`, `--readme`. */
export const COMMON_OPTIONS = {
  runs: { type: 'string', default: '100000' },
  /** Run on a busy machine anyway (the result is marked busy). */
  'allow-busy': { type: 'boolean', default: false },
  /** Only re-render the README table from the saved result. */
  readme: { type: 'boolean', default: false },
} as const;
