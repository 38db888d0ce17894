import { FactsStore } from '../../../server/src/facts/index.js';
import { argsOf } from './shared.js';

const args = argsOf<{ root: string; runId: string; batch: number; staleMs: number }>();
const store = new FactsStore(args.root, { lock: { staleMs: args.staleMs } });
const ts = new Date().toISOString();

for (let done = 0; ; ) {
  const points = Array.from({ length: args.batch }, (_, j) => ({
    key: 'loss',
    value: done + j,
    step: done + j,
    ts,
  }));
  await store.appendMetrics(args.runId, points);
  done += args.batch;
  console.log(`appended ${done}`);
}
