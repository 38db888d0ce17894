import type { MlflowClient } from './client.js';
import { isMlflowAlreadyExists } from './errors.js';

export interface ResolvedExperiment {
  id: string;
  /** Made by this sync, so it cannot hold runs to look up. */
  createdNow: boolean;
}

/** The experiment is deleted in MLflow, where runs cannot be added to it. */
export class DeletedExperimentError extends Error {
  override name = 'DeletedExperimentError';
  constructor(
    readonly experiment: string,
    readonly experimentId: string,
  ) {
    super(
      `MLflow experiment ${JSON.stringify(experiment)} (id ${experimentId}) is deleted; restore it (mlflow experiments restore --experiment-id ${experimentId}) or remove it for good (mlflow gc) so the mirror can create it again`,
    );
  }
}

/** Finds or creates MLflow experiments by name, once per name per sync. */
export class ExperimentResolver {
  private readonly cache = new Map<string, Promise<ResolvedExperiment>>();

  constructor(private readonly client: MlflowClient) {}

  resolve(name: string): Promise<ResolvedExperiment> {
    let found = this.cache.get(name);
    if (found === undefined) {
      found = this.lookUpOrCreate(name);
      // A failure is not cached: the next run may try again once MLflow is back.
      found.catch(() => this.cache.delete(name));
      this.cache.set(name, found);
    }
    return found;
  }

  private async lookUpOrCreate(name: string): Promise<ResolvedExperiment> {
    const existing = await this.client.getExperimentByName(name);
    if (existing !== null) {
      if (existing.lifecycle_stage === 'deleted') {
        throw new DeletedExperimentError(name, existing.experiment_id);
      }
      return { id: existing.experiment_id, createdNow: false };
    }
    try {
      return { id: await this.client.createExperiment(name), createdNow: true };
    } catch (error) {
      // Someone else created it in between (or our first try was applied): use theirs.
      if (!isMlflowAlreadyExists(error)) throw error;
      const raced = await this.client.getExperimentByName(name);
      if (raced === null) throw error;
      return { id: raced.experiment_id, createdNow: false };
    }
  }
}
