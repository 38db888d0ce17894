import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The tag the benchmark adds to changed runs. */
export const CHANGE_TAG = 'bench_restart';

/**
 * Adds the tag `bench_restart: <stamp>` to each run's run.json as another program would do it
 * while the server is down: a temp file in the same folder, then a rename over the old file
 * (which also leaves a hard-linked original untouched).
 */
export async function tagRuns(
  root: string,
  runIds: readonly string[],
  stamp: string,
): Promise<void> {
  const batch = 64;
  for (let i = 0; i < runIds.length; i += batch) {
    await Promise.all(
      runIds.slice(i, i + batch).map(async (runId) => {
        const facts = join(root, 'runs', runId, 'facts');
        const path = join(facts, 'run.json');
        const run = JSON.parse(await readFile(path, 'utf8')) as { tags: Record<string, string> };
        run.tags[CHANGE_TAG] = stamp;
        const temp = join(facts, `.run.json.bench-${process.pid}`);
        await writeFile(temp, `${JSON.stringify(run, null, 2)}\n`);
        await rename(temp, path);
      }),
    );
  }
}
