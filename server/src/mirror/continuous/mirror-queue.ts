import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../facts/index.js';

const QueueFile = z.object({
  pending: z.array(z.string()),
  failed: z.record(
    z.string(),
    z.object({ reason: z.string(), attempts: z.number(), at: z.string() }),
  ),
  lastSyncAt: z.string().nullable(),
});
export type QueueState = z.infer<typeof QueueFile>;

/** How many changes each pending run has had, taken before a sync and handed back to `done`. */
export type QueueMark = ReadonlyMap<string, number>;

/**
 * Runs waiting to be mirrored, kept in a file so a restart resumes them. The facts stay the truth:
 * mirrors.json says what MLflow has, so a lost queue only costs a full (idempotent) sync.
 */
export class MirrorQueue {
  state: QueueState = { pending: [], failed: {}, lastSyncAt: null };
  #saving: Promise<void> = Promise.resolve();
  /** Changes seen per pending run, so a change made while its sync is in flight is not dropped. */
  readonly #changes = new Map<string, number>();

  constructor(readonly path: string) {}

  async load(): Promise<void> {
    try {
      const parsed = QueueFile.safeParse(JSON.parse(await readFile(this.path, 'utf8')));
      if (parsed.success) this.state = parsed.data;
    } catch {
      // No queue yet, or an unreadable one: the start-up full sync covers whatever it held.
    }
  }

  add(runId: string): void {
    if (!this.state.pending.includes(runId)) this.state.pending.push(runId);
    this.#changes.set(runId, (this.#changes.get(runId) ?? 0) + 1);
  }

  take(max: number): string[] {
    return this.state.pending.slice(0, max);
  }

  /** Taken when a sync starts: `done` keeps every run changed after it. */
  mark(): QueueMark {
    return new Map(this.#changes);
  }

  /**
   * Removes the synced runs from the queue, except those that failed and those changed since
   * `mark` (their sync may have read the facts before the change).
   */
  done(
    runIds: readonly string[],
    failures: ReadonlyMap<string, string>,
    at: string,
    mark: QueueMark,
  ): void {
    const finished = new Set(
      runIds.filter(
        (id) => !failures.has(id) && (this.#changes.get(id) ?? 0) === (mark.get(id) ?? 0),
      ),
    );
    this.state.pending = this.state.pending.filter((id) => !finished.has(id));
    for (const id of finished) this.#changes.delete(id);
    for (const id of runIds) {
      const reason = failures.get(id);
      if (reason === undefined) {
        delete this.state.failed[id];
      } else {
        const attempts = (this.state.failed[id]?.attempts ?? 0) + 1;
        this.state.failed[id] = { reason, attempts, at };
      }
    }
    this.state.lastSyncAt = at;
  }

  /**
   * Writes the queue atomically, creating its folder (the index, which usually makes it, may live
   * elsewhere). Saves are serialised so the last state wins; a failed save rejects, and the next
   * one still runs.
   */
  save(): Promise<void> {
    const snapshot = JSON.stringify(this.state);
    const write = this.#saving
      .catch(() => undefined)
      .then(async () => {
        await mkdir(dirname(this.path), { recursive: true });
        await writeFileAtomic(this.path, snapshot);
      });
    this.#saving = write;
    return write;
  }
}
