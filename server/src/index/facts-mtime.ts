import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FACTS_DIR, META_FILE, METRICS_FILE, OVERRIDE_FILE, RUN_FILE } from '../facts/index.js';

const FILES = [RUN_FILE, META_FILE, OVERRIDE_FILE, METRICS_FILE];

/** The latest mtime of a run's facts folder and files (0 when none exist), as RunFiles.mtimeMs counts it. */
export async function factsMtime(runsDir: string, runId: string): Promise<number> {
  const facts = join(runsDir, runId, FACTS_DIR);
  const times = await Promise.all(
    [facts, ...FILES.map((f) => join(facts, f))].map((p) =>
      stat(p).then(
        (s) => s.mtimeMs,
        () => 0,
      ),
    ),
  );
  return Math.max(...times);
}
