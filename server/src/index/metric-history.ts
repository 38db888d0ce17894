import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidInputError } from '../domain-error.js';
import { FACTS_DIR, type FactsStore, METRICS_FILE, MetricPoint } from '../facts/index.js';

const MAX_POINTS = 10_000;

export interface HistoryArgs {
  key: string;
  minStep?: number | null;
  maxStep?: number | null;
  /** Downsample to at most this many points (evenly by step bucket, keeping the last point of each). */
  maxPoints?: number | null;
}

export interface HistoryPoint {
  step: number;
  value: number;
  ts: string;
}

interface Cached {
  /** Bytes of complete lines read so far. */
  offset: number;
  byKey: Map<string, HistoryPoint[]>;
  points: number;
}

const byStepThenTime = (a: HistoryPoint, b: HistoryPoint) =>
  a.step - b.step || (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0);

/**
 * Metric histories served from each run's metrics.jsonl, which is only ever appended: a run's
 * parsed points are cached with the byte offset read so far, and a later read parses only the
 * lines appended since. The index keeps no history rows, so a write never touches them.
 */
export class MetricHistory {
  readonly #cache = new Map<string, Cached>();
  #points = 0;

  constructor(
    private readonly facts: FactsStore,
    /** Points kept in memory across runs before the least recently read runs are dropped. */
    private readonly maxPoints = 5_000_000,
  ) {}

  async keys(runId: string): Promise<string[]> {
    return [...(await this.#read(runId)).byKey.keys()].sort();
  }

  async points(runId: string, args: HistoryArgs): Promise<HistoryPoint[]> {
    if (args.maxPoints != null && (args.maxPoints < 1 || args.maxPoints > MAX_POINTS)) {
      throw new InvalidInputError(`must be 1 to ${MAX_POINTS}, got ${args.maxPoints}`, 'maxPoints');
    }
    const all = (await this.#read(runId)).byKey.get(args.key) ?? [];
    const inRange = all.filter(
      (p) =>
        (args.minStep == null || p.step >= args.minStep) &&
        (args.maxStep == null || p.step <= args.maxStep),
    );
    return args.maxPoints ? downsample(inRange, args.maxPoints) : inRange;
  }

  /** Forgets a run whose metrics.jsonl was rewritten rather than appended to. */
  drop(runId: string): void {
    const cached = this.#cache.get(runId);
    if (cached) this.#points -= cached.points;
    this.#cache.delete(runId);
  }

  async #read(runId: string): Promise<Cached> {
    const path = join(this.facts.runDir(runId), FACTS_DIR, METRICS_FILE);
    let cached = this.#cache.get(runId);
    const handle = await open(path, 'r').catch(() => null);
    if (!handle) {
      this.drop(runId);
      return { offset: 0, byKey: new Map(), points: 0 };
    }
    try {
      const { size } = await handle.stat();
      if (cached && size < cached.offset) {
        this.drop(runId);
        cached = undefined;
      }
      cached ??= { offset: 0, byKey: new Map(), points: 0 };
      if (size > cached.offset) {
        const tail = Buffer.alloc(size - cached.offset);
        const { bytesRead } = await handle.read(tail, 0, tail.length, cached.offset);
        // Only whole lines: a line being appended right now is read next time.
        const end = tail.subarray(0, bytesRead).lastIndexOf(0x0a) + 1;
        const added = parseLines(tail.subarray(0, end).toString('utf8'), cached.byKey);
        cached.offset += end;
        cached.points += added;
        this.#points += added;
      }
    } finally {
      await handle.close();
    }
    this.#cache.delete(runId);
    this.#cache.set(runId, cached);
    this.#evict();
    return cached;
  }

  #evict(): void {
    for (const [id, c] of this.#cache) {
      if (this.#points <= this.maxPoints || this.#cache.size <= 1) return;
      this.#cache.delete(id);
      this.#points -= c.points;
    }
  }
}

/** Adds each valid line's point under its key, kept in step order; returns how many. */
function parseLines(text: string, byKey: Map<string, HistoryPoint[]>): number {
  let added = 0;
  const touched = new Set<HistoryPoint[]>();
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue; // reported by the index with its line number
    }
    const point = MetricPoint.safeParse(value);
    if (!point.success) continue;
    const { key, step, value: v, ts } = point.data;
    let list = byKey.get(key);
    if (!list) {
      list = [];
      byKey.set(key, list);
    }
    const last = list.at(-1);
    list.push({ step, value: v, ts });
    if (last && byStepThenTime(last, list.at(-1) as HistoryPoint) > 0) touched.add(list);
    added++;
  }
  for (const list of touched) list.sort(byStepThenTime);
  return added;
}

/** At most `max` points: the series cut into `max` even buckets, the last point of each kept. */
export function downsample(points: readonly HistoryPoint[], max: number): HistoryPoint[] {
  if (points.length <= max) return [...points];
  const out: HistoryPoint[] = [];
  // ntile semantics: the first (n % max) buckets hold one point more.
  const base = Math.floor(points.length / max);
  const extra = points.length % max;
  let index = -1;
  for (let bucket = 0; bucket < max; bucket++) {
    index += base + (bucket < extra ? 1 : 0);
    out.push(points[index] as HistoryPoint);
  }
  return out;
}
