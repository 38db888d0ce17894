import { type RunEventKind, RunListedDocument } from '../generated/graphql';
import { request } from './client';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves once list queries show what a run event announced (the API acknowledges writes
 * when they are durable and indexes them a moment later), or after ~3 s at most, so a reload
 * that follows sees the change.
 */
export async function waitUntilListed(runId: string, kind: RunEventKind): Promise<void> {
  const id = `attributes.run_id = '${runId.replaceAll("'", "''")}'`;
  const where = kind === 'FINISHED' ? `${id} and attributes.status != 'RUNNING'` : id;
  for (let i = 0; i < 30; i++) {
    try {
      if ((await request(RunListedDocument, { where })).runs.totalCount > 0) return;
    } catch {
      return; // the reload shows the error
    }
    await sleep(100);
  }
}
