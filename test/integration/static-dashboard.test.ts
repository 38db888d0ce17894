import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSchema, createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useStaticDashboard } from '../../server/src/http/static-dashboard.js';
import { makeTempDir } from '../helpers/temp-dir.js';

// The dashboard's files are served beside /graphql, and nothing outside its folder is.
let dir: Awaited<ReturnType<typeof makeTempDir>>;
const schema = createSchema({
  typeDefs: 'type Query { ok: Boolean }',
  resolvers: { Query: { ok: () => true } },
});
const yogaOver = (folder: string) =>
  createYoga({
    schema,
    landingPage: false,
    plugins: [useStaticDashboard({ dir: folder, graphqlEndpoint: '/graphql' })],
  });

beforeAll(async () => {
  dir = await makeTempDir('static');
  await mkdir(join(dir.path, 'dist', 'assets'), { recursive: true });
  await writeFile(join(dir.path, 'dist', 'index.html'), '<!doctype html><title>runfacts</title>');
  await writeFile(join(dir.path, 'dist', 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(join(dir.path, 'secret.txt'), 'not for the web');
});
afterAll(async () => {
  await dir?.remove();
});

describe('with a built dashboard', () => {
  const get = (path: string, method = 'GET') =>
    yogaOver(join(dir.path, 'dist')).fetch(`http://127.0.0.1${path}`, { method });

  it('serves index.html at / (revalidated) and hashed assets (cached for good)', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(await index.text()).toContain('<title>runfacts</title>');
    const asset = await get('/assets/index-abc.js');
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await asset.text()).toBe('console.log(1)');
    const head = await get('/', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers 404 for a missing file and for paths escaping the folder', async () => {
    expect((await get('/assets/nope.js')).status).toBe(404);
    expect((await get('/%2e%2e/secret.txt')).status).toBe(404);
    expect((await get('/..%2fsecret.txt')).status).toBe(404);
    expect((await get('/%E0%A4%A')).status).toBe(400);
  });

  it('leaves /graphql to GraphQL', async () => {
    const response = await yogaOver(join(dir.path, 'dist')).fetch('http://127.0.0.1/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ ok }' }),
    });
    expect(await response.json()).toEqual({ data: { ok: true } });
  });
});

it('says how to build the dashboard when it is not built', async () => {
  const response = await yogaOver(join(dir.path, 'missing')).fetch('http://127.0.0.1/');
  expect(response.status).toBe(503);
  expect(await response.text()).toContain('npm run build -w web');
});
