/**
 * Fuzzes a live runfacts server with fast-check for a bounded time and request count:
 *   npx tsx bench/fuzz/fuzz-graphql.ts --minutes 5 [--target app|hardened] [--seed N]
 * Fails (exit 1) on any HTTP 5xx, crash, hang, leak, memory over the limit, or file written
 * outside the temp facts root. See bench/fuzz/README.md.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { writeSyntheticRuns } from '../../server/src/demo/write-synthetic.js';
import { schema } from '../../server/src/schema/index.js';
import { fuzzRequest } from './document-gen.js';
import { FINDING_KINDS, Findings, inspectResponse, truncate } from './findings.js';
import { snapshotDiff, snapshotExcept, watchOutside } from './outside-watch.js';
import { type RawRequest, rawRequestArb } from './raw-requests.js';
import { startServerProcess } from './server-process.js';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '5' },
    'max-requests': { type: 'string', default: '200000' },
    target: { type: 'string', default: 'app' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    workers: { type: 'string', default: '3' },
    'rss-limit-mb': { type: 'string', default: '1536' },
    keep: { type: 'boolean', default: false },
  },
});
const deadline = Date.now() + Number(args.minutes) * 60_000;
const maxRequests = Number(args['max-requests']);
const seed = Number(args.seed);
const REQUEST_TIMEOUT_MS = 30_000;

const base = await mkdtemp(join(tmpdir(), 'runfacts-fuzz-'));
const area = join(base, 'area');
const root = join(area, 'root');
await mkdir(join(area, 'canary'), { recursive: true });
await mkdir(join(area, 'cwd'));
await writeFile(join(area, 'canary', 'keep.txt'), 'must not change\n');
const runIds = await writeSyntheticRuns(root, 200);
const before = await snapshotExcept(base, root);
const watcher = watchOutside(base, join('area', 'root'));

const findings = new Findings();
const stats = {
  requests: 0,
  skipped: 0,
  byStatus: new Map<number, number>(),
  byCode: new Map<string, number>(),
};
let maxRss = 0;
let startRss = 0;
let lastExample = '';
const launched = Date.now();
const slowest: Array<{ ms: number; example: string }> = [];
const server = await startServerProcess(root, String(args.target), join(area, 'cwd'));
const url = server.url;
const rssLimit = Number(args['rss-limit-mb']) * 2 ** 20;
const rssTimeline: Array<[number, number]> = [];
const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
server.onMemory((rss) => {
  if (startRss === 0) startRss = rss;
  const second = Math.round((Date.now() - launched) / 1000);
  if (rss > rssLimit && maxRss <= rssLimit) {
    findings.add(FINDING_KINDS.memory, `over ${mib(rssLimit)} MiB after ${second} s`, lastExample);
  }
  maxRss = Math.max(maxRss, rss);
  const last = rssTimeline.at(-1);
  if (!last || second - last[0] >= 30) rssTimeline.push([second, mib(rss)]);
});
let stopped = false;
server.onExit((why) => {
  findings.add(FINDING_KINDS.crash, why, `${server.lastStderr()} | last request: ${lastExample}`);
  stopped = true;
});
const secrets = [base, root, import.meta.dirname.replace(/bench\/fuzz$/, '')];

function tally(status: number, codes: string[]): void {
  stats.requests++;
  stats.byStatus.set(status, (stats.byStatus.get(status) ?? 0) + 1);
  for (const c of codes) stats.byCode.set(c, (stats.byCode.get(c) ?? 0) + 1);
}

async function send(req: RawRequest, example: string): Promise<void> {
  const streaming = req.headers.accept === 'text/event-stream';
  const signal = AbortSignal.timeout(streaming ? 500 : REQUEST_TIMEOUT_MS);
  const t0 = Date.now();
  lastExample = example;
  try {
    const res = await fetch(`${url}${req.path}`, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal,
    });
    const text = await res.text().catch((e: Error) => (streaming ? '' : Promise.reject(e)));
    const { codes, problems } = inspectResponse(res.status, text, secrets);
    tally(res.status, codes);
    noteLatency(Date.now() - t0, example);
    for (const p of problems) {
      findings.add(p.kind, p.signature, example);
    }
  } catch (error) {
    if (stopped) return;
    const e = error as Error & { cause?: { code?: string } };
    if (e.name === 'TimeoutError' && !streaming)
      findings.add(FINDING_KINDS.hung, req.label, example);
    // A body over the limit may be cut off mid-upload: that is the refusal working.
    else if (e.name !== 'TimeoutError' && (req.body?.length ?? 0) <= 1024 * 1024) {
      findings.add('request failed', `${e.cause?.code ?? e.message}`, example);
    }
    tally(0, [e.name]);
  }
}

function noteLatency(ms: number, example: string): void {
  if (slowest.length === 5 && ms <= (slowest[4]?.ms ?? 0)) return;
  slowest.push({ ms, example: truncate(example, 300) });
  slowest.sort((a, b) => b.ms - a.ms);
  slowest.length = Math.min(slowest.length, 5);
}

async function healthy(): Promise<boolean> {
  try {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ experiments { name } }' }),
      signal: AbortSignal.timeout(15_000),
    });
    return res.status === 200;
  } catch {
    return false;
  }
}

/** The JSON body of a generated request, or null when the fuzzer's own recursion gave out on it. */
function buildBody(g: fc.GeneratorValue): { text: string; accept: string } | null {
  try {
    const body = fuzzRequest(g, schema, runIds);
    const subscription = body.query.startsWith('subscription');
    return {
      text: JSON.stringify(body),
      accept: subscription ? 'text/event-stream' : 'application/json',
    };
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    stats.skipped++;
    return null;
  }
}

