import { createHash } from 'node:crypto';
import { cp, lstat, readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { BackfillReport, BackfillRunResult } from '../../../server/src/backfill/index.js';

export const FIXTURES = resolve(import.meta.dirname, '../../fixtures/backfill');

export interface Facts {
  run: Record<string, unknown>;
  meta: Record<string, unknown>;
  metrics: string | null;
  override: string | null;
}

async function optional(path: string): Promise<string | null> {
  return readFile(path, 'utf8').catch(() => null);
}

/** The facts files of one run in a root, parsed. */
export async function readFacts(root: string, runId: string): Promise<Facts> {
  const dir = join(root, 'runs', runId, 'facts');
  return {
    run: JSON.parse(await readFile(join(dir, 'run.json'), 'utf8')),
    meta: JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8')),
    metrics: await optional(join(dir, 'metrics.jsonl')),
    override: await optional(join(dir, 'meta_override.json')),
  };
}

export interface FileState {
  sha1: string;
  mtimeMs: number;
}

/** Every regular file under `dir` with its content hash and mtime, to prove nothing changed. */
export async function snapshotTree(dir: string): Promise<Map<string, FileState>> {
  const out = new Map<string, FileState>();
  const walk = async (rel: string) => {
    for (const entry of await readdir(join(dir, rel), { withFileTypes: true })) {
      const path = join(rel, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        const content = await readFile(join(dir, path));
        const { mtimeMs } = await lstat(join(dir, path));
        out.set(path, { sha1: createHash('sha1').update(content).digest('hex'), mtimeMs });
      }
    }
  };
  await walk('');
  return out;
}

/** A copy of the fixture tree (or one layout of it) that a test may change. */
export async function copyFixtures(dest: string, layout = ''): Promise<string> {
  const target = join(dest, 'runs-src');
  await cp(join(FIXTURES, layout), target, { recursive: true });
  return target;
}

/** The run read from the source folder ending in `suffix`. */
export function runFrom(report: BackfillReport, suffix: string): BackfillRunResult {
  const found = report.runs.find((r) => r.source_path.endsWith(suffix));
  if (!found) throw new Error(`no run from a source ending in ${suffix}`);
  return found;
}
