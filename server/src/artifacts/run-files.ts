import { lstat, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FactsStore } from '../facts/facts-store.js';
import { assertInsideRoot, PathOutsideRootError } from '../facts/inside-root.js';
import type { Artifact } from '../facts/schemas.js';
import { artifactPathProblem } from './artifact-path.js';
import { ArtifactError } from './errors.js';

/** The folder, inside each run folder, that holds its stored artifacts. */
export const ARTIFACTS_DIR = 'artifacts';

/** Where `path` of the run is stored, after checking the name and that it stays inside the run. */
export async function targetOf(facts: FactsStore, runId: string, path: string): Promise<string> {
  const problem = artifactPathProblem(path);
  if (problem !== null)
    throw new ArtifactError('BAD_PATH', `artifact path ${JSON.stringify(path)}: ${problem}`);
  const runDir = runDirOf(facts, runId);
  if (
    !(await stat(join(runDir, 'facts'))
      .then((s) => s.isDirectory())
      .catch(() => false))
  ) {
    throw runProblem(runId, []);
  }
  try {
    await assertInsideRoot(runDir, join(ARTIFACTS_DIR, path));
  } catch (error) {
    if (!(error instanceof PathOutsideRootError)) throw error;
    throw new ArtifactError(
      'BAD_PATH',
      `artifact path ${path} leads out of run ${runId} through a symlink; refused`,
    );
  }
  const target = join(runDir, ARTIFACTS_DIR, path);
  const existing = await lstat(target).catch(() => null);
  if (existing?.isDirectory()) {
    throw new ArtifactError(
      'BAD_PATH',
      `artifact path ${path} of run ${runId} is a folder; upload files inside it`,
    );
  }
  return target;
}

/** The file to read for an entry: its copy in the run if there is one, else where `source` says (inside a servable root). */
export async function fileOf(
  facts: FactsStore,
  runId: string,
  entry: Artifact,
  servable: readonly string[],
): Promise<string> {
  const source = typeof entry.source === 'string' ? entry.source : undefined;
  const copy = join(runDirOf(facts, runId), ARTIFACTS_DIR, entry.path);
  if (source !== undefined && (await lstat(copy).catch(() => null))?.isFile()) {
    return fileOf(facts, runId, { path: entry.path, kind: entry.kind }, servable);
  }
  if (source === undefined) {
    try {
      return await assertInsideRoot(runDirOf(facts, runId), join(ARTIFACTS_DIR, entry.path));
    } catch (error) {
      if (!(error instanceof PathOutsideRootError)) throw error;
      throw new ArtifactError(
        'BAD_PATH',
        `artifact ${entry.path} of run ${runId} is a symlink out of the run folder; refused`,
      );
    }
  }
  for (const root of servable) {
    try {
      return await assertInsideRoot(root, source);
    } catch (error) {
      if (!(error instanceof PathOutsideRootError)) throw error;
    }
  }
  throw new ArtifactError(
    'NOT_SERVABLE',
    `artifact ${entry.path} of run ${runId} is referenced at ${source}, outside the folders this server may serve; start it with --import-root for that folder, or backfill with --copy-artifacts`,
  );
}

export function runDirOf(facts: FactsStore, runId: string): string {
  try {
    return facts.runDir(runId);
  } catch {
    throw new ArtifactError('RUN_NOT_FOUND', `${JSON.stringify(runId)} is not a valid run id`);
  }
}

export function runProblem(runId: string, problems: string[]): ArtifactError {
  return new ArtifactError(
    'RUN_NOT_FOUND',
    problems.length === 0
      ? `no run ${runId} in the facts`
      : `run ${runId} cannot be read: ${problems.join('; ')}`,
  );
}
