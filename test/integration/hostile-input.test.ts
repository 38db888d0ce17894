import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HardenedServer, startHardenedServer } from '../../bench/fuzz/hardened-server.js';
import { writeSyntheticRuns } from '../../server/src/demo/write-synthetic.js';
import { makeTempDir } from '../helpers/temp-dir.js';

interface GqlBody {
  data?: Record<string, unknown>;
  errors?: Array<{ message: string; extensions?: { code?: string; limit?: string } }>;
}

let dir: { path: string; remove: () => Promise<void> };
let server: HardenedServer;
let endpoint: string;

beforeAll(async () => {
  dir = await makeTempDir('hostile');
  await writeSyntheticRuns(dir.path, 30);
  server = await startHardenedServer({
    root: dir.path,
    corsOrigins: ['https://dash.example.org'],
    // Below the document length limit, so that an inline string can reach the string check.
    limits: { maxStringLength: 20_000 },
  });
  endpoint = `${server.url}/graphql`;
});
afterAll(async () => {
  await server?.close();
  await dir?.remove();
});

async function post(body: string, headers: Record<string, string> = {}) {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as GqlBody };
}
const gql = (query: string, variables?: Record<string, unknown>) =>
  post(JSON.stringify({ query, variables }));

/** After every hostile request the same server must still answer an ordinary query. */
async function expectStillServing(): Promise<void> {
  const { status, body } = await gql('{ runs(first: 5) { totalCount edges { node { id } } } }');
  expect(status).toBe(200);
  expect(body.errors).toBeUndefined();
  expect(body.data?.runs).toMatchObject({ totalCount: 30 });
}
const codeOf = (body: GqlBody) => body.errors?.[0]?.extensions?.code;

/** Streams a body without Content-Length, as chunked transfer encoding. */
function postChunked(
  chunks: number,
  chunkBytes: number,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      endpoint,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    for (let i = 0; i < chunks; i++) req.write('x'.repeat(chunkBytes));
    req.end();
  });
}

