// Time from spawning `runfacts serve` to the first 200 from /health, from the build (server/dist)
// and from source (tsx). Usage: node bench/startup/health-after-spawn.mjs [runs=5] [root]
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../server/bin/runfacts.js', import.meta.url));
const runs = Number(process.argv[2] ?? 5);
const root = process.argv[3] ?? mkdtempSync(join(tmpdir(), 'runfacts-startup-'));

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

async function once(fromSource) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [bin, 'serve', '--root', root, '--port', String(port), '--no-watch'],
    {
      env: { ...process.env, RUNFACTS_FROM_SOURCE: fromSource ? '1' : '0' },
      stdio: 'ignore',
    },
  );
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  const ms = performance.now() - started;
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const result = { source: [], build: [] };
for (let i = 0; i < runs; i++) {
  result.source.push(await once(true));
  result.build.push(await once(false));
}
const { loadavg } = await import('node:os');
console.log(
  JSON.stringify({
    root,
    load: loadavg()[0],
    sourceMedianMs: Math.round(median(result.source)),
    buildMedianMs: Math.round(median(result.build)),
    source: result.source.map(Math.round),
    build: result.build.map(Math.round),
  }),
);
