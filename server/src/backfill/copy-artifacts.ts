import { ArtifactStore } from '../artifacts/artifact-store.js';
import { isChecked } from '../artifacts/entries.js';
import { FactsStore } from '../facts/index.js';

/**
 * `backfill --copy-artifacts`: copies each run's referenced artifacts into its artifacts folder
 * (checked against the recorded checksum); run.json keeps the reference, so a second backfill
 * finds nothing to change. Returns how many files were copied.
 */
export async function copyArtifacts(root: string, runIds: readonly string[]): Promise<number> {
  const store = new ArtifactStore(new FactsStore(root));
  let copied = 0;
  for (const runId of runIds) {
    for (const entry of await store.list(runId)) {
      if (isChecked(entry) && entry.source !== undefined && (await store.copyIn(runId, entry))) {
        copied++;
      }
    }
  }
  return copied;
}
