import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createClient, type RunfactsClient, RunfactsOfflineError } from '../../sdk/src/index.js';
import { runCli } from '../helpers/cli-process.js';
import { exited, type ServerProcess, startServerProcess } from '../helpers/server-process.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// The TypeScript run handle gives the Python SDK's guarantee: a server killed or away loses no
// point and doubles none (batch ids), and what finish() could not send waits in a journal that
// client.sync() sends later.

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(root: string, port = 0): Promise<ServerProcess> {
  const started = await startServerProcess(['--root', root, '--no-watch', '--port', String(port)]);
  cleanups.push(async () => {
    started.child.kill('SIGKILL');
    await exited(started.child);
  });
  return started;
}

async function kill(s: ServerProcess): Promise<void> {
  s.child.kill('SIGKILL');
  await exited(s.child);
}

async function setup(): Promise<{ root: string; journal: string; first: ServerProcess }> {
  const tmp = await makeTempDir('sdk-offline');
  cleanups.push(tmp.remove);
  const root = join(tmp.path, 'root');
  return { root, journal: join(tmp.path, 'journal'), first: await server(root) };
}

function client(url: string): RunfactsClient {
  const c = createClient({ url: `${url}/graphql`, retries: 1, timeoutMs: 5_000 });
  cleanups.push(() => c.close());
  return c;
}

async function steps(c: RunfactsClient, runId: string): Promise<number[]> {
  const { run } = await c.op.metricHistory({ id: runId, key: 'loss', maxPoints: 10_000 });
  return (run?.history ?? []).map((p) => p.step);
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

it('a server SIGKILLed and restarted mid-run: every point arrives once', async () => {
  const { root, journal, first } = await setup();
  const port = Number(new URL(first.url).port);
  const c = client(first.url);
  const run = await c.startRun(
    { experiment: 'offline', name: 'kill', meta: { goal: 'classification' } },
    { batchSize: 50, flushIntervalMs: 20, journalDir: journal, closeTimeoutMs: 60_000 },
  );
  for (const step of range(0, 1500)) await run.log({ loss: 1 / (step + 1) }, step);
  await kill(first); // batches in flight: some answered, some cut off
  const started = performance.now();
  for (const step of range(1500, 3000)) await run.log({ loss: 1 / (step + 1) }, step);
  // log never waited for the dead server: 1500 calls in well under a request timeout.
  expect(performance.now() - started).toBeLessThan(5_000);
  await server(root, port);
  await run.finish();
  expect(existsSync(run.journalPath)).toBe(false);
  expect(await steps(c, run.id)).toEqual(range(0, 3000));
}, 120_000);

it('the server away at finish: the rest waits in the journal, sync sends it once', async () => {
  const { root, journal, first } = await setup();
  const port = Number(new URL(first.url).port);
  const c = client(first.url);
  const run = await c.startRun(
    { experiment: 'offline', name: 'away', meta: { goal: 'classification' } },
    { batchSize: 100, flushIntervalMs: 20, journalDir: journal, closeTimeoutMs: 1_500 },
  );
  for (const step of range(0, 200)) await run.log({ loss: 1 }, step);
  await run.flush();
  await kill(first);
  for (const step of range(200, 1200)) await run.log({ loss: 1 }, step);
  const error = await run.finish().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RunfactsOfflineError);
  expect((error as RunfactsOfflineError).journalPath).toBe(run.journalPath);
  expect((error as Error).message).toMatch(/runfacts sync/);
  // The Python SDK's format: a header naming the run, then the pending writes with their ids.
  const lines = readFileSync(run.journalPath, 'utf8').trim().split('\n');
  expect(JSON.parse(lines[0] as string).header.run_id).toBe(run.id);
  expect(lines.some((l) => JSON.parse(l).op?.kind === 'finish')).toBe(true);

  const cliFlags = ['--dir', journal, '--url', `${first.url}/graphql`];
  const away = await runCli(['sync', ...cliFlags]);
  expect(away.code).toBe(1);
  expect(away.stderr).toContain(`kept ${run.journalPath}`);

  await server(root, port);
  const sent = await runCli(['sync', ...cliFlags, '--json']);
  expect(sent.code).toBe(0);
  expect(JSON.parse(sent.stdout)).toMatchObject({ runs: [run.id], left: {} });
  expect(existsSync(run.journalPath)).toBe(false);
  const { run: got } = await c.op.run({ id: run.id });
  expect(got?.status).toBe('FINISHED');
  expect(await steps(c, run.id)).toEqual(range(0, 1200));
  expect(await c.sync(journal)).toMatchObject({ runs: [], writes: 0 });
}, 120_000);
