import { FactsStore } from '../facts/index.js';
import { RegistryStore } from '../registry/index.js';
import { syntheticRun } from './synthetic-run.js';

export const DEMO_MODEL = 'tttt-classifier';

/**
 * Registers the demo model over the first `count` synthetic runs: three versions (the three best
 * finished runs by auroc, best last), Staging and Production moved twice, so the README's
 * `runfacts models`, `model` and `promote ... 3 --expect 2` have something real to show.
 */
export async function writeDemoRegistry(root: string, count: number): Promise<void> {
  const best = Array.from({ length: count }, (_, i) => syntheticRun(i))
    .filter((r) => r.run.status === 'FINISHED')
    .map((r) => ({ runId: r.runId, auroc: (r.run.metrics as { auroc: number }).auroc }))
    .sort((a, b) => a.auroc - b.auroc)
    .slice(-3);
  const registry = new RegistryStore(root, new FactsStore(root));
  // A root whose runs were removed may keep its registry: leave an existing model alone.
  if ((await registry.findModel(DEMO_MODEL)) !== null) return;
  const actor = { by: 'demo', canChangeProtected: true };
  await registry.createRegisteredModel({
    name: DEMO_MODEL,
    description: '4 tops against ttX backgrounds (demo data)',
    by: actor.by,
  });
  for (const run of best) {
    await registry.createModelVersion({
      model: DEMO_MODEL,
      runId: run.runId,
      source: `runs:/${run.runId}/models/best.pt`,
      description: `auroc ${run.auroc.toFixed(3)}`,
      by: actor.by,
    });
  }
  const steps: Array<[number, string, string]> = [
    [1, 'Staging', 'first candidate'],
    [1, 'Production', 'validated on the holdout'],
    [2, 'Staging', 'better auroc'],
    [2, 'Production', 'better auroc, same calibration'],
    [3, 'Staging', 'best auroc so far; awaiting review'],
  ];
  for (const [version, to, reason] of steps) {
    await registry.promote({ ...actor, model: DEMO_MODEL, version, to, reason });
  }
}
