import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashFile } from '../../../server/src/artifacts/checksum.js';
import { TokenStore } from '../../../server/src/auth/token-store.js';
import { writeSyntheticRuns } from '../../../server/src/demo/write-synthetic.js';
import { listen, type RunningServer } from '../../../server/src/main.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

let root: { path: string; remove: () => Promise<void> };
let work: { path: string; remove: () => Promise<void> };
let server: RunningServer;
let runId: string;
const tokens: Record<string, string> = {};
const MB = 1024 * 1024;

const url = (path: string) => `${server.url}/artifacts/${runId}/${path}`;
const auth = (name: string) => ({ authorization: `Bearer ${tokens[name]}` });
const runJson = async () =>
  JSON.parse(await readFile(join(root.path, 'runs', runId, 'facts', 'run.json'), 'utf8')) as {
    artifacts: Array<{ path: string; sha256?: string; size?: number }>;
  };

/** A raw request, so paths like `..` reach the server as written (fetch and undici normalize them). */
function raw(method: string, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const u = new URL(server.url);
    const req = httpRequest({ host: u.hostname, port: u.port, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => {
        text += c.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  root = await makeTempDir('artifacts-http');
  work = await makeTempDir('artifacts-work');
  [runId = ''] = await writeSyntheticRuns(root.path, 1);
  const store = new TokenStore(root.path);
  for (const [name, scopes] of Object.entries({
    reader: ['read'],
    writer: ['read', 'write'],
    pusher: ['write'],
  })) {
    tokens[name] = (await store.createToken({ name, scopes })).token;
  }
  server = await listen({
    root: root.path,
    host: '127.0.0.1',
    port: 0,
    indexPath: ':memory:',
    refresh: false,
  });
});
afterAll(async () => {
  await server?.close();
  await root?.remove();
  await work?.remove();
});

describe('artifacts over HTTP', () => {
  it('uploads a 200 MB file and downloads it back byte-identical with its checksum', async () => {
    const source = join(work.path, 'big.bin');
    const out = createWriteStream(source);
    for (let i = 0; i < 200; i++)
      if (!out.write(randomBytes(MB))) await new Promise<void>((r) => out.once('drain', () => r()));
    await new Promise<void>((r) => out.end(() => r()));
    const expected = await hashFile(source);

    const put = await request(url('models/big.bin'), {
      method: 'PUT',
      headers: {
        ...auth('writer'),
        'content-length': String(200 * MB),
        'x-runfacts-sha256': expected.sha256,
      },
      body: createReadStream(source),
    });
    const created = (await put.body.json()) as { sha256: string; size: number; created: boolean };
    expect(put.statusCode).toBe(201);
    expect(created).toMatchObject({ sha256: expected.sha256, size: 200 * MB, created: true });
    expect((await runJson()).artifacts).toContainEqual(
      expect.objectContaining({ path: 'models/big.bin', sha256: expected.sha256, size: 200 * MB }),
    );

    const res = await request(url('models/big.bin'), { headers: auth('reader') });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe(`"${expected.sha256}"`);
    const copy = join(work.path, 'copy.bin');
    await pipeline(res.body, createWriteStream(copy));
    expect(await hashFile(copy)).toEqual(expected);

    // A retry with the same checksum is a no-op: 200, nothing rewritten.
    const before = await stat(join(root.path, 'runs', runId, 'artifacts', 'models', 'big.bin'));
    const again = await request(url('models/big.bin'), {
      method: 'PUT',
      headers: { ...auth('writer'), 'x-runfacts-sha256': expected.sha256 },
      body: createReadStream(source),
    });
    expect(again.statusCode).toBe(200);
    expect(((await again.body.json()) as { created: boolean }).created).toBe(false);
    const after = await stat(join(root.path, 'runs', runId, 'artifacts', 'models', 'big.bin'));
    expect(after.ino).toBe(before.ino);
  }, 180_000);

  it('serves a Range and answers If-None-Match with 304', async () => {
    const body = Buffer.from('0123456789abcdefghij');
    const events = server.app.services.events.subscribe('runEvents')[Symbol.asyncIterator]();
    const event = events.next();
    const put = await request(url('small.txt'), { method: 'PUT', headers: auth('writer'), body });
    expect(put.statusCode).toBe(201);
    // Subscribers (and the continuous MLflow mirror) hear of it.
    expect((await event).value).toMatchObject({ kind: 'ARTIFACTS_CHANGED', runId });
    await events.return?.();
    const { sha256 } = (await put.body.json()) as { sha256: string };
    expect(sha256).toBe(createHash('sha256').update(body).digest('hex'));

    const part = await request(url('small.txt'), {
      headers: { ...auth('reader'), range: 'bytes=5-9' },
    });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 5-9/20');
    expect(await part.body.text()).toBe('56789');
    const tail = await request(url('small.txt'), {
      headers: { ...auth('reader'), range: 'bytes=-3' },
    });
    expect(await tail.body.text()).toBe('hij');
    const bad = await request(url('small.txt'), {
      headers: { ...auth('reader'), range: 'bytes=50-60' },
    });
    await bad.body.dump();
    expect(bad.statusCode).toBe(416);
    const cached = await request(url('small.txt'), {
      headers: { ...auth('reader'), 'if-none-match': `"${sha256}"` },
    });
    await cached.body.dump();
    expect(cached.statusCode).toBe(304);
  });

  it('refuses a body whose checksum differs from x-runfacts-sha256, keeping nothing', async () => {
    const res = await request(url('wrong.bin'), {
      method: 'PUT',
      headers: { ...auth('writer'), 'x-runfacts-sha256': 'a'.repeat(64) },
      body: 'hello',
    });
    const body = (await res.body.json()) as {
      errors: Array<{ message: string; extensions: { code: string } }>;
    };
    expect(res.statusCode).toBe(400);
    expect(body.errors[0]?.extensions.code).toBe('CHECKSUM_MISMATCH');
    expect(await readdir(join(root.path, 'runs', runId, 'artifacts'))).not.toContain('wrong.bin');
    expect((await runJson()).artifacts.map((a) => a.path)).not.toContain('wrong.bin');
  });

  it('leaves no partial artifact when the client aborts mid-body', async () => {
    const controller = new AbortController();
    async function* body() {
      yield randomBytes(MB);
      yield randomBytes(MB);
      // Wait until the server has written some of it, then give up.
      const dir = join(root.path, 'runs', runId, 'artifacts');
      for (;;) {
        const temps = (await readdir(dir)).filter((n) => n.startsWith('.tmp-aborted'));
        if (temps.length > 0 && (await stat(join(dir, temps[0] ?? '')).catch(() => null))?.size)
          break;
        await new Promise((r) => setTimeout(r, 20));
      }
      controller.abort();
      yield randomBytes(MB);
    }
    await expect(
      request(url('aborted.bin'), {
        method: 'PUT',
        headers: { ...auth('writer'), 'content-length': String(10 * MB) },
        body: Readable.from(body()),
        signal: controller.signal,
      }),
    ).rejects.toThrow();
    const dir = join(root.path, 'runs', runId, 'artifacts');
    await expect
      .poll(async () => (await readdir(dir)).filter((n) => n.includes('aborted')), {
        timeout: 10_000,
      })
      .toEqual([]);
    expect((await runJson()).artifacts.map((a) => a.path)).not.toContain('aborted.bin');
    const get = await request(url('aborted.bin'), { headers: auth('reader') });
    await get.body.dump();
    expect(get.statusCode).toBe(404);
  });

  it('refuses .., absolute and symlinked paths', async () => {
    for (const path of [
      `/artifacts/${runId}/../facts/run.json`,
      `/artifacts/${runId}/%2e%2e/facts/run.json`,
      `/artifacts/${runId}//etc/passwd`,
      `/artifacts/${runId}/a%2F..%2F..%2Fx`,
    ]) {
      const res = await raw('PUT', path, auth('writer'), 'x');
      expect(res.status, path).toBe(400);
      expect(JSON.parse(res.body).errors[0].extensions.code).toBe('BAD_PATH');
    }
    const outside = join(work.path, 'outside');
    await mkdir(outside);
    await symlink(outside, join(root.path, 'runs', runId, 'artifacts', 'escape'));
    const put = await raw('PUT', `/artifacts/${runId}/escape/x.bin`, auth('writer'), 'x');
    expect(put.status).toBe(400);
    expect(put.body).toMatch(/symlink/);
    expect(await readdir(outside)).toEqual([]);
    // A recorded artifact whose file became a link out of the run is not served.
    await writeFile(join(outside, 'secret'), 'secret');
    const up = await request(url('linked.txt'), {
      method: 'PUT',
      headers: auth('writer'),
      body: 'ok',
    });
    await up.body.dump();
    const target = join(root.path, 'runs', runId, 'artifacts', 'linked.txt');
    await import('node:fs/promises').then((fs) => fs.rm(target));
    await symlink(join(outside, 'secret'), target);
    const get = await raw('GET', `/artifacts/${runId}/linked.txt`, auth('reader'));
    expect(get.status).toBe(400);
    expect(get.body).not.toContain('secret"');
    const spaced = await raw('PUT', `/artifacts/${runId}/my%20model,v2.bin`, auth('writer'), 'x');
    expect(spaced.status).toBe(400);
    expect(spaced.body).toMatch(/my_model_v2\.bin/);
  });

  it('enforces scopes: write to upload, read to download', async () => {
    const noWrite = await raw('PUT', `/artifacts/${runId}/s.txt`, auth('reader'), 'x');
    expect(noWrite.status).toBe(403);
    expect(noWrite.body).toMatch(/write scope/);
    const anonymous = await raw('GET', `/artifacts/${runId}/small.txt`, {});
    expect(anonymous.status).toBe(403);
    const badToken = await raw('GET', `/artifacts/${runId}/small.txt`, {
      authorization: 'Bearer nope',
    });
    expect(badToken.status).toBe(401);
    const noRead = await raw('GET', `/artifacts/${runId}/small.txt`, auth('pusher'));
    expect(noRead.status).toBe(403);
    const ok = await raw('PUT', `/artifacts/${runId}/s.txt`, auth('pusher'), 'x');
    expect(ok.status).toBe(201);
  });

  it('takes artifacts larger than the GraphQL body limit (1 MiB), yet refuses them at /graphql', async () => {
    const big = randomBytes(3 * MB);
    const res = await request(url('three.bin'), {
      method: 'PUT',
      headers: auth('writer'),
      body: big,
    });
    expect(res.statusCode).toBe(201);
    await res.body.dump();
    const gql = await request(`${server.url}/graphql`, {
      method: 'POST',
      headers: { ...auth('writer'), 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename }`, pad: 'x'.repeat(3 * MB) }),
    });
    await gql.body.dump();
    expect(gql.statusCode).toBe(413);
  });

  it('fails loudly (409) when a file changed after it was logged', async () => {
    const up = await request(url('model.txt'), {
      method: 'PUT',
      headers: auth('writer'),
      body: 'weights v1',
    });
    await up.body.dump();
    await writeFile(join(root.path, 'runs', runId, 'artifacts', 'model.txt'), 'weights v2');
    const res = await raw('GET', `/artifacts/${runId}/model.txt`, auth('reader'));
    expect(res.status).toBe(409);
    expect(JSON.parse(res.body).errors[0].message).toMatch(/changed after it was logged/);
  });
});
