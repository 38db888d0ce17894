import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticRuns } from '../../server/src/demo/write-synthetic.js';
import { BIN, gql, runCli } from '../helpers/cli-process.js';
import { exited, type ServerProcess, startServerProcess } from '../helpers/server-process.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// `runfacts serve` as a user starts it: every option the README and docs show, a busy port,
// and shutdown with a subscriber still connected.

let tmp: { path: string; remove: () => Promise<void> };
const servers: ServerProcess[] = [];

beforeAll(async () => {
  tmp = await makeTempDir('serve-cli');
});
afterAll(async () => {
  for (const s of servers) {
    s.child.kill('SIGKILL');
    await exited(s.child);
  }
  await tmp?.remove();
});

async function serve(args: string[], env: Record<string, string> = {}): Promise<ServerProcess> {
  const s = await startServerProcess(args, env);
  servers.push(s);
  return s;
}

/** Options of `serve` this file runs; the first test proves nothing shown anywhere is missing. */
const TESTED = [
  '--root',
  '--port',
  '--host',
  '--index',
  '--config',
  '--demo',
  '--rescan',
  '--no-watch',
  '--mirror-mlflow',
  '--cors-origin',
  '--import-root',
];

it('tests every serve option that --help, the README and docs/*.md show', async () => {
  const help = await runCli(['serve', '--help']);
  expect(help.code).toBe(0);
  const fromHelp = [...help.stdout.matchAll(/(--[a-z][a-z-]*)/g)].map((m) => m[1]);
  const docs = [join('README.md')];
  for (const f of await readdir('docs')) if (f.endsWith('.md')) docs.push(join('docs', f));
  const fromDocs: string[] = [];
  for (const doc of docs) {
    for (const line of (await readFile(doc, 'utf8')).split('\n')) {
      const command = /runfacts serve(.*)/.exec(line)?.[1];
      if (command !== undefined)
        fromDocs.push(...[...command.matchAll(/(--[a-z][a-z-]*)/g)].map((m) => m[1] as string));
    }
  }
  const shown = new Set([...fromHelp, ...fromDocs].filter((o) => o !== '--help'));
  expect([...shown].filter((o) => !TESTED.includes(o as string))).toEqual([]);
  expect(shown.has('--cors-origin') && shown.has('--import-root')).toBe(true);
});

it('--root, --port, --host, --index, --demo: serves the demo root where it was told', async () => {
  const root = join(tmp.path, 'demo-root');
  const index = join(tmp.path, 'elsewhere', 'demo.duckdb');
  const port = await freePort();
  const s = await serve([
    '--root',
    root,
    '--port',
    String(port),
    '--host',
    'localhost',
    '--index',
    index,
    '--demo',
  ]);
  expect(s.url).toBe(`http://localhost:${port}`);
  const answer = await gql<{ runs: { totalCount: number } }>(
    `${s.url}/graphql`,
    '{ runs(first: 1) { totalCount } }',
  );
  expect(answer.data?.runs.totalCount).toBe(200);
  expect(existsSync(index)).toBe(true);
  expect((await readdir(join(root, 'runs'))).length).toBe(200);
});

it('--config: a meta config extends the vocabularies', async () => {
  const root = join(tmp.path, 'config-root');
  const config = join(tmp.path, 'meta.yaml');
  await writeFile(config, 'modelFamilies: [gnn]\n');
  const register = `mutation { registerRun(input: { experiment: "c", name: "g", meta: { goal: "regression", datasetName: "d", modelFamily: "gnn" } }) { __typename ... on Error { message } } }`;
  const plain = await serve(['--root', root, '--index', ':memory:']);
  const withConfig = await serve(['--root', root, '--index', ':memory:', '--config', config]);
  const refused = await gql<{ registerRun: { __typename: string } }>(
    `${plain.url}/graphql`,
    register,
  );
  const accepted = await gql<{ registerRun: { __typename: string } }>(
    `${withConfig.url}/graphql`,
    register,
  );
  expect(refused.data?.registerRun.__typename).toBe('InvalidInputError');
  expect(accepted.data?.registerRun.__typename).toBe('RegisterRunPayload');
});

it('--rescan and --no-watch: a run written on disk is found by the rescan, not by a watcher', async () => {
  const root = join(tmp.path, 'rescan-root');
  await mkdir(join(root, 'runs'), { recursive: true });
  const rescanning = await serve([
    '--root',
    root,
    '--index',
    ':memory:',
    '--no-watch',
    '--rescan',
    '1',
  ]);
  const idle = await serve([
    '--root',
    root,
    '--index',
    ':memory:',
    '--no-watch',
    '--rescan',
    '3600',
  ]);
  const [id] = await writeSyntheticRuns(root, 1, { start: 7 });
  const count = async (url: string) =>
    (
      await gql<{ runs: { totalCount: number } }>(
        `${url}/graphql`,
        '{ runs(first: 1) { totalCount } }',
      )
    ).data?.runs.totalCount;
  while ((await count(rescanning.url)) !== 1) await new Promise((r) => setTimeout(r, 100));
  // The rescanning server has seen it; a watcher would have told the other one long before.
  expect(await count(idle.url)).toBe(0);
  expect(id).toBeDefined();
});

