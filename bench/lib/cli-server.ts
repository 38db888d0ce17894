import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Client } from 'undici';

const BIN = fileURLToPath(new URL('../../server/bin/runfacts.js', import.meta.url));
/** Every server spawned and not yet exited, so an interrupted benchmark can stop them all. */
const live = new Set<ChildProcess>();

/** One `/ready` answer while the index was still catching up (its 503 JSON). */
export interface ReadySample {
  /** Since the spawn. */
  ms: number;
  phase: string;
  done: number;
  total: number;
}

/** How long a start took, measured from the spawn of the process. */
export interface StartTimes {
  /** Spawn until `/health` first answered 200. */
  healthMs: number;
  /** Spawn until `/ready` first answered 200. */
  readyMs: number;
  /** Every `/ready` 503 whose progress differed from the one before. */
  progress: ReadySample[];
}

/** `runfacts serve` as a child process of the benchmark. */
export interface CliServer {
  url: string;
  pid: number;
  /** SIGTERM (a clean close that leaves the index file whole), SIGKILL after 60 s. */
  stop(): Promise<void>;
  /** The last lines the server printed, for error messages. */
  logTail(): string;
}

export interface StartOptions {
  /** Interval between `/ready` polls; `/health` is polled every 10 ms. */
  readyPollMs?: number;
  timeoutMs?: number;
}

/**
 * Spawns the real CLI (`node server/bin/runfacts.js serve --port 0 ...args`) and times it to
 * `/health` 200 and `/ready` 200, recording `/ready`'s progress on the way.
 */
export async function startCliServer(
  args: readonly string[],
  options: StartOptions = {},
): Promise<{ server: CliServer; times: StartTimes }> {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let log = '';
  const append = (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const logTail = () => log.split('\n').slice(-20).join('\n');
  const server: CliServer = {
    url: '',
    pid: child.pid ?? -1,
    stop: () => stopChild(child),
    logTail,
  };
  const deadline = spawnedAt + (options.timeoutMs ?? 30 * 60_000);
  const alive = () => {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `runfacts serve exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${logTail()}`,
      );
    }
    if (performance.now() > deadline) {
      throw new Error(`runfacts serve was not ready in time:\n${logTail()}`);
    }
  };
  try {
    for (;;) {
      alive();
      const url = /listening at (http:\/\/\S+) /.exec(log)?.[1];
      if (url) {
        server.url = url;
        break;
      }
      await sleep(5);
    }
    const http = new Client(server.url, { pipelining: 1 });
    try {
      const times = await pollStart(http, spawnedAt, options.readyPollMs ?? 50, alive);
      return { server, times };
    } finally {
      await http.close();
    }
  } catch (error) {
    await server.stop();
    throw error;
  }
}

async function get(http: Client, path: string): Promise<{ status: number; body: string }> {
  const response = await http.request({ path, method: 'GET' });
  return { status: response.statusCode, body: await response.body.text() };
}

async function pollStart(
  http: Client,
  spawnedAt: number,
  readyPollMs: number,
  alive: () => void,
): Promise<StartTimes> {
  for (;;) {
    alive();
    if ((await get(http, '/health')).status === 200) break;
    await sleep(10);
  }
  const healthMs = performance.now() - spawnedAt;
  const progress: ReadySample[] = [];
  for (;;) {
    alive();
    const { status, body } = await get(http, '/ready');
    const ms = performance.now() - spawnedAt;
    if (status === 200) return { healthMs, readyMs: ms, progress };
    if (status !== 503) throw new Error(`/ready answered ${status}: ${body}`);
    const state = JSON.parse(body) as { phase: string; done: number; total: number };
    const last = progress.at(-1);
    if (last?.done !== state.done || last.phase !== state.phase || last.total !== state.total) {
      progress.push({ ms, phase: state.phase, done: state.done, total: state.total });
    }
    await sleep(readyPollMs);
  }
}

/** Stops every server this process spawned that is still running (also those still starting). */
export async function stopAllCliServers(): Promise<void> {
  await Promise.all([...live].map(stopChild));
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  await exited;
  clearTimeout(timer);
}

/** At most `count` samples spread evenly over `all`, the first and last among them. */
export function spread<T>(all: readonly T[], count: number): T[] {
  if (all.length <= count) return [...all];
  return Array.from(
    { length: count },
    (_, i) => all[Math.round((i * (all.length - 1)) / (count - 1))] as T,
  );
}
