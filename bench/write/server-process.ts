import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface, type Interface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface ServerOptions {
  root: string;
  index: 'file' | 'memory';
  watch: boolean;
  /** When set, the server writes a V8 CPU profile into this folder as it exits. */
  cpuProfileDir?: string;
}

export interface ServerProcess {
  url: string;
  pid: number;
  /** Server CPU time (user + system) so far, in ms. */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

export const REPLY_PREFIX = '@runfacts-bench ';
const CHILD = fileURLToPath(new URL('./server-child.ts', import.meta.url));

/** Starts the server in a child process (tsx) on 127.0.0.1 and waits until it listens. */
export async function startServer(options: ServerOptions): Promise<ServerProcess> {
  const profile = options.cpuProfileDir
    ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`]
    : [];
  const child = spawn(
    process.execPath,
    [
      ...profile,
      '--import',
      'tsx',
      CHILD,
      options.root,
      options.index,
      options.watch ? 'watch' : 'no-watch',
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout as NonNullable<ChildProcess['stdout']> });
  const replies = onlyReplies(lines);
  const first = await Promise.race([
    replies.next(),
    once(child, 'exit').then(([code]) => {
      throw new Error(`the server exited with code ${code} before listening`);
    }),
  ]);
  const { url } = JSON.parse(String(first.value)) as { url: string };
  return {
    url,
    pid: child.pid as number,
    cpuMs: () => askCpu(child, replies),
    stop: () => stopChild(child, lines),
  };
}

async function* onlyReplies(lines: AsyncIterable<string>): AsyncGenerator<string> {
  for await (const line of lines) {
    if (line.startsWith(REPLY_PREFIX)) yield line.slice(REPLY_PREFIX.length);
    else process.stderr.write(`server stdout: ${line}\n`);
  }
}

async function askCpu(child: ChildProcess, replies: AsyncIterator<string>): Promise<number> {
  child.stdin?.write('cpu\n');
  const { value } = await replies.next();
  const { cpu } = JSON.parse(String(value)) as { cpu: { user: number; system: number } };
  return (cpu.user + cpu.system) / 1000;
}

async function stopChild(child: ChildProcess, lines: Interface): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
  lines.close();
}
