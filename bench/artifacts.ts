// Artifact upload and download throughput over real HTTP, against the disk's raw copy speed.
//   npx tsx bench/artifacts.ts --size-mb 1024 --repeat 3
// A `runfacts serve` child process serves a scratch root under bench/.scratch/; the client is
// undici streaming the file (upload: PUT with x-runfacts-sha256; download: GET to a file, fsynced).
// The baseline is a streamed read+write+fsync of the same file (what an upload must do at least).
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { request } from 'undici';
import { writeSyntheticRuns } from '../server/src/demo/write-synthetic.js';

const { values } = parseArgs({
  options: {
    'size-mb': { type: 'string', default: '1024' },
    repeat: { type: 'string', default: '3' },
  },
});
const sizeMb = Number(values['size-mb']);
const repeat = Number(values.repeat);
const MB = 1024 * 1024;

const scratchBase = join(import.meta.dirname, '.scratch');
await mkdir(scratchBase, { recursive: true });
const scratch = await mkdtemp(join(scratchBase, 'artifacts-'));
const root = join(scratch, 'root');
const [runId = ''] = await writeSyntheticRuns(root, 1);
const source = join(scratch, 'source.bin');

async function makeSource(): Promise<string> {
  const out = createWriteStream(source);
  const hash = createHash('sha256');
  const block = randomBytes(MB);
  for (let i = 0; i < sizeMb; i++) {
    block.writeUInt32LE(i, 0); // distinct blocks, so nothing downstream can dedupe them
    hash.update(block);
    if (!out.write(Buffer.from(block)))
      await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  return hash.digest('hex');
}

function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const bin = join(import.meta.dirname, '..', 'server', 'bin', 'runfacts.js');
  const child = spawn('node', [bin, 'serve', '--root', root, '--port', '0', '--no-watch'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr?.on('data', (c: Buffer) => {
      err += c.toString();
      const url = /serving .* at (http:\/\/\S+)\/graphql/.exec(err)?.[1];
      if (url) resolve({ child, url });
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
  });
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await fn();
  return (performance.now() - start) / 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const sha256 = await makeSource();
const server = await startServer();
const results = { copy: [] as number[], upload: [] as number[], download: [] as number[] };
try {
  for (let i = 0; i < repeat; i++) {
    const copyTarget = join(scratch, `copy-${i}.bin`);
    results.copy.push(
      await timed(() =>
        pipeline(
          createReadStream(source, { highWaterMark: MB }),
          createWriteStream(copyTarget, { flush: true }),
        ),
      ),
    );
    await rm(copyTarget);
    const path = `bench/file-${i}.bin`;
    results.upload.push(
      await timed(async () => {
        const res = await request(`${server.url}/artifacts/${runId}/${path}`, {
          method: 'PUT',
          headers: { 'content-length': String(sizeMb * MB), 'x-runfacts-sha256': sha256 },
          body: createReadStream(source, { highWaterMark: MB }),
        });
        const text = await res.body.text();
        if (res.statusCode !== 201) throw new Error(`upload: HTTP ${res.statusCode} ${text}`);
      }),
    );
    const downloaded = join(scratch, `down-${i}.bin`);
    results.download.push(
      await timed(async () => {
        const res = await request(`${server.url}/artifacts/${runId}/${path}`);
        if (res.statusCode !== 200) throw new Error(`download: HTTP ${res.statusCode}`);
        await pipeline(res.body, createWriteStream(downloaded, { flush: true }));
      }),
    );
    await rm(downloaded);
  }
} finally {
  server.child.kill('SIGTERM');
  await rm(scratch, { recursive: true, force: true });
}

const speed = (seconds: number) => sizeMb / seconds;
const copy = speed(median(results.copy));
const summary = {
  sizeMb,
  repeat,
  loadavg: loadavg().map((x) => Number(x.toFixed(1))),
  copyMBps: Number(copy.toFixed(1)),
  uploadMBps: Number(speed(median(results.upload)).toFixed(1)),
  downloadMBps: Number(speed(median(results.download)).toFixed(1)),
  uploadVsCopy: Number((speed(median(results.upload)) / copy).toFixed(2)),
  downloadVsCopy: Number((speed(median(results.download)) / copy).toFixed(2)),
  target: 0.7,
};
console.log(JSON.stringify(summary, null, 2));
await mkdir(join(import.meta.dirname, 'results'), { recursive: true });
await writeFile(
  join(import.meta.dirname, 'results', `artifacts-${sizeMb}mb.json`),
  `${JSON.stringify(summary, null, 2)}\n`,
);
