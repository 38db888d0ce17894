import { readFile } from 'node:fs/promises';

/** The key a metrics.jsonl line carries when it ends a batch sent with a batch id. */
export const BATCH_KEY = 'batch';

const BATCH_PATTERN = /"batch":("(?:[^"\\]|\\.)*")/g;

/**
 * Which logMetrics batch ids a run has applied, so that a retried batch is applied once. The
 * id is written on the batch's last line in the same append as its points, so the file itself
 * says durably which batches it holds; a run's ids are read from it once, then kept in memory.
 */
export class BatchLedger {
  readonly #runs = new Map<string, Set<string>>();

  constructor(private readonly capacity = 2_000) {}

  async has(runId: string, metricsPath: string, batchId: string): Promise<boolean> {
    return (await this.#ids(runId, metricsPath)).has(batchId);
  }

  add(runId: string, batchId: string): void {
    this.#runs.get(runId)?.add(batchId);
  }

  async #ids(runId: string, metricsPath: string): Promise<Set<string>> {
    let ids = this.#runs.get(runId);
    if (ids) return ids;
    ids = new Set();
    const text = await readFile(metricsPath, 'utf8').catch(() => '');
    for (const match of text.matchAll(BATCH_PATTERN)) {
      try {
        ids.add(JSON.parse(match[1] as string) as string);
      } catch {
        // a torn line: its batch was not acknowledged
      }
    }
    if (this.#runs.size >= this.capacity) {
      const oldest = this.#runs.keys().next().value;
      if (oldest !== undefined) this.#runs.delete(oldest);
    }
    this.#runs.set(runId, ids);
    return ids;
  }
}
