import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { modelArtifacts } from '../artifacts/entries.js';
import { isErrnoCode } from '../facts/atomic-write.js';
import type { FactsStore } from '../facts/facts-store.js';
import { METRICS_FILE } from '../facts/layout.js';
import type { RunFiles } from '../facts/read-run-files.js';
import type { JsonObject } from '../facts/schemas.js';
import { canonicalizeMeta } from '../meta/canonicalize.js';
import type { MetaConfig } from '../meta/config.js';
import { MetaError } from '../meta/errors.js';
import { unsafeRunIdReason } from '../meta/naming.js';
import type { CanonicalMeta } from '../meta/types.js';
import { RegistryError } from './errors.js';
import type { FrozenRunFacts } from './schemas.js';

/**
 * Reads a run and returns what a new version freezes: its canonical meta (override applied),
 * meta_hash, config and the checksums of its model artifacts (see modelArtifacts). Throws RUN_NOT_FOUND or RUN_UNREADABLE; metrics problems do not
 * count, since a version does not freeze metrics.
 */
export async function freezeRun(
  facts: FactsStore,
  runId: string,
  config?: MetaConfig,
  source = '',
): Promise<FrozenRunFacts> {
  const notFound = (reason: string) => new RegistryError('RUN_NOT_FOUND', { runId, reason });
  const unreadable = (problems: string[]) =>
    new RegistryError('RUN_UNREADABLE', { runId, problems });
  const unsafe = unsafeRunIdReason(runId);
  if (unsafe !== null) throw notFound(`it is not a valid run id (${unsafe})`);
  const factsDir = facts.factsDir(runId);
  try {
    if (!(await stat(factsDir)).isDirectory()) throw notFound('its facts folder is not a folder');
  } catch (error) {
    if (!isErrnoCode(error, 'ENOENT', 'ENOTDIR')) throw error;
    // The reason goes to API clients, so it names no filesystem path.
    throw notFound('no such run in the facts');
  }
  const files = await facts.readRunFiles(runId);
  const problems = files.errors
    .filter((error) => basename(error.path) !== METRICS_FILE)
    .map((error) => error.message);
  if (problems.length > 0 || files.run === null || files.meta === null) {
    throw unreadable(problems);
  }
  const meta = currentCanonicalMeta(files, config);
  if (!meta.ok) throw unreadable([meta.problem]);
  return {
    meta_hash: meta.meta.meta_hash,
    meta: toJsonObject(meta.meta),
    config: files.run.config,
    artifacts: modelArtifacts(files.run.artifacts, source).map(({ path, kind, size, sha256 }) => ({
      path,
      kind,
      size,
      sha256,
    })),
  };
}

/** The run's canonical meta as it is now, override applied, or why it cannot be computed. */
export function currentCanonicalMeta(
  files: RunFiles,
  config?: MetaConfig,
): { ok: true; meta: CanonicalMeta } | { ok: false; problem: string } {
  if (files.meta === null) return { ok: false, problem: 'meta.json could not be read' };
  try {
    const options = config === undefined ? {} : { config };
    const override = files.override ?? undefined;
    return { ok: true, meta: canonicalizeMeta(files.meta, { ...options, override }) };
  } catch (error) {
    if (error instanceof MetaError) return { ok: false, problem: `meta.json: ${error.message}` };
    throw error;
  }
}

/** A plain JSON copy, so the frozen meta holds only what the file will hold. */
function toJsonObject(meta: CanonicalMeta): JsonObject {
  return JSON.parse(JSON.stringify(meta)) as JsonObject;
}
