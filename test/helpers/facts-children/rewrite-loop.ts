import { FactsStore } from '../../../server/src/facts/index.js';
import { argsOf, blobFor } from './shared.js';

const args = argsOf<{ root: string; runId: string; blobBytes: number; staleMs: number }>();
const store = new FactsStore(args.root, { lock: { staleMs: args.staleMs } });

for (let version = 1; ; version++) {
  await store.updateRun(args.runId, (run) => ({
    ...run,
    config: { version, blob: blobFor(version, args.blobBytes) },
  }));
  console.log(`wrote ${version}`);
}
