import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface Child {
  process: ChildProcess;
  lines: string[];
  /** Resolves with the first stdout line passing `test`; rejects if the child exits first. */
  waitForLine: (test: (line: string) => boolean) => Promise<string>;
  send: (line: string) => void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Runs `children/<script>` as `node --import tsx`, with its JSON argument and a stdin pipe. */
export function spawnChild(script: string, args: unknown): Child {
  const path = fileURLToPath(new URL(`./children/${script}`, import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', path, JSON.stringify(args)], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  let stderr = '';
  let partial = '';
  child.stdout.setEncoding('utf8').on('data', (data: string) => {
    const parts = (partial + data).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    for (const wake of waiters) wake();
  });
  child.stderr.setEncoding('utf8').on('data', (data: string) => {
    stderr += data;
  });
  // A child killed before reading stdin closes the pipe; writing to it then must not crash us.
  child.stdin.on('error', () => undefined);
  const exited = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stderr: string;
  }>((resolve) => {
    child.on('exit', (code, signal) => {
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
        } else if (child.exitCode !== null || child.signalCode !== null) {
          waiters.delete(check);
          reject(new Error(`${script} exited before the expected line; stderr:\n${stderr}`));
        }
      };
      waiters.add(check);
      check();
    });
  return {
    process: child,
    lines,
    waitForLine,
    send: (line) => child.stdin.write(`${line}\n`),
    exited,
  };
}
