import { FactsStore } from '../../../server/src/facts/index.js';
import { argsOf } from './shared.js';

const args = argsOf<{
  root: string;
  runId: string;
  worker: number;
  rounds: number;
  batch: number;
}>();
const store = new FactsStore(args.root, { lock: { timeoutMs: 120_000 } });
const ts = new Date().toISOString();

for (let round = 0; round < args.rounds; round++) {
  const points = Array.from({ length: args.batch }, (_, j) => ({
    key: `w${args.worker}`,
    value: round + j / args.batch,
    step: round * args.batch + j,
    ts,
  }));
  await store.appendMetrics(args.runId, points);
  await store.updateRun(args.runId, (run) => ({
    ...run,
    tags: { ...run.tags, [`w${args.worker}_r${round}`]: String(round) },
    config: { ...run.config, counter: Number(run.config.counter ?? 0) + 1 },
  }));
}
console.log('done');
