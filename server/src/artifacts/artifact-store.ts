import { createReadStream } from 'node:fs';
import { mkdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { artifactKind } from '../backfill/rules/artifacts.js';
import { fsyncPath, isErrnoCode } from '../facts/atomic-write.js';
import type { FactsStore } from '../facts/facts-store.js';
import type { Artifact, RunRecord } from '../facts/schemas.js';
import { artifactPathProblem } from './artifact-path.js';
import { ChecksumCache, type FileChecksum } from './checksum.js';
import { type CheckedArtifact, isChecked, upsertArtifact } from './entries.js';
import { ArtifactError } from './errors.js';
import { ARTIFACTS_DIR, fileOf, runDirOf, runProblem, targetOf } from './run-files.js';
import { type ArtifactBody, writeTemp } from './write-temp.js';

export { ARTIFACTS_DIR } from './run-files.js';

export interface ArtifactStoreOptions {
  /** Largest artifact accepted, in bytes. Default 64 GiB. */
  maxBytes?: number;
  /** Folders referenced (not copied) artifacts may be served from, e.g. the backfill import roots. */
  servableRoots?: readonly string[];
  /**
   * Applies a change to run.json; default the facts store's locked read-modify-write. The server
   * passes its run writer's, so the index, caches and run events follow.
   */
  updateRun?: (runId: string, change: (run: RunRecord) => Promise<RunRecord>) => Promise<unknown>;
}

export const DEFAULT_MAX_ARTIFACT_BYTES = 64 * 1024 ** 3;

export interface PutResult {
  artifact: CheckedArtifact;
  /** False when the same content was there already (a retried upload): nothing was written. */
  created: boolean;
}

/** A file ready to be sent: where it is and what it is, its checksum verified against the facts. */
export interface OpenArtifact {
  artifact: CheckedArtifact;
  file: string;
  size: number;
}

/**
 * Artifact files of runs under `<root>/runs/<run_id>/artifacts/<path>`, each recorded in
 * run.json with its size and SHA-256. Uploads stream into a temp file that is renamed into
 * place and recorded under the run lock; reads check the file still matches its checksum.
 */
export class ArtifactStore {
  readonly maxBytes: number;
  readonly checksums = new ChecksumCache();
  readonly #servable: readonly string[];
  readonly #updateRun: NonNullable<ArtifactStoreOptions['updateRun']>;

  constructor(
    readonly facts: FactsStore,
    options: ArtifactStoreOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_ARTIFACT_BYTES;
    this.#servable = options.servableRoots ?? [];
    this.#updateRun = options.updateRun ?? ((runId, change) => facts.updateRun(runId, change));
  }

  artifactsDir(runId: string): string {
    return join(runDirOf(this.facts, runId), ARTIFACTS_DIR);
  }

  /** The run's artifact entries as run.json lists them. */
  async list(runId: string): Promise<Artifact[]> {
    const files = await this.facts.readRunFiles(runId);
    if (files.run === null)
      throw runProblem(
        runId,
        files.errors.map((e) => e.message),
      );
    return files.run.artifacts;
  }

  /**
   * Stores `body` as `path` of the run and records it. When `expectedSha256` is given and the
   * run holds that content already, nothing is read or written; a body whose checksum differs
   * from it is refused and dropped.
   */
  async put(
    runId: string,
    path: string,
    body: ArtifactBody,
    options: { expectedSha256?: string; kind?: string } = {},
  ): Promise<PutResult> {
    const target = await targetOf(this.facts, runId, path);
    if (options.expectedSha256 !== undefined) {
      const same = await this.#sameContent(runId, path, target, options.expectedSha256);
      if (same !== null) return { artifact: same, created: false };
    }
    await mkdir(dirname(target), { recursive: true });
    await targetOf(this.facts, runId, path); // again: a folder swapped for a link while we made ours
    const written = await writeTemp(body, target, this.maxBytes);
    try {
      if (options.expectedSha256 !== undefined && written.sha256 !== options.expectedSha256) {
        throw new ArtifactError(
          'CHECKSUM_MISMATCH',
          `the body's SHA-256 is ${written.sha256}, not ${options.expectedSha256} as x-runfacts-sha256 said; the upload was corrupted or the header is wrong, nothing was stored`,
        );
      }
      return await this.#publish(runId, path, target, written, options.kind);
    } finally {
      await unlink(written.temp).catch(() => undefined);
    }
  }

  /**
   * Finds the artifact to serve and checks its file against the recorded checksum, and against
   * `expectedSha256` (the checksum a model version froze) when given; a mismatch is CHANGED.
   */
  async open(runId: string, path: string, expectedSha256?: string): Promise<OpenArtifact> {
    const problem = artifactPathProblem(path);
    if (problem !== null)
      throw new ArtifactError('BAD_PATH', `artifact path ${JSON.stringify(path)}: ${problem}`);
    const entry = (await this.list(runId)).find((a) => a.path === path);
    if (entry === undefined || !isChecked(entry)) {
      throw new ArtifactError(
        'NOT_FOUND',
        entry === undefined
          ? `run ${runId} has no artifact ${path}; list them with runfacts artifacts ls ${runId} (files written without logging appear after runfacts artifacts scan)`
          : `artifact ${path} of run ${runId} was recorded without a checksum; run runfacts artifacts scan ${runId} to record it`,
      );
    }
    const file = await fileOf(this.facts, runId, entry, this.#servable);
    let now: FileChecksum;
    try {
      now = await this.checksums.checksum(file);
    } catch (error) {
      if (!isErrnoCode(error, 'ENOENT', 'ENOTDIR', 'EISDIR')) throw error;
      throw new ArtifactError(
        'CHANGED',
        `artifact ${path} of run ${runId} is recorded but its file is gone`,
      );
    }
    if (now.sha256 !== entry.sha256) {
      throw new ArtifactError(
        'CHANGED',
        `artifact ${path} of run ${runId} changed after it was logged: the file's SHA-256 is ${now.sha256}, the facts recorded ${entry.sha256}; it is not served, restore the file or log it again`,
      );
    }
    if (expectedSha256 !== undefined && now.sha256 !== expectedSha256) {
      throw new ArtifactError(
        'CHANGED',
        `artifact ${path} of run ${runId} no longer matches the checksum frozen by the model version (frozen ${expectedSha256}, file ${now.sha256}); it is not served`,
      );
    }
    return { artifact: entry, file, size: now.size };
  }

  /** The checksum of the artifact's file now, or null when it is missing (for the mismatch field). */
  async currentChecksum(runId: string, entry: Artifact): Promise<FileChecksum | null> {
    try {
      return await this.checksums.checksum(await fileOf(this.facts, runId, entry, this.#servable));
    } catch (error) {
      if (error instanceof ArtifactError || isErrnoCode(error, 'ENOENT', 'ENOTDIR', 'EISDIR'))
        return null;
      throw error;
    }
  }

  /** Records a file already in place under the artifacts folder (scan); keeps the run lock short. */
  async record(runId: string, entries: readonly CheckedArtifact[]): Promise<void> {
    if (entries.length === 0) return;
    await this.#updateRun(runId, async (run) => ({
      ...run,
      artifacts: entries.reduce<Artifact[]>((list, e) => upsertArtifact(list, e), run.artifacts),
    }));
  }

  async #publish(
    runId: string,
    path: string,
    target: string,
    written: FileChecksum & { temp: string },
    kind: string | undefined,
  ): Promise<PutResult> {
    const artifact: CheckedArtifact = {
      path,
      kind: kind ?? artifactKind(basename(path), false),
      size: written.size,
      sha256: written.sha256,
    };
    // Rename and record under one lock, so concurrent uploads of one path leave the file and
    // its record from the same upload.
    await this.#updateRun(runId, async (run) => {
      await rename(written.temp, target);
      await fsyncPath(dirname(target));
      this.checksums.remember(target, await stat(target), written);
      return { ...run, artifacts: upsertArtifact(run.artifacts, artifact) };
    });
    return { artifact, created: true };
  }

  async #sameContent(
    runId: string,
    path: string,
    target: string,
    sha256: string,
  ): Promise<CheckedArtifact | null> {
    const entry = (await this.list(runId)).find((a) => a.path === path);
    if (entry === undefined || !isChecked(entry) || entry.sha256 !== sha256 || entry.source)
      return null;
    const now = await this.checksums.checksum(target).catch(() => null);
    return now?.sha256 === sha256 ? entry : null;
  }

  /**
   * Copies a referenced artifact (backfill `--copy-artifacts`) into the run's artifacts folder,
   * checked against its recorded checksum; the copy is then served instead of the source.
   * Returns false when an identical copy is there already.
   */
  async copyIn(runId: string, entry: CheckedArtifact): Promise<boolean> {
    if (entry.source === undefined) return false;
    const target = await targetOf(this.facts, runId, entry.path);
    const existing = await this.checksums.checksum(target).catch(() => null);
    if (existing?.sha256 === entry.sha256) return false;
    await mkdir(dirname(target), { recursive: true });
    const written = await writeTemp(createReadStream(entry.source), target, this.maxBytes);
    try {
      if (written.sha256 !== entry.sha256) {
        throw new ArtifactError(
          'CHANGED',
          `${entry.source} changed since it was recorded for run ${runId} (SHA-256 ${written.sha256}, recorded ${entry.sha256}); backfill again to record it`,
        );
      }
      await rename(written.temp, target);
      await fsyncPath(dirname(target));
      this.checksums.remember(target, await stat(target), written);
      return true;
    } finally {
      await unlink(written.temp).catch(() => undefined);
    }
  }
}
