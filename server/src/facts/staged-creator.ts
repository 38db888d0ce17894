import { mkdirSync, rmSync, writeFile as writeFileCallback, writeFileSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { threadId } from 'node:worker_threads';
import { fsyncPath } from './atomic-write.js';
import { FACTS_DIR, TEMP_PREFIX } from './layout.js';
import { syncFileSystem } from './sync-file-system.js';

/** A new run's folder written under a `.tmp-` name, not yet durable nor visible. */
export interface StagedFolder {
  temp: string;
  /** The files in its facts folder. */
  names: string[];
}

interface Staged extends StagedFolder {
  final: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

let counter = 0;

/** A fresh temp name for `runId` in `runsDir`, unique across processes and threads. */
function tempFor(runsDir: string, runId: string): string {
  return join(runsDir, `${TEMP_PREFIX}${runId}-bf${process.pid}-${threadId}-${counter++}`);
}

/**
 * Writes a new run's folder under a temp name with blocking calls, for a worker thread that
 * does nothing else; the StagedCreator of the writing thread adopts it into a batch.
 */
export function stageSync(
  runsDir: string,
  runId: string,
  files: Record<string, string>,
): StagedFolder {
  const temp = tempFor(runsDir, runId);
  try {
    try {
      mkdirSync(temp);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      mkdirSync(runsDir, { recursive: true }); // the root's first run
      mkdirSync(temp);
    }
    mkdirSync(join(temp, FACTS_DIR));
    for (const [name, content] of Object.entries(files)) {
      writeFileSync(join(temp, FACTS_DIR, name), content, { flag: 'wx' });
    }
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
  return { temp, names: Object.keys(files) };
}

/** Removes a staged folder that will not be used (its run got another id). */
export async function discardStaged(staged: StagedFolder): Promise<void> {
  await rm(staged.temp, { recursive: true, force: true });
}
// The callback API writes through a plain fd; fs/promises goes through a FileHandle, which costs
// several times more per call, and backfill writes two or three small files per run.
const writeFile = promisify(writeFileCallback);
const RENAME_WIDTH = 8;

/**
 * Creates new run folders in batches: each is written unsynced under a `.tmp-` name, then a
 * whole batch is flushed with one file-system sync and only then renamed into place. A run
 * folder is therefore visible only once complete and on disk, at one flush per batch rather
 * than one fsync per file (which would cap backfill at a few hundred runs a second).
 */
export class StagedCreator {
  private pending: Staged[] = [];
  private commits: Promise<void> = Promise.resolve();
  private ready: Promise<unknown> | null = null;

  constructor(
    private readonly runsDir: string,
    private readonly batchSize: number,
  ) {}

  /** Stages one run; `committed` settles when it is in place (or could not be). */
  async stage(runId: string, files: Record<string, string>): Promise<{ committed: Promise<void> }> {
    this.ready ??= mkdir(this.runsDir, { recursive: true });
    await this.ready;
    const temp = tempFor(this.runsDir, runId);
    try {
      await mkdir(temp);
      await mkdir(join(temp, FACTS_DIR));
      for (const [name, content] of Object.entries(files)) {
        await writeFile(join(temp, FACTS_DIR, name), content, { flag: 'wx' });
      }
    } catch (error) {
      await rm(temp, { recursive: true, force: true });
      throw error;
    }
    return this.adopt({ temp, names: Object.keys(files) }, runId);
  }

  /** Takes a folder staged elsewhere (a worker thread) into the next batch, as `runId`. */
  adopt(staged: StagedFolder, runId: string): { committed: Promise<void> } {
    let item: Staged | undefined;
    const committed = new Promise<void>((resolve, reject) => {
      item = { ...staged, final: join(this.runsDir, runId), resolve, reject };
    });
    this.pending.push(item as Staged);
    if (this.pending.length >= this.batchSize) this.commitPending();
    return { committed };
  }

  /** Commits what is staged and waits for every commit. */
  async close(): Promise<void> {
    this.commitPending();
    await this.commits;
  }

  private commitPending(): void {
    const batch = this.pending;
    this.pending = [];
    if (batch.length > 0) this.commits = this.commits.then(() => this.commit(batch));
  }

  private async commit(batch: Staged[]): Promise<void> {
    try {
      if (!(await syncFileSystem(this.runsDir))) {
        for (const s of batch) {
          for (const name of s.names) await fsyncPath(join(s.temp, FACTS_DIR, name));
          await fsyncPath(join(s.temp, FACTS_DIR));
          await fsyncPath(s.temp);
        }
      }
    } catch (error) {
      for (const s of batch) {
        s.reject(error);
        await rm(s.temp, { recursive: true, force: true });
      }
      return;
    }
    const done: Staged[] = [];
    let next = 0;
    const worker = async () => {
      while (next < batch.length) {
        const s = batch[next++] as Staged;
        try {
          await rename(s.temp, s.final);
          done.push(s);
        } catch (error) {
          await rm(s.temp, { recursive: true, force: true });
          s.reject(error);
        }
      }
    };
    await Promise.all(Array.from({ length: RENAME_WIDTH }, worker));
    await fsyncPath(this.runsDir).catch(() => undefined);
    for (const s of done) s.resolve();
  }
}
