import type { MlflowClient, MlflowExperiment, MlflowRun } from '../../mirror/mlflow/index.js';
import type { MlflowModelVersion, MlflowRegisteredModel } from '../registry-folder.js';
import { isMirrorTag } from './mirror-meta.js';
import type { FetchedRun } from './rest-run.js';

export interface RunListing {
  experiment: MlflowExperiment;
  run: MlflowRun;
}

/**
 * Every run (deleted ones too, so they are reported) of the chosen experiments, in a fixed
 * order (experiment id, run id) so ids resolve the same way on every import. An experiment name
 * that does not exist is returned in `missing`.
 */
export async function listRuns(
  client: MlflowClient,
  only: readonly string[] | undefined,
): Promise<{ runs: RunListing[]; missing: string[] }> {
  const experiments = await client.searchExperiments();
  const wanted = only && only.length > 0 ? new Set(only) : null;
  const chosen = wanted ? experiments.filter((e) => wanted.has(e.name)) : experiments;
  const missing = wanted ? [...wanted].filter((n) => !chosen.some((e) => e.name === n)) : [];
  const runs: RunListing[] = [];
  for (const experiment of chosen) {
    const found = await client.searchAllRuns({
      experimentIds: [experiment.experiment_id],
      runViewType: 'ALL',
    });
    for (const run of found) runs.push({ experiment, run });
  }
  const key = (r: RunListing) =>
    `${r.experiment.experiment_id.padStart(20, '0')}/${r.run.info.run_id}`;
  runs.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return { runs, missing };
}

/** The full history of each metric the run has (runs/search gives only the latest value). */
export async function fetchRun(client: MlflowClient, listing: RunListing): Promise<FetchedRun> {
  const histories: FetchedRun['histories'] = {};
  const keys = [...new Set(listing.run.data.metrics.map((m) => m.key))].sort();
  for (const key of keys)
    histories[key] = await client.getMetricHistory(listing.run.info.run_id, key);
  return { run: listing.run, experimentName: listing.experiment.name, histories };
}

const quoted = (name: string) => `name='${name.replaceAll("'", "\\'")}'`;

/**
 * Every registered model with its versions and aliases. A version the runfacts mirror made
 * carries the original artifact path in its `runfacts.source` tag; that path is taken back.
 */
export async function fetchRegistry(
  client: MlflowClient,
  origin: (name: string) => string,
): Promise<MlflowRegisteredModel[]> {
  const out: MlflowRegisteredModel[] = [];
  for (const listed of await client.searchRegisteredModels()) {
    const model = (await client.getRegisteredModel(listed.name)) ?? listed;
    const versions: MlflowModelVersion[] = (await client.searchModelVersions(quoted(model.name)))
      .map((v) => {
        const tag = (key: string) => v.tags.find((t) => t.key === key)?.value;
        const stage = (v as { current_stage?: unknown }).current_stage;
        return {
          version: Number(v.version),
          runId: v.run_id || null,
          source: tag('runfacts.source') || v.source || `models:/${model.name}/${v.version}`,
          description: v.description || null,
          stage: typeof stage === 'string' ? stage : null,
        };
      })
      .sort((a, b) => a.version - b.version);
    out.push({
      name: model.name,
      description: model.description || null,
      tags: Object.fromEntries(
        model.tags.filter((t) => !isMirrorTag(t.key)).map((t) => [t.key, t.value]),
      ),
      aliases: Object.fromEntries(model.aliases.map((a) => [a.alias, Number(a.version)])),
      versions,
      origin: origin(model.name),
    });
  }
  return out;
}
