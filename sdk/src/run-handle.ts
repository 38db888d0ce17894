import { join } from 'node:path';
import type { ArtifactTransfer, LoggedArtifact } from './artifact-transfer.js';
import { BatchSender, type Point } from './batch-sender.js';
import { RunfactsTransportError, unwrap } from './errors.js';
import type { FinishRunInput, RegisterRunMutation } from './generated/graphql.js';
import { defaultJournalDir, Journal, newOp } from './journal.js';
import { sendOp } from './journal-ops.js';
import type { Operations } from './operations.js';

export interface RunHandleOptions {
  /** Points buffered before a flush. Default 500 (the server takes up to 1000 a call). */
  batchSize?: number;
  /** Longest a point waits in the buffer, in ms. Default 1000. */
  flushIntervalMs?: number;
  /** Points kept in memory while the server is away; past it they go to the journal. Default 100000. */
  maxBufferedPoints?: number;
  /** How long `finish` waits for a server that is away before journaling the rest. Default 10000. */
  closeTimeoutMs?: number;
  /** Where unsent writes are kept (RUNFACTS_JOURNAL_DIR, else ~/.cache/runfacts/journal). */
  journalDir?: string;
}

/** Handles not finished yet: a script that ends without finish() still sends what it logged
 * and finishes them (as MLflow and the Python SDK do at exit); one listener for them all. */
const unfinished = new Set<RunHandle>();
function finishAtExit(): void {
  process.off('beforeExit', finishAtExit);
  for (const handle of unfinished) {
    handle.finish().catch((error: unknown) => {
      process.stderr.write(`runfacts: run ${handle.id} at exit: ${(error as Error).message}\n`);
    });
  }
}

type Registered = Extract<RegisterRunMutation['registerRun'], { __typename: 'RegisterRunPayload' }>;

/** `finish` could not reach the server in time: the run's remaining writes are in the journal. */
export class RunfactsOfflineError extends Error {
  override name = 'RunfactsOfflineError';
  constructor(
    readonly runId: string,
    readonly journalPath: string,
  ) {
    super(
      `the server did not take every write of run ${runId}; they are kept in ${journalPath}; send them with \`runfacts sync\` (or client.sync()) when it is back`,
    );
  }
}

/**
 * A registered run. `log` buffers metric points and returns at once; batches go out in the
 * background, by size and by time, and are never dropped while the server is away (see
 * BatchSender). `finish` sends what is left first. A write the server refused is thrown by the
 * next call.
 */
export class RunHandle {
  readonly id: string;
  readonly timestamp: string;
  readonly config: unknown;
  readonly meta: Registered['meta'];
  #buffer: Point[] = [];
  #timer: NodeJS.Timeout | null = null;
  readonly #sender: BatchSender;
  readonly #batchSize: number;
  readonly #interval: number;
  readonly #closeTimeout: number;

  constructor(
    private readonly op: Operations,
    registered: Registered,
    options: RunHandleOptions & { url?: string; clientRequestId?: string } = {},
    private readonly artifacts: ArtifactTransfer | null = null,
  ) {
    this.id = registered.runId;
    this.timestamp = registered.timestamp;
    this.config = registered.config;
    this.meta = registered.meta;
    this.#batchSize = Math.min(Math.max(1, options.batchSize ?? 500), 1000);
    this.#interval = options.flushIntervalMs ?? 1000;
    this.#closeTimeout = options.closeTimeoutMs ?? 10_000;
    const name = options.clientRequestId ?? this.id;
    const journal = new Journal(join(options.journalDir ?? defaultJournalDir(), `${name}.jsonl`), {
      ...(options.url ? { url: options.url } : {}),
      client_request_id: name,
      run_id: this.id,
    });
    this.#sender = new BatchSender(op, journal, this.id, options.maxBufferedPoints ?? 100_000);
    unfinished.add(this);
    if (unfinished.size === 1) process.on('beforeExit', finishAtExit);
  }

  /** Where this run's unsent writes are kept while the server is away. */
  get journalPath(): string {
    return this.#sender.journal.path;
  }

  /** Buffers `{ key: value }` at `step`; never waits for the network. */
  log(values: Record<string, number>, step = 0): Promise<void> {
    this.#throwFailure();
    const timestamp = new Date().toISOString();
    for (const [key, value] of Object.entries(values))
      this.#buffer.push({ key, value, step, timestamp });
    if (this.#buffer.length >= this.#batchSize) this.#cut();
    else this.#timer ??= setTimeout(() => this.#cut(), this.#interval).unref();
    return Promise.resolve();
  }

  /**
   * Sends every buffered point and waits until the server has them all; rejects (keeping the
   * points, which are retried) when the server stays away longer than `closeTimeoutMs`.
   */
  async flush(): Promise<void> {
    this.#cut();
    const sent = await this.#sender.drain(this.#closeTimeout);
    this.#throwFailure();
    if (!sent) {
      this.#sender.resume(); // kept and retried in the background, as the error says
      throw new RunfactsTransportError(
        `run ${this.id}: the server did not answer within ${this.#closeTimeout} ms; the points are kept and retried`,
        null,
      );
    }
  }

  async logParams(params: Record<string, string>): Promise<void> {
    const result = await this.op.logParams({
      runId: this.id,
      params: Object.entries(params).map(([key, value]) => ({ key, value })),
    });
    unwrap(result.logParams);
  }

  async setTags(tags: Record<string, string>): Promise<void> {
    const result = await this.op.setTags({
      runId: this.id,
      tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
    });
    unwrap(result.setTags);
  }

  /**
   * Uploads a file, or every file under a folder, as artifacts of this run; each is stored with
   * its SHA-256, and uploading the same content again is a no-op.
   */
  logArtifact(
    path: string,
    options: { name?: string; kind?: string } = {},
  ): Promise<LoggedArtifact[]> {
    if (this.artifacts === null)
      throw new Error('this RunHandle was made without a client; use client.startRun');
    return this.artifacts.log(this.id, path, options);
  }

  /**
   * Sends what is buffered, then finishes the run (status FINISHED unless given). If the server
   * stays away longer than `closeTimeoutMs`, the rest and the finish go to the journal and this
   * throws RunfactsOfflineError naming it.
   */
  async finish(input: FinishRunInput = {}): Promise<void> {
    this.#cut();
    unfinished.delete(this);
    const finish = newOp('finish', { input });
    if (await this.#sender.drain(this.#closeTimeout)) {
      this.#throwFailure();
      try {
        await sendOp(this.op, finish, this.id);
        return;
      } catch (error) {
        if (!(error instanceof RunfactsTransportError)) throw error;
      }
    }
    this.#sender.spillAll([finish]);
    throw new RunfactsOfflineError(this.id, this.journalPath);
  }

  #cut(): void {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    if (this.#buffer.length === 0) return;
    this.#sender.push(this.#buffer, this.#batchSize);
    this.#buffer = [];
  }

  #throwFailure(): void {
    const failure = this.#sender.failure;
    if (failure) {
      this.#sender.failure = null;
      throw failure;
    }
  }
}