async function worker(index: number): Promise<void> {
  const raw = rawRequestArb();
  const rawF = () => raw;
  await fc.assert(
    fc.asyncProperty(fc.gen(), async (g) => {
      if (stopped || Date.now() > deadline || stats.requests >= maxRequests) return;
      if (g(fc.integer, { min: 0, max: 9 }) === 0) {
        const req = g(rawF);
        await send(req, `${req.label} ${req.method} ${req.path} ${truncate(req.body ?? '', 300)}`);
      } else {
        const built = buildBody(g);
        if (built === null) return;
        const { text, accept } = built;
        await send(
          {
            label: 'graphql',
            method: 'POST',
            path: '/graphql',
            headers: { 'content-type': 'application/json', accept },
            body: text,
          },
          text,
        );
      }
      if (stats.requests % 50 === index && !stopped && !(await healthy())) {
        findings.add(FINDING_KINDS.unresponsive, 'health query failed', server.lastStderr());
      }
    }),
    {
      numRuns: maxRequests,
      seed: seed + index,
      plugins: [fc.interruptAfterTimeLimit(deadline - Date.now())],
    },
  );
}

const started = Date.now();
await Promise.all(Array.from({ length: Number(args.workers) }, (_, i) => worker(i)));
const wasUp = !stopped && (await healthy());
stopped = true;
await server.stop();
watcher.close();
for (const change of snapshotDiff(before, await snapshotExcept(base, root))) {
  findings.add(FINDING_KINDS.outside, change, '');
}
for (const e of watcher.events) findings.add(FINDING_KINDS.outside, e, 'seen by fs.watch');

const report = {
  target: args.target,
  seed,
  seconds: Math.round((Date.now() - started) / 1000),
  requests: stats.requests,
  skippedTooDeepToBuild: stats.skipped,
  serverUpAtEnd: wasUp,
  rssMiB: { start: mib(startRss), max: mib(maxRss), timeline: rssTimeline },
  byStatus: Object.fromEntries(stats.byStatus),
  topCodes: Object.fromEntries([...stats.byCode].sort((a, b) => b[1] - a[1]).slice(0, 20)),
  slowest,
  serverLog: Object.fromEntries([...server.errorLog()].sort((a, b) => b[1] - a[1]).slice(0, 30)),
  findings: findings.list(),
};
const reproFile = join(tmpdir(), `runfacts-fuzz-${args.target}-${seed}.jsonl`);
await writeFile(reproFile, findings.reproducers.map((r) => `${JSON.stringify(r)}\n`).join(''));
console.log(JSON.stringify({ ...report, reproducers: reproFile }, null, 2));
if (args.keep) console.error(`kept ${base}`);
else await rm(base, { recursive: true, force: true });
process.exit(report.findings.length > 0 || !wasUp ? 1 : 0);
