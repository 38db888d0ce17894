import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type SyntheticOptions, syntheticRun } from './synthetic-run.js';

/**
 * Writes `count` synthetic runs straight into the facts layout, as training code may. No fsync:
 * this makes data sets for demos, tests and benchmarks, where speed matters more than durability.
 */
export async function writeSyntheticRuns(
  root: string,
  count: number,
  options: SyntheticOptions & {
    start?: number;
    onProgress?: (done: number) => void;
    /** Write each run's small artifact files (default true); run.json lists them either way. */
    artifactFiles?: boolean;
  } = {},
): Promise<string[]> {
  const ids: string[] = [];
  const start = options.start ?? 0;
  const batch = 64;
  for (let i = start; i < start + count; i += batch) {
    const slice = [];
    for (let j = i; j < Math.min(i + batch, start + count); j++)
      slice.push(syntheticRun(j, options));
    await Promise.all(
      slice.map(async (r) => {
        const dir = join(root, 'runs', r.runId, 'facts');
        await mkdir(dir, { recursive: true });
        await Promise.all([
          ...Object.entries(options.artifactFiles === false ? {} : r.files).map(
            async ([path, text]) => {
              const file = join(root, 'runs', r.runId, 'artifacts', path);
              await mkdir(dirname(file), { recursive: true });
              await writeFile(file, text);
            },
          ),
          writeFile(join(dir, 'run.json'), `${JSON.stringify(r.run, null, 2)}\n`),
          writeFile(join(dir, 'meta.json'), `${JSON.stringify(r.meta, null, 2)}\n`),
          writeFile(
            join(dir, 'metrics.jsonl'),
            r.history.map((p) => `${JSON.stringify(p)}\n`).join(''),
          ),
        ]);
        ids.push(r.runId);
      }),
    );
    options.onProgress?.(Math.min(i + batch, start + count) - start);
  }
  return ids;
}
