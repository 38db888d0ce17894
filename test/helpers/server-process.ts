import { type ChildProcess, spawn } from 'node:child_process';

const BIN = new URL('../../server/bin/runfacts.js', import.meta.url).pathname;

export interface ServerProcess {
  child: ChildProcess;
  url: string;
}

/**
 * Starts `runfacts serve` as a real child process and resolves with its URL once its index is
 * ready ('serving'), or as soon as it listens ('listening', before the index has caught up).
 */
export function startServerProcess(
  args: string[],
  env: Record<string, string> = {},
  until: 'serving' | 'listening' = 'serving',
): Promise<ServerProcess> {
  const child = spawn('node', [BIN, 'serve', '--port', '0', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(
      () => reject(new Error(`server did not start in 60 s:\n${stderr}`)),
      60_000,
    );
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const pattern =
        until === 'serving'
          ? /serving .* at (http:\/\/\S+)\/graphql/
          : /listening at (http:\/\/\S+) /;
      const url = pattern.exec(stderr)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${stderr}`));
    });
  });
}

/** Resolves once the process has exited (after SIGKILL, say). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}
