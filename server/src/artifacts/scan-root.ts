import { FactsStore } from '../facts/facts-store.js';
import { ArtifactStore } from './artifact-store.js';
import { type ScanReport, scanArtifacts } from './scan.js';

/** Scans the given runs of a facts root (all when none are given), one after another. */
export async function scanRoot(
  root: string,
  runIds: readonly string[],
  onProgress?: (done: number, total: number) => void,
): Promise<ScanReport[]> {
  const facts = new FactsStore(root);
  const store = new ArtifactStore(facts);
  const ids = runIds.length > 0 ? runIds : (await facts.listRunIds()).runIds;
  const reports: ScanReport[] = [];
  for (const [i, id] of ids.entries()) {
    reports.push(await scanArtifacts(store, id));
    onProgress?.(i + 1, ids.length);
  }
  return reports;
}
