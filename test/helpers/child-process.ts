import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Child {
  process: ChildProcess;
  /** Everything the child printed to stdout so far. */
  lines: string[];
  /** Resolves with the first stdout line matching `test`; rejects if the child exits first. */
  waitForLine: (test: (line: string) => boolean) => Promise<string>;
  /** Resolves with the exit code (null when killed by a signal) and the signal, once stdout is drained. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  /** Writes a line to the child's stdin (e.g. a start signal for a race). */
  send: (line: string) => void;
  kill: () => Promise<void>;
}

export interface SpawnOptions {
  /**
   * Negative control: every inter-process lock in the child locks nothing, to show that a test
   * detects what the lock guards.
   */
  noLock?: boolean;
}

const NO_LOCK = fileURLToPath(new URL('./no-lock/register.mjs', import.meta.url));

/** Runs a TypeScript script from test/helpers/facts-children as `node --import tsx`. */
export function spawnTsChild(script: string, args: unknown, options: SpawnOptions = {}): Child {
  const path = fileURLToPath(new URL(`./facts-children/${script}`, import.meta.url));
  return spawnScript(path, args, options);
}

/** Runs the TypeScript file at `path` as `node --import tsx`, with its JSON argument and a stdin pipe. */
export function spawnScript(path: string, args: unknown, options: SpawnOptions = {}): Child {
  const hooks = options.noLock ? ['--import', NO_LOCK] : [];
  const child = spawn(process.execPath, ['--import', 'tsx', ...hooks, path, JSON.stringify(args)], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // A child killed before reading stdin closes the pipe; writing to it then must not crash us.
  child.stdin?.on('error', () => undefined);
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  let stderr = '';
  let buffered = '';
  let closed = false;
  child.stdout?.setEncoding('utf8').on('data', (data: string) => {
    buffered += data;
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    lines.push(...parts);
    for (const wake of waiters) wake();
  });
  child.stderr?.setEncoding('utf8').on('data', (data: string) => {
    stderr += data;
  });
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stderr: string;
  }>((resolve) => {
    // 'close', not 'exit': only then is stdout drained, so no acknowledged line is missed.
    child.on('close', (code, signal) => {
      closed = true; // a last line without its newline was torn by a kill: not acknowledged
      for (const wake of waiters) wake();
      resolve({ code, signal, stderr });
    });
  });
  const waitForLine = (test: (line: string) => boolean) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const found = lines.find(test);
        if (found !== undefined) {
          waiters.delete(check);
          resolve(found);
        } else if (closed) {
          waiters.delete(check);
          reject(new Error(`child ${path} exited before the expected line; stderr:\n${stderr}`));
        }
      };
      waiters.add(check);
      check();
    });
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  const send = (line: string) => {
    child.stdin?.write(`${line}\n`);
  };
  return { process: child, lines, waitForLine, exited, send, kill };
}
