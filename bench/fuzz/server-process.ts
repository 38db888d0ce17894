import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { truncate } from './findings.js';

export interface ServerProcess {
  url: string;
  /** RSS samples (every 500 ms) arrive here; the first is the baseline. */
  onMemory(listener: (rss: number) => void): void;
  onExit(listener: (why: string) => void): void;
  /** The last lines the server wrote to stderr, for a crash report. */
  lastStderr(): string;
  /** The first line of each error the server logged, with counts. */
  errorLog(): Map<string, number>;
  stop(): Promise<void>;
}

/**
 * Starts fuzz-server.ts in its own process, in `cwd` (outside the project, so a relative path a
 * request might reach lands where the fuzzer watches), and resolves once it listens.
 */
export async function startServerProcess(
  root: string,
  target: string,
  cwd: string,
): Promise<ServerProcess> {
  const child: ChildProcess = fork(join(import.meta.dirname, 'fuzz-server.ts'), [root, target], {
    cwd,
    // Resolved here: `tsx` cannot be found from a cwd outside the project.
    execArgv: ['--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let startupLog = '';
  let last = '';
  const log = new Map<string, number>();
  child.stderr?.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    if (startupLog.length < 4000) startupLog += text;
    last = truncate(text.trim().split('\n').slice(0, 3).join(' | '), 300);
    for (const line of text.split('\n')) {
      if (line.trim() === '' || /^\s/.test(line)) continue;
      // biome-ignore lint/suspicious/noControlCharactersInRegex: strips terminal colours
      const key = truncate(line.replace(/\u001b\[\d+m/g, '').trim(), 240);
      log.set(key, (log.get(key) ?? 0) + 1);
    }
  });
  const memoryListeners: Array<(rss: number) => void> = [];
  child.on('message', (m: { type: string; rss?: number }) => {
    if (m.type === 'memory' && m.rss) for (const l of memoryListeners) l(m.rss);
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.on('message', (m: { type: string; url?: string }) => {
      if (m.type === 'ready' && m.url) resolve(m.url);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${startupLog}`)));
  });
  let stopping = false;
  return {
    url,
    onMemory: (listener) => memoryListeners.push(listener),
    onExit: (listener) =>
      child.on('exit', (code, signal) => {
        if (!stopping) listener(`exit ${code ?? signal}`);
      }),
    lastStderr: () => last,
    errorLog: () => log,
    stop: async () => {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ type: 'stop' });
      await new Promise<void>((resolve) => {
        const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
      });
    },
  };
}
