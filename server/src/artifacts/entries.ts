import type { Artifact } from '../facts/schemas.js';
import { SHA256_HEX } from './artifact-path.js';

/** An artifact of run.json with its checksum: stored under the run, or (with `source`) referenced where it lies. */
export type CheckedArtifact = Artifact & { size: number; sha256: string; source?: string };

/** Whether an entry carries a usable checksum; entries written by other tools may carry other shapes. */
export function isChecked(entry: Artifact): entry is CheckedArtifact {
  return (
    typeof entry.sha256 === 'string' &&
    SHA256_HEX.test(entry.sha256) &&
    Number.isSafeInteger(entry.size) &&
    (entry.size as number) >= 0 &&
    (entry.source === undefined || typeof entry.source === 'string')
  );
}

/**
 * `list` with `entry` in place of any entry of the same path (the last write of a path wins),
 * else appended; the order of the other entries is kept, so run.json diffs stay small.
 */
export function upsertArtifact(list: readonly Artifact[], entry: Artifact): Artifact[] {
  const at = list.findIndex((a) => a.path === entry.path);
  if (at === -1) return [...list, entry];
  return list
    .map((a, i) => (i === at ? entry : a))
    .filter((a, i) => i === at || a.path !== entry.path);
}

/** The model files a model version freezes: entries of kind `model`, else the one its source names. */
export function modelArtifacts(list: readonly Artifact[], source: string): CheckedArtifact[] {
  const checked = list.filter(isChecked);
  const models = checked.filter((a) => a.kind === 'model');
  if (models.length > 0) return models;
  const normalized = source.replace(/\\/g, '/');
  return checked.filter(
    (a) => normalized === a.path || normalized.endsWith(`/${a.path}`) || a.source === source,
  );
}
