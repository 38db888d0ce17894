import { writeFile as writeFileCallback } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FACTS_DIR } from '../facts/index.js';
import { fsyncPath, syncFileSystem } from './flush.js';

interface Staged {
  temp: string;
  final: string;
  names: string[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

const TEMP_PREFIX = '.tmp-';
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
  private counter = 0;
  private ready: Promise<unknown> | null = null;

  constructor(
    private readonly runsDir: string,
    private readonly batchSize: number,
  ) {}

  /** Stages one run; `committed` settles when it is in place (or could not be). */
  async stage(runId: string, files: Record<string, string>): Promise<{ committed: Promise<void> }> {
    this.ready ??= mkdir(this.runsDir, { recursive: true });
    await this.ready;
    const temp = join(this.runsDir, `${TEMP_PREFIX}${runId}-bf${process.pid}-${this.counter++}`);
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
    let item: Staged | undefined;
    const committed = new Promise<void>((resolve, reject) => {
      item = { temp, final: join(this.runsDir, runId), names: Object.keys(files), resolve, reject };
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
