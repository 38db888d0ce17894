import { join } from 'node:path';
import { ARTIFACTS_DIR } from '../../artifacts/artifact-store.js';
import { hashFile } from '../../artifacts/checksum.js';
import { isChecked } from '../../artifacts/entries.js';
import type { FactsStore } from '../../facts/facts-store.js';
import type { Artifact } from '../../facts/schemas.js';
import type { MlflowClient } from './client.js';

/** What MLflow holds of a run's artifacts: path -> the sha256 sent (recorded in mirrors.json). */
export type SentArtifacts = Record<string, string>;

/**
 * The path under MLflow's artifact proxy of a run's `artifact_uri`, or null when MLflow does not
 * serve that run's artifacts itself (a local folder, s3://, ...), so the proxy cannot take them.
 */
export function proxyRoot(artifactUri: string): string | null {
  const match = /^mlflow-artifacts:(\/\/[^/]*)?\/*(.*)$/.exec(artifactUri);
  if (!match) return null;
  return (match[2] ?? '').replace(/\/+$/, '');
}

export interface ArtifactSyncResult {
  sent: SentArtifacts;
  /** As learnt from MLflow (see MlflowRunMirror.artifact_root). */
  root: string | null | undefined;
  uploaded: number;
  warnings: string[];
}

/**
 * Uploads the run's checksummed artifacts MLflow does not have at that checksum yet, through
 * MLflow's artifact proxy. A file that no longer matches its recorded checksum is not sent.
 */
export async function syncArtifacts(input: {
  client: MlflowClient;
  facts: FactsStore;
  runId: string;
  artifacts: readonly Artifact[];
  mlflowRunId: string;
  sent: SentArtifacts;
  /** Known from an earlier sync: skips asking MLflow for the run's artifact_uri. */
  root?: string | null;
  /** Told of each confirmed upload at once, so a later failure does not lose it. */
  onSent?: (sent: SentArtifacts) => void;
}): Promise<ArtifactSyncResult> {
  const sent = { ...input.sent };
  const warnings: string[] = [];
  const todo = input.artifacts.filter(isChecked).filter((a) => sent[a.path] !== a.sha256);
  if (todo.length === 0) return { sent, root: input.root, uploaded: 0, warnings };
  let root = input.root;
  let uri = '(recorded as not proxied in mirrors.json)';
  if (root === undefined) {
    uri = (await input.client.getRun(input.mlflowRunId))?.info.artifact_uri ?? '(unknown)';
    root = proxyRoot(uri);
  }
  if (root === null) {
    warnings.push(
      `${todo.length} artifacts not mirrored: MLflow run ${input.mlflowRunId} stores artifacts at ${uri}, which its artifact proxy does not serve; start mlflow server with --serve-artifacts and no local --default-artifact-root (then sync with --rebuild)`,
    );
    return { sent, root, uploaded: 0, warnings };
  }
  let uploaded = 0;
  for (const a of todo) {
    const file =
      typeof a.source === 'string'
        ? a.source
        : join(input.facts.runDir(input.runId), ARTIFACTS_DIR, a.path);
    const now = await hashFile(file).catch(() => null);
    if (now === null || now.sha256 !== a.sha256) {
      warnings.push(
        `artifact ${a.path} not mirrored: its file ${now === null ? 'is gone' : 'changed after it was logged'}`,
      );
      continue;
    }
    const proxyPath = [...root.split('/'), ...a.path.split('/')]
      .filter((s) => s !== '')
      .map(encodeURIComponent)
      .join('/');
    await input.client.transport.putArtifact(proxyPath, file, now.size);
    sent[a.path] = a.sha256;
    uploaded++;
    input.onSent?.({ ...sent });
  }
  return { sent, root, uploaded, warnings };
}
