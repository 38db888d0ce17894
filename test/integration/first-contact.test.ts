import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenStore } from '../../server/src/auth/token-store.js';
import { listen, type RunningServer } from '../../server/src/main.js';
import { gql, runCli } from '../helpers/cli-process.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// What a new user's client hits first, over real HTTP on 127.0.0.1 and through the real CLI
// (issue 12, items 6-10 and 14).

let server: RunningServer;
let root: { path: string; remove: () => Promise<void> };
let url: string;
const tokens: Record<'admin' | 'writer' | 'reader', string> = { admin: '', writer: '', reader: '' };
let runId: string;

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  root = await makeTempDir('first-contact');
  const store = new TokenStore(root.path);
  tokens.admin = (await store.createToken({ name: 'admin', scopes: ['read', 'write'] })).token;
  tokens.writer = (await store.createToken({ name: 'writer', scopes: ['write'] })).token;
  tokens.reader = (await store.createToken({ name: 'reader', scopes: ['read'] })).token;
  server = await listen({
    root: root.path,
    host: '127.0.0.1',
    port: 0,
    indexPath: ':memory:',
    refresh: false,
  });
  url = `${server.url}/graphql`;
  const registered = await gql<{ registerRun: { runId: string } }>(
    url,
    `mutation { registerRun(input: { experiment: "secret-exp", name: "private", config: { secret: "s3cr3t" },
       meta: { goal: "regression", datasetName: "d", modelFamily: "mlp" } }) { ... on RegisterRunPayload { runId } } }`,
    {},
    bearer(tokens.admin),
  );
  runId = registered.data?.registerRun.runId as string;
  expect(runId).toBeTruthy();
});
afterAll(async () => {
  await server?.close();
  await root?.remove();
});

describe('write-only tokens do not read run content through mutation payloads', () => {
  const readRunThrough = `mutation($id: ID!) { setTags(runId: $id, tags: []) { ... on RunPayload { runId run { config params { key value } } } } }`;

  it('setTags(runId, tags: []) { run { config } } is refused for write only', async () => {
    const answer = await gql<{ setTags: { runId: string; run: unknown } }>(
      url,
      readRunThrough,
      { id: runId },
      bearer(tokens.writer),
    );
    expect(JSON.stringify(answer)).not.toContain('s3cr3t');
    expect(answer.data?.setTags).toEqual({ runId, run: null });
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a model version created by a write-only token shows no frozen config or meta', async () => {
    const created = await gql(
      url,
      'mutation { createRegisteredModel(name: "m") { __typename } }',
      {},
      bearer(tokens.writer),
    );
    expect(created.errors).toBeUndefined();
    const version = await gql<{ createModelVersion: { version: Record<string, unknown> } }>(
      url,
      `mutation($id: ID!) { createModelVersion(model: "m", runId: $id, source: "s") { ... on ModelVersionPayload { version { version runId config meta { goal } } } } }`,
      { id: runId },
      bearer(tokens.writer),
    );
    expect(JSON.stringify(version)).not.toContain('s3cr3t');
    expect(version.data?.createModelVersion.version).toMatchObject({
      version: 1,
      runId,
      config: null,
      meta: null,
    });
    expect(version.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });

  it('read and write together still get the run back', async () => {
    const answer = await gql<{ setTags: { run: { config: { secret: string } } } }>(
      url,
      readRunThrough,
      { id: runId },
      bearer(tokens.admin),
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.setTags.run.config.secret).toBe('s3cr3t');
  });
});

describe('a mutation that does not select its error types', () => {
  it('reports the error in top-level errors with its code and field', async () => {
    const answer = await gql(
      url,
      'mutation { setTags(runId: "no-such-run", tags: []) { ... on RunPayload { runId } } }',
      {},
      bearer(tokens.admin),
    );
    expect(answer.data).toEqual({ setTags: {} });
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors?.[0]?.message).toMatch(/no-such-run/);
    expect(answer.errors?.[0]).toMatchObject({
      path: ['setTags'],
      extensions: { code: 'RUN_NOT_FOUND', type: 'RunNotFoundError' },
    });
  });

  it('adds nothing when the error type is selected, or when the result is a success', async () => {
    const selected = await gql(
      url,
      'mutation { setTags(runId: "no-such-run", tags: []) { ... on Error { message } } }',
      {},
      bearer(tokens.admin),
    );
    expect(selected.errors).toBeUndefined();
    expect(selected.data).toEqual({ setTags: { message: expect.stringMatching(/no-such-run/) } });
    const success = await gql(
      url,
      'mutation($id: ID!) { setTags(runId: $id, tags: []) { ... on Error { message } } }',
      { id: runId },
      bearer(tokens.admin),
    );
    expect(success).toEqual({ data: { setTags: {} } });
  });
});

describe('request bodies', () => {
  it('a body that is not JSON (Python NaN) gets a short 400 naming the position, not the body', async () => {
    const body = '{"query":"{ __typename }","variables":{"secretValue":NaN}}';
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(tokens.reader) },
      body,
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).not.toContain('secretValue');
    expect(text).not.toContain('__typename');
    const answer = JSON.parse(text) as {
      errors: Array<{ message: string; extensions: Record<string, unknown> }>;
    };
    expect(answer.errors[0]?.message).toMatch(/not valid JSON.*position 53 \(line 1, column 54\)/);
    expect(answer.errors[0]?.extensions).toMatchObject({ code: 'BAD_REQUEST', position: 53 });
  });

  it('a 10 MB body sent whole with Connection: close gets a readable 413', async () => {
    const { port } = new URL(server.url);
    const size = 10 * 1024 * 1024;
    const socket = connect(Number(port), '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (d: Buffer) => received.push(d));
    const closed = new Promise<Error | null>((resolve) => {
      socket.on('error', (error) => resolve(error));
      socket.on('close', () => resolve(null));
    });
    socket.write(
      `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: ${size}\r\nConnection: close\r\n\r\n`,
    );
    // Like urllib: send the whole body, and only then read the answer.
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    for (let i = 0; i < 10; i++) {
      if (!socket.write(chunk)) await new Promise((r) => socket.once('drain', r));
    }
    expect(await closed).toBeNull();
    const answer = Buffer.concat(received).toString();
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toMatch(/REQUEST_ENTITY_TOO_LARGE/);
    expect(answer).toMatch(/maxBodyBytes/);
  });
});

describe('a revoked token', () => {
  it('loses its open subscriptions when revoked through the CLI', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        ...bearer(tokens.reader),
      },
      body: JSON.stringify({ query: 'subscription { runEvents { kind runId } }' }),
    });
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const revoked = await runCli(['token', 'revoke', 'reader', '--root', root.path]);
    expect(revoked.code).toBe(0);
    // An event after the revocation must not reach the stream; the stream must end by itself.
    await gql(
      url,
      `mutation($id: ID!) { setTags(runId: $id, tags: [{ key: "k", value: "v" }]) { __typename } }`,
      { id: runId },
      bearer(tokens.admin),
    );
    let text = '';
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += new TextDecoder().decode(chunk.value);
    }
    expect(text).toMatch(/TOKEN_REVOKED/);
    expect(text).toMatch(/event: complete/);
    expect(text).not.toMatch(/TAGS_CHANGED/);
  });
});

describe('a --url that is not the GraphQL endpoint', () => {
  it('says that the endpoint ends in /graphql and what to try', async () => {
    const result = await runCli(['runs', '--url', server.url, '--token', tokens.admin]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(`HTTP 404 from ${server.url} is an empty body`);
    expect(result.stderr).toContain(`try ${server.url}/graphql`);
  });
});
