import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../sdk/src/index.js';
import { TokenStore } from '../../server/src/auth/token-store.js';
import { writeSyntheticRuns } from '../../server/src/demo/write-synthetic.js';
import { listen, type RunningServer } from '../../server/src/main.js';
import { listenForTest } from '../helpers/listen.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { treeSnapshot } from '../helpers/tree-snapshot.js';
import { triggerUntilSeen } from '../helpers/until-live.js';

const run = promisify(execFile);
const FIXTURES = fileURLToPath(new URL('../fixtures/backfill', import.meta.url));
const BIN = new URL('../../server/bin/runfacts.js', import.meta.url).pathname;
let root: { path: string; remove: () => Promise<void> };
let server: RunningServer;
const tokens: Record<string, string> = {};

async function post(query: string, token: string | null, variables?: Record<string, unknown>) {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as {
    data?: Record<string, { __typename?: string; code?: string } | null>;
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  };
  return { status: res.status, ...body };
}

beforeAll(async () => {
  root = await makeTempDir('scopes');
  await writeSyntheticRuns(root.path, 5);
  const store = new TokenStore(root.path);
  for (const [name, scopes] of Object.entries({
    reader: ['read'],
    writer: ['read', 'write'],
    releaser: ['read', 'write', 'promote'],
    operator: ['read', 'admin'],
    pusher: ['write'],
  })) {
    tokens[name] = (await store.createToken({ name, scopes })).token;
  }
  server = await listenForTest(root.path, { importRoots: [FIXTURES] });
});
afterAll(async () => {
  await server?.close();
  await root?.remove();
});

const QUERY = '{ runs(first: 1) { totalCount } }';
const REGISTER =
  'mutation { registerRun(input: {experiment: "s", name: "s", meta: {goal: "classification"}}) { __typename } }';

