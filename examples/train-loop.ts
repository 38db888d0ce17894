// A training loop that records itself in runfacts (the README's SDK example).
// Run with a server up: npx tsx examples/train-loop.ts
import { createClient } from '../sdk/src/index.js';

const client = createClient({ url: process.env.RUNFACTS_URL ?? 'http://127.0.0.1:4000/graphql' });

const run = await client.startRun({
  experiment: 'binning-vs-direct',
  name: 'transformer_max_binned',
  architectureCode: 'tf-max-binned',
  config: {
    model: { pooling: 'max', dim: 128 },
    optim: { lr: 3e-4 },
    data: { met: true, vect: '5vect' },
  },
  meta: {
    goal: 'classification',
    datasetName: '4topsplitted',
    modelFamily: 'transformer',
    processGroups: [['4t'], ['ttH', 'ttW', 'ttWW', 'ttZ']],
    datatreatment: {
      tokenization: 'binned',
      pidEncoding: 'embedded',
      idEmbedDim: 8,
      metRep: 'met_metphi',
    },
  },
});
console.log(`run ${run.id}, meta ${run.meta.metaHash}, needs review: ${run.meta.needsReview}`);

for (let epoch = 0; epoch < 50; epoch++) {
  const loss = 1 / (epoch + 1);
  await run.log({ loss, val_loss: loss * 1.1, auroc: 0.7 + epoch * 0.004 }, epoch); // buffered, sent in batches
}
await run.finish({
  metrics: { auroc: 0.897, overall_edc: { mae: 1.3 } },
  artifacts: [{ path: 'models/best.pt', kind: 'model' }],
});

for await (const r of client.runs({
  where: "metrics.auroc > 0.89 and meta.datatreatment.tokenization = 'binned'",
})) {
  console.log(r.id, r.metrics.find((m) => m.key === 'auroc')?.value);
}
await client.close();