it('--mirror-mlflow: the server mirrors to the given tracking server', async () => {
  const root = join(tmp.path, 'mirror-root');
  const s = await serve([
    '--root',
    root,
    '--index',
    ':memory:',
    '--mirror-mlflow',
    'http://127.0.0.1:9',
  ]);
  const answer = await gql<{ mirrorStatus: { enabled: boolean; trackingUri: string } }>(
    `${s.url}/graphql`,
    '{ mirrorStatus { enabled trackingUri } }',
  );
  expect(answer.data?.mirrorStatus).toEqual({ enabled: true, trackingUri: 'http://127.0.0.1:9' });
});

it('--cors-origin: the listed origin gets CORS headers, others none', async () => {
  const s = await serve([
    '--root',
    join(tmp.path, 'cors-root'),
    '--index',
    ':memory:',
    '--cors-origin',
    'https://dash.example.org',
    '--cors-origin',
    'http://localhost:3000',
  ]);
  const preflight = (origin: string) =>
    fetch(`${s.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
  expect(
    (await preflight('https://dash.example.org')).headers.get('access-control-allow-origin'),
  ).toBe('https://dash.example.org');
  expect(
    (await preflight('http://localhost:3000')).headers.get('access-control-allow-origin'),
  ).toBe('http://localhost:3000');
  expect(
    (await preflight('https://evil.example.com')).headers.get('access-control-allow-origin'),
  ).toBeNull();
});

it('--import-root: the backfill mutation reads run folders inside it', async () => {
  const importRoot = join(tmp.path, 'imports');
  await mkdir(join(importRoot, 'old-runs'), { recursive: true });
  const backfill = `mutation($dir: String!) { backfill(runsDir: $dir, dryRun: true) { __typename ... on BackfillResult { found } ... on Error { message } } }`;
  const without = await serve(['--root', join(tmp.path, 'import-a'), '--index', ':memory:']);
  const withRoot = await serve([
    '--root',
    join(tmp.path, 'import-b'),
    '--index',
    ':memory:',
    '--import-root',
    importRoot,
  ]);
  const dir = join(importRoot, 'old-runs');
  const refused = await gql<{ backfill: { __typename: string; message?: string } }>(
    `${without.url}/graphql`,
    backfill,
    { dir },
  );
  expect(refused.data?.backfill.message).toMatch(/--import-root/);
  const done = await gql<{ backfill: { __typename: string; found?: number } }>(
    `${withRoot.url}/graphql`,
    backfill,
    { dir },
  );
  expect(done.data?.backfill).toEqual({ __typename: 'BackfillResult', found: 0 });
});

it('npm install built server/dist, and the bin serves from it', async () => {
  expect(existsSync('server/dist/server/src/cli/main.js')).toBe(true);
  const s = await serve(
    ['--root', join(tmp.path, 'from-dist'), '--index', ':memory:', '--no-watch'],
    {
      RUNFACTS_FROM_SOURCE: '0',
    },
  );
  expect((await fetch(`${s.url}/health`)).status).toBe(200);
  const answer = await gql<{ runs: { totalCount: number } }>(
    `${s.url}/graphql`,
    '{ runs(first: 1) { totalCount } }',
  );
  expect(answer.data?.runs.totalCount).toBe(0);
});

describe('a busy port', () => {
  for (const [how, args, env] of [
    ['--port', (p: number) => ['--port', String(p)], () => ({})],
    ['RUNFACTS_PORT', () => [], (p: number) => ({ RUNFACTS_PORT: String(p) })],
  ] as const) {
    it(`exits non-zero naming --port and RUNFACTS_PORT (port from ${how})`, async () => {
      const blocker = createServer();
      await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
      const port = (blocker.address() as { port: number }).port;
      try {
        const child = spawn(
          process.execPath,
          [BIN, 'serve', '--root', join(tmp.path, 'busy'), '--index', ':memory:', ...args(port)],
          {
            env: { ...process.env, ...env(port) },
            stdio: ['ignore', 'ignore', 'pipe'],
          },
        );
        servers.push({ child, url: '' });
        let stderr = '';
        child.stderr.setEncoding('utf8').on('data', (d: string) => {
          stderr += d;
        });
        const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
        expect(code).not.toBe(0);
        expect(stderr).toMatch(new RegExp(`port ${port} .*in use`));
        expect(stderr).toMatch(/--port/);
        expect(stderr).toMatch(/RUNFACTS_PORT/);
      } finally {
        blocker.close();
      }
    });
  }
});

describe('shutdown with a subscriber connected', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} ends the SSE stream and exits while the client stays`, async () => {
      const s = await serve([
        '--root',
        join(tmp.path, `shutdown-${signal}`),
        '--index',
        ':memory:',
        '--no-watch',
      ]);
      const response = await fetch(`${s.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query: 'subscription { runEvents { kind runId } }' }),
      });
      expect(response.status).toBe(200);
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const exit = new Promise<number | null>((r) => s.child.once('exit', (c) => r(c)));
      s.child.kill(signal);
      // The client keeps reading and never closes: the server must end the stream itself.
      let text = '';
      for (;;) {
        const chunk = await reader.read().catch(() => ({ done: true, value: undefined }));
        if (chunk.done) break;
        text += new TextDecoder().decode(chunk.value);
      }
      expect(await exit).toBe(0);
      expect(text).toMatch(/event: complete/);
      expect(text).toMatch(/SHUTTING_DOWN/);
    });
  }
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