describe('with tokens configured, every scope is refused where it must be and allowed where it should be', () => {
  it('queries need read; no token is 403 with the reason, a bad token 401', async () => {
    expect((await post(QUERY, tokens.reader ?? '')).data?.runs).toMatchObject({ totalCount: 5 });
    const anonymous = await post(QUERY, null);
    expect(anonymous.status).toBe(403);
    expect(anonymous.errors?.[0]?.message).toMatch(/not allowed for "anonymous" \(scopes: none\)/);
    const bad = await post(QUERY, 'rf_nope_nope');
    expect(bad.status).toBe(401);
  });

  it('mutations need write, and a refused one writes nothing', async () => {
    const before = await treeSnapshot(root.path);
    const refused = await post(REGISTER, tokens.reader ?? '');
    expect(await treeSnapshot(root.path)).toEqual(before);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toMatch(
      /Mutation\.registerRun is not allowed for "reader"/,
    );
    expect((await post(REGISTER, tokens.writer ?? '')).data?.registerRun?.__typename).toBe(
      'RegisterRunPayload',
    );
  });

  it('protected aliases need promote, and the history records the token name', async () => {
    const writer = tokens.writer ?? '';
    await post('mutation { createRegisteredModel(name: "m") { __typename } }', writer);
    const listed = await post('{ runs(first: 1) { edges { node { id } } } }', writer);
    const page = listed.data?.runs as unknown as
      | { edges: Array<{ node: { id: string } }> }
      | undefined;
    const runId = String(page?.edges[0]?.node.id);
    await post(
      'mutation($r: ID!) { createModelVersion(model: "m", runId: $r, source: "m.pt") { __typename } }',
      writer,
      { r: runId },
    );
    const forbidden = await post(
      'mutation { promote(model: "m", version: 1, reason: "go") { __typename ... on RegistryError { code } } }',
      writer,
    );
    expect(forbidden.data?.promote).toMatchObject({
      __typename: 'RegistryError',
      code: 'PROTECTED_ALIAS_FORBIDDEN',
    });
    const staging = await post(
      'mutation { setModelAlias(model: "m", alias: "canary", version: 1) { __typename } }',
      writer,
    );
    expect(staging.data?.setModelAlias?.__typename).toBe('AliasChangePayload');
    const promoted = await post(
      'mutation { promote(model: "m", version: 1, reason: "go") { __typename } }',
      tokens.releaser ?? '',
    );
    expect(promoted.data?.promote?.__typename).toBe('AliasChangePayload');
    const history = await post(
      '{ registeredModel(name: "m") { history { alias by } } }',
      tokens.reader ?? '',
    );
    expect(history.data?.registeredModel).toEqual({
      history: [
        { alias: 'canary', by: 'writer' },
        { alias: 'Production', by: 'releaser' },
      ],
    });
  });

  it('backfill and the mirror status need admin, and a refused backfill writes nothing', async () => {
    // Not a dry run: a refusal that let the call through would import runs into the root.
    const importing = 'mutation($d: String!) { backfill(runsDir: $d) { __typename } }';
    const before = await treeSnapshot(root.path);
    expect(
      (await post(importing, tokens.writer ?? '', { d: FIXTURES })).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    expect(await treeSnapshot(root.path)).toEqual(before);
    const backfill = 'mutation($d: String!) { backfill(runsDir: $d, dryRun: true) { __typename } }';
    expect(
      (await post(backfill, tokens.operator ?? '', { d: FIXTURES })).data?.backfill?.__typename,
    ).toBe('BackfillResult');
    expect(
      (await post('{ mirrorStatus { enabled } }', tokens.reader ?? '')).errors?.[0]?.extensions
        ?.code,
    ).toBe('FORBIDDEN');
  });

  it('subscriptions need read', async () => {
    const subscribe = (token: string) =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'text/event-stream',
          authorization: `Bearer ${token}`,
        },
        body: JSON.stringify({ query: 'subscription { runEvents { runId } }' }),
        signal: AbortSignal.timeout(3000),
      });
    const refused = await subscribe('rf_nope_nope');
    expect(refused.status).toBe(401);
    const noRead = createClient({ url: `${server.url}/graphql`, token: tokens.pusher ?? '' });
    await expect(noRead.runEvents(undefined, AbortSignal.timeout(3000)).next()).rejects.toThrow(
      /HTTP 403.*Subscription\.runEvents is not allowed/s,
    );
    await noRead.close();
    const withRead = createClient({ url: `${server.url}/graphql`, token: tokens.reader ?? '' });
    const abort = new AbortController();
    const events = withRead.runEvents(undefined, abort.signal);
    let first: unknown = null;
    void events.next().then((e) => {
      first = e.value;
    });
    await triggerUntilSeen(
      () => post(REGISTER, tokens.writer ?? ''),
      () => first !== null,
    );
    expect(first).toMatchObject({ kind: 'REGISTERED' });
    abort.abort();
    await withRead.close();
  });

  it('the CLI with a wrong token fails with the reason, and works with a right one', async () => {
    const env = { ...process.env, RUNFACTS_URL: `${server.url}/graphql` };
    const wrong = await run('node', [BIN, 'runs', '--token', 'rf_nope_nope'], { env }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect('code' in wrong && wrong.code).toBe(1);
    expect((wrong as { stderr: string }).stderr).toMatch(/401|token/i);
    const right = await run('node', [BIN, 'runs', '--format', 'json'], {
      env: { ...env, RUNFACTS_TOKEN: tokens.reader ?? '' },
    });
    expect(JSON.parse(right.stdout).length).toBeGreaterThanOrEqual(5);
  });
});

it('a non-loopback bind with no tokens refuses to start, saying how to create one', async () => {
  const empty = await makeTempDir('bind');
  await expect(
    listen({ root: empty.path, host: '0.0.0.0', port: 0, indexPath: ':memory:', refresh: false }),
  ).rejects.toThrow(/runfacts token create/);
  await empty.remove();
});
