import { randomUUID } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * A write kept for later, in the Python SDK's journal format (`sdk/python/src/runfacts/_journal.py`),
 * so `runfacts sync` and `runfacts-sync` send the journals of either SDK. Every op carries an id
 * that makes sending it twice harmless (a metric batch's id is its batch id).
 */
export type JournalOp = { id: string; kind: string } & Record<string, unknown>;

export interface JournalHeader {
  url?: string;
  client_request_id?: string;
  run_id?: string;
  experiment?: string;
}

export function newOp(kind: string, body: Record<string, unknown>, id = randomUUID()): JournalOp {
  return { id, kind, ...body };
}

/** RUNFACTS_JOURNAL_DIR, else $XDG_CACHE_HOME/runfacts/journal (~/.cache/...): as the Python SDK. */
export function defaultJournalDir(): string {
  if (process.env.RUNFACTS_JOURNAL_DIR) return process.env.RUNFACTS_JOURNAL_DIR;
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'runfacts', 'journal');
}

/**
 * One run's journal: JSON lines, `{"header": ...}` first, `{"op": ...}` per pending write,
 * `{"done": id}` once sent, `{"run_id": id}` when an offline registration got its id. Appends are
 * fsynced before they return: what the journal holds survives a crash of the process.
 */
export class Journal {
  constructor(
    readonly path: string,
    public header: JournalHeader = {},
  ) {}

  exists(): boolean {
    return statSync(this.path, { throwIfNoEntry: false }) !== undefined;
  }

  spill(ops: JournalOp[]): void {
    if (ops.length > 0) this.#append(ops.map((op) => ({ op })));
  }

  markDone(opId: string): void {
    this.#append([{ done: opId }]);
  }

  setRunId(runId: string): void {
    this.header = { ...this.header, run_id: runId };
    this.#append([{ run_id: runId }]);
  }

  /** The header, the run id if known, and the writes still pending, in order. */
  read(): { header: JournalHeader; runId: string | null; pending: JournalOp[] } {
    let text = '';
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return parseJournal(text);
  }

  /** Deletes the file once every write in it was sent; true when it is gone. */
  removeIfDone(): boolean {
    if (!this.exists()) return true;
    if (this.read().pending.length > 0) return false;
    unlinkSync(this.path);
    return true;
  }

  #append(lines: unknown[]): void {
    mkdirSync(join(this.path, '..'), { recursive: true });
    const fd = openSync(this.path, 'a');
    try {
      const fresh = statSync(this.path).size === 0 && Object.keys(this.header).length > 0;
      const all = fresh ? [{ header: this.header }, ...lines] : lines;
      writeSync(fd, all.map((line) => `${JSON.stringify(line)}\n`).join(''));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}

function parseJournal(text: string): {
  header: JournalHeader;
  runId: string | null;
  pending: JournalOp[];
} {
  let header: JournalHeader = {};
  let runId: string | null = null;
  const ops = new Map<string, JournalOp>();
  const done = new Set<string>();
  for (const line of text.split('\n')) {
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue; // a line cut short by a crash: its write was never acknowledged
    }
    if (entry.header && typeof entry.header === 'object') {
      header = entry.header as JournalHeader;
      runId = header.run_id ?? runId;
    } else if (entry.op && typeof entry.op === 'object') {
      const op = entry.op as JournalOp;
      if (!ops.has(op.id)) ops.set(op.id, op);
    } else if (typeof entry.done === 'string') done.add(entry.done);
    else if (typeof entry.run_id === 'string') runId = entry.run_id;
  }
  return { header, runId, pending: [...ops.values()].filter((op) => !done.has(op.id)) };
}

/** The journal files in a folder, oldest first. */
export function journalFiles(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.jsonl'));
  } catch {
    return [];
  }
  const found: Array<[number, string]> = [];
  for (const name of names) {
    const info = statSync(join(dir, name), { throwIfNoEntry: false });
    if (info) found.push([info.mtimeMs, join(dir, name)]);
  }
  return found.sort((a, b) => a[0] - b[0]).map(([, path]) => path);
}
