import { RunfactsTransportError } from './errors.js';
import { Journal, journalFiles } from './journal.js';
import { sendJournal } from './journal-ops.js';
import type { Operations } from './operations.js';

export interface SyncReport {
  /** Runs whose journal was sent whole (and removed). */
  runs: string[];
  /** Writes sent. */
  writes: number;
  /** Journals kept, by path, with why. */
  left: Record<string, string>;
}

/**
 * Sends every journal in `dir` (written by either SDK while the server was away), oldest first,
 * each write once more at most: every kind is safe to repeat, so a sync cut off halfway is
 * simply run again. Stops at the first journal the server cannot be reached for.
 */
export async function syncJournals(op: Operations, dir: string): Promise<SyncReport> {
  const report: SyncReport = { runs: [], writes: 0, left: {} };
  for (const path of journalFiles(dir)) {
    try {
      const { runId, sent, removed } = await sendJournal(op, new Journal(path));
      report.writes += sent;
      if (removed) report.runs.push(runId ?? '?');
      else report.left[path] = 'new writes arrived while sending; run sync again';
    } catch (error) {
      report.left[path] = (error as Error).message;
      if (error instanceof RunfactsTransportError) break; // the others would fail the same way
    }
  }
  return report;
}