describe('hostile input against a live server', () => {
  it('answers a normal query to begin with', async () => {
    await expectStillServing();
  });

  it('refuses a body over the limit with 413 before reading it', async () => {
    const { status, body } = await post(`{"query":"${'x'.repeat(2 * 1024 * 1024)}"}`);
    expect(status).toBe(413);
    expect(body.errors?.[0]?.message).toMatch(/limit maxBodyBytes = 1048576/);
    await expectStillServing();
  });

  it('refuses an oversized chunked body (no Content-Length) with 413', async () => {
    const { status, text } = await postChunked(40, 64 * 1024);
    expect(status).toBe(413);
    expect(text).toContain('REQUEST_ENTITY_TOO_LARGE');
    await expectStillServing();
  });

  it('refuses a 10,000-alias document with a clear error', async () => {
    const aliases = Array.from({ length: 10_000 }, (_, i) => `a${i}: experiments { name }`);
    const { body } = await gql(`{ ${aliases.join(' ')} }`);
    expect(codeOf(body)).toBe('DOCUMENT_TOO_LARGE');
    expect(body.errors?.[0]?.message).toMatch(/characters \(limit maxDocumentLength = 65536\)/);
    expect(body.data).toBeUndefined();
    await expectStillServing();
    // Short names keep this one under the length limit; the parser stops at the token limit.
    const short = Array.from({ length: 2000 }, (_, i) => `a${i}:x`);
    const tokens = await gql(`{ ${short.join(' ')} }`);
    expect(codeOf(tokens.body)).toBe('DOCUMENT_TOO_LARGE');
    expect(tokens.body.errors?.[0]?.message).toMatch(/more than 5000 tokens \(limit maxTokens\)/);
    await expectStillServing();
  });

  it('refuses aliases over the limit, also when multiplied through fragments', async () => {
    const few = Array.from({ length: 51 }, (_, i) => `a${i}: experiments { name }`);
    const direct = await gql(`{ ${few.join(' ')} }`);
    expect(codeOf(direct.body)).toBe('TOO_MANY_ALIASES');
    expect(direct.body.errors?.[0]?.message).toMatch(/51 aliases \(limit maxAliases = 50\)/);
    // 14 levels of fragments each spreading the next twice: 2^14 = 16 384 aliases from 1.
    const levels = Array.from(
      { length: 14 },
      (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    );
    const fanned = await gql(
      `{ ...F0 } ${levels.join(' ')} fragment F14 on Query { a: experiments { name } }`,
    );
    expect(codeOf(fanned.body)).toBe('TOO_MANY_ALIASES');
    expect(fanned.body.errors?.[0]?.message).toMatch(/16384 aliases/);
    await expectStillServing();
  });

  it('refuses a deeply nested query with a clear error', async () => {
    const nest = (n: number) => `${'x { '.repeat(n)} y ${'} '.repeat(n)}`;
    const deep = await gql(`{ runs(first: 1) { edges { node { ${nest(400)} } } } }`);
    expect(codeOf(deep.body)).toBe('QUERY_TOO_DEEP');
    expect(deep.body.errors?.[0]?.message).toMatch(/brackets are nested 404 deep \(limit/);
    await expectStillServing();
    const moderate = await gql(`{ runs(first: 1) { edges { node { ${nest(40)} } } } }`);
    expect(codeOf(moderate.body)).toBe('QUERY_TOO_DEEP');
    expect(moderate.body.errors?.[0]?.message).toMatch(
      /selections are nested 44 deep \(limit maxSelectionDepth = 30\)/,
    );
    await expectStillServing();
  });

  it('refuses literals nested deep enough to overflow the parser (was an HTTP 500)', async () => {
    const { status, body } = await gql(
      `{ run(id: ${'['.repeat(1500)}"x"${']'.repeat(1500)}) { id } }`,
    );
    expect(status).toBeLessThan(500);
    expect(codeOf(body)).toBe('QUERY_TOO_DEEP');
    await expectStillServing();
  });

  it('refuses a 1 MB string argument, as a variable or inline, with a clear error', async () => {
    const big = 'x'.repeat(1_000_000);
    const asVariable = await gql('query ($id: ID!) { run(id: $id) { id } }', { id: big });
    expect(asVariable.status).toBe(400);
    expect(codeOf(asVariable.body)).toBe('STRING_TOO_LONG');
    expect(asVariable.body.errors?.[0]?.message).toMatch(
      /variables\.id is a string of 1000000 characters \(limit maxStringLength = 20000\)/,
    );
    await expectStillServing();
    const inline = await gql(`{ run(id: "${big}") { id } }`);
    expect(codeOf(inline.body)).toBe('DOCUMENT_TOO_LARGE');
    const within = await gql(`{ run(id: "${'x'.repeat(30_000)}") { id } }`);
    expect(codeOf(within.body)).toBe('STRING_TOO_LONG');
    expect(within.body.errors?.[0]?.message).toMatch(/30000 characters \(limit maxStringLength/);
    await expectStillServing();
  });

  it('refuses variables and argument literals nested deeper than the limit', async () => {
    // Written by hand: JSON.stringify itself recurses and would overflow on the client.
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const query = JSON.stringify('query ($v: JSON) { experiments { name } }');
    const { body } = await post(`{"query":${query},"variables":{"v":${deep}}}`);
    expect(codeOf(body)).toBe('INPUT_TOO_DEEP');
    await expectStillServing();
    const literal = `${'{a: '.repeat(70)}1${'}'.repeat(70)}`;
    const inline = await gql(
      `mutation { registerRun(input: {experiment: "e", name: "n", meta: {goal: "x"}, config: ${literal}}) { __typename } }`,
    );
    expect(codeOf(inline.body)).toBe('INPUT_TOO_DEEP');
    expect(inline.body.errors?.[0]?.message).toMatch(
      /nested 71 levels deep \(limit maxInputDepth = 64\)/,
    );
    await expectStillServing();
  });

  it('refuses an unknown token (401) and a foreign web origin (403), serving others', async () => {
    const query = JSON.stringify({ query: '{ experiments { name } }' });
    const wrong = await post(query, { authorization: 'Bearer rf_000000000000_nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer');
    const foreign = await post(query, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const dashboard = await post(query, { origin: 'https://dash.example.org' });
    expect(dashboard.status).toBe(200);
    expect(dashboard.headers.get('access-control-allow-origin')).toBe('https://dash.example.org');
    await expectStillServing();
  });

  it('accepts a valid token from the live token file', async () => {
    const { token } = await server.tokens.createToken({ name: 'dash', scopes: ['read'] });
    const query = JSON.stringify({ query: '{ experiments { name } }' });
    const ok = await post(query, { authorization: `Bearer ${token}` });
    expect(ok.status).toBe(200);
    expect(ok.body.data?.experiments).toBeDefined();
    await server.tokens.revokeToken('dash');
    const revoked = await post(query, { authorization: `Bearer ${token}` });
    expect(revoked.status).toBe(401);
  });
});
