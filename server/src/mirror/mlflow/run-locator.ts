import type { MlflowClient } from './client.js';
import { RUN_ID_TAG } from './mapping.js';
import type { MlflowRun } from './types.js';

/** Above this many runs to look up in one experiment, listing its mirrored runs is cheaper. */
export const PER_RUN_SEARCH_MAX = 8;

export interface LocatedRun {
  run: MlflowRun;
  /** Other MLflow runs with the same runfacts.run_id tag (left alone, reported). */
  duplicates: string[];
}

const TAG_FILTER = `tags.\`${RUN_ID_TAG}\``;

function quoted(value: string): string {
  if (value.includes("'")) throw new Error(`run id ${value} cannot hold a quote`);
  return `'${value}'`;
}

/**
 * Finds the MLflow run that mirrors a runfacts run by its `runfacts.run_id` tag: one search per
 * run when few need looking up in an experiment, else one listing of the experiment's mirrored
 * runs shared by all of them. When several carry the tag, the earliest started one is used.
 */
export class RunLocator {
  private readonly listings = new Map<string, Promise<Map<string, MlflowRun[]>>>();

  constructor(
    private readonly client: MlflowClient,
    /** Experiment name -> how many runs of this sync may need looking up there. */
    private readonly pendingLookups: ReadonlyMap<string, number>,
  ) {}

  async find(experiment: { id: string; name: string }, runId: string): Promise<LocatedRun | null> {
    const experimentId = experiment.id;
    const runs =
      (this.pendingLookups.get(experiment.name) ?? 0) > PER_RUN_SEARCH_MAX
        ? ((await this.listing(experimentId)).get(runId) ?? [])
        : await this.searchOne(experimentId, runId);
    return pickEarliest(runs);
  }

  /** Always asks MLflow, bypassing a listing made before this run may have been created. */
  async findFresh(experimentId: string, runId: string): Promise<LocatedRun | null> {
    return pickEarliest(await this.searchOne(experimentId, runId));
  }

  private searchOne(experimentId: string, runId: string): Promise<MlflowRun[]> {
    return this.client.searchAllRuns({
      experimentIds: [experimentId],
      filter: `${TAG_FILTER} = ${quoted(runId)}`,
      maxResults: 100,
    });
  }

  private listing(experimentId: string): Promise<Map<string, MlflowRun[]>> {
    let listed = this.listings.get(experimentId);
    if (listed === undefined) {
      listed = this.listAll(experimentId);
      listed.catch(() => this.listings.delete(experimentId));
      this.listings.set(experimentId, listed);
    }
    return listed;
  }

  private async listAll(experimentId: string): Promise<Map<string, MlflowRun[]>> {
    const runs = await this.client.searchAllRuns({
      experimentIds: [experimentId],
      filter: `${TAG_FILTER} IS NOT NULL`,
      maxResults: 1000,
    });
    const byRunId = new Map<string, MlflowRun[]>();
    for (const run of runs) {
      const id = run.data.tags.find((t) => t.key === RUN_ID_TAG)?.value;
      if (id === undefined) continue;
      byRunId.set(id, [...(byRunId.get(id) ?? []), run]);
    }
    return byRunId;
  }
}

function pickEarliest(runs: MlflowRun[]): LocatedRun | null {
  if (runs.length === 0) return null;
  const sorted = [...runs].sort(
    (a, b) =>
      (a.info.start_time ?? 0) - (b.info.start_time ?? 0) ||
      (a.info.run_id < b.info.run_id ? -1 : 1),
  );
  const [first, ...rest] = sorted as [MlflowRun, ...MlflowRun[]];
  return { run: first, duplicates: rest.map((r) => r.info.run_id) };
}
