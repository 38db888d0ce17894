import { readFile } from 'node:fs/promises';
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

/**
 * Runs waiting to be mirrored, kept in a file so a restart resumes them. The facts stay the truth:
 * mirrors.json says what MLflow has, so a lost queue only costs a full (idempotent) sync.
 */
export class MirrorQueue {
  state: QueueState = { pending: [], failed: {}, lastSyncAt: null };
  #saving: Promise<void> = Promise.resolve();

  constructor(private readonly path: string) {}

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
  }

  take(max: number): string[] {
    return this.state.pending.slice(0, max);
  }

  done(runIds: readonly string[], failures: ReadonlyMap<string, string>, at: string): void {
    const finished = new Set(runIds);
    this.state.pending = this.state.pending.filter((id) => !finished.has(id) || failures.has(id));
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

  /** Writes the queue atomically; saves are serialised so the last state always wins. */
  save(): Promise<void> {
    const snapshot = JSON.stringify(this.state);
    this.#saving = this.#saving
      .then(() => writeFileAtomic(this.path, snapshot))
      .catch(() => undefined);
    return this.#saving;
  }
}
