import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The `runfacts` command as a user runs it (the package's bin). */
export const BIN = fileURLToPath(new URL('../../server/bin/runfacts.js', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs `runfacts ...args` to completion in a real process; never throws on a non-zero exit. */
export function runCli(
  args: string[],
  env: Record<string, string | undefined> = {},
  stdin?: string,
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: REPO_ROOT, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: unknown }).code ?? 1) || 1 : 0;
        resolve({ stdout, stderr, code });
      },
    );
    if (stdin !== undefined) child.stdin?.end(stdin);
  });
}

/**
 * Runs a shell script (bash) as a README block is run: `npx runfacts` resolves to this repository's
 * build while the script works in `cwd`, so files a block writes (./out, ./copy) land in a temp dir.
 */
export function runShell(
  script: string,
  cwd: string,
  env: Record<string, string | undefined> = {},
): Promise<CliResult> {
  const npx = `npx() { command npx --prefix '${REPO_ROOT}' "$@"; }\n`;
  return new Promise((resolve) => {
    const child = spawn('bash', ['-euo', 'pipefail', '-c', npx + script], {
      cwd,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('exit', (code) => resolve({ stdout, stderr, code: code ?? 1 }));
  });
}

/** POSTs a GraphQL document to `url` and returns the parsed answer. */
export async function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<{
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as never;
}
