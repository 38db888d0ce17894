import { existsSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeSyntheticRuns } from '../../server/src/demo/write-synthetic.js';

const BENCH_DIR = new URL('..', import.meta.url).pathname;
const COMPLETE_MARKER = '.complete';

/** `bench/.data/<n>`, generated once: a marker file tells a finished set from an interrupted one. */
export async function syntheticDataSet(
  runs: number,
  log: (line: string) => void = () => undefined,
): Promise<string> {
  const root = join(BENCH_DIR, '.data', String(runs));
  if (existsSync(join(root, COMPLETE_MARKER))) return root;
  await rm(root, { recursive: true, force: true });
  log(`generating ${runs} synthetic runs into ${root}`);
  const started = performance.now();
  let reported = 0;
  await writeSyntheticRuns(root, runs, {
    // Index and API benches never read artifact files; 100k tiny files would only slow set-up.
    artifactFiles: false,
    onProgress: (done) => {
      if (done - reported >= 10_000 || done === runs) {
        reported = done;
        log(`  ${done}/${runs}`);
      }
    },
  });
  await writeFile(join(root, COMPLETE_MARKER), `${new Date().toISOString()}\n`);
  log(`generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return root;
}
