import { randomUUID } from 'node:crypto';
import type { ArtifactTransfer, LoggedArtifact } from './artifact-transfer.js';
import { unwrap } from './errors.js';
import type { FinishRunInput, RegisterRunMutation } from './generated/graphql.js';
import type { Operations } from './operations.js';

export interface RunHandleOptions {
  /** Points buffered before a flush. Default 500 (the server takes up to 1000 a call). */
  batchSize?: number;
  /** Longest a point waits in the buffer, in ms. Default 1000. */
  flushIntervalMs?: number;
}

type Registered = Extract<RegisterRunMutation['registerRun'], { __typename: 'RegisterRunPayload' }>;
type Point = { key: string; value: number; step: number; timestamp: string };

/**
 * A registered run. `log` buffers metric points and sends them in batches, by size and by time;
 * `finish` sends what is left first. A failed background flush is thrown by the next call.
 */
export class RunHandle {
  readonly id: string;
  readonly timestamp: string;
  readonly config: unknown;
  readonly meta: Registered['meta'];
  #buffer: Point[] = [];
  #timer: NodeJS.Timeout | null = null;
  #flushing: Promise<void> = Promise.resolve();
  #failure: unknown = null;
  readonly #batchSize: number;
  readonly #interval: number;

  constructor(
    private readonly op: Operations,
    registered: Registered,
    options: RunHandleOptions = {},
    private readonly artifacts: ArtifactTransfer | null = null,
  ) {
    this.id = registered.runId;
    this.timestamp = registered.timestamp;
    this.config = registered.config;
    this.meta = registered.meta;
    this.#batchSize = Math.min(Math.max(1, options.batchSize ?? 500), 1000);
    this.#interval = options.flushIntervalMs ?? 1000;
  }

  /** Buffers `{ key: value }` at `step`; returns at once unless a batch is full. */
  log(values: Record<string, number>, step = 0): Promise<void> {
    this.#throwFailure();
    const timestamp = new Date().toISOString();
    for (const [key, value] of Object.entries(values))
      this.#buffer.push({ key, value, step, timestamp });
    if (this.#buffer.length >= this.#batchSize) return this.flush();
    this.#timer ??= setTimeout(() => {
      this.#timer = null;
      this.flush().catch((error: unknown) => {
        this.#failure = error;
      });
    }, this.#interval);
    return Promise.resolve();
  }

  /** Sends every buffered point, in batches of at most batchSize, one request at a time. */
  flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    const points = this.#buffer;
    this.#buffer = [];
    this.#flushing = this.#flushing.then(async () => {
      for (let i = 0; i < points.length; i += this.#batchSize) {
        // The batch id makes a retry after a lost answer safe: the server applies it once.
        const result = await this.op.logMetrics({
          runId: this.id,
          metrics: points.slice(i, i + this.#batchSize),
          batchId: randomUUID(),
        });
        unwrap(result.logMetrics);
      }
    });
    return this.#flushing;
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

  /** Flushes the buffer, then finishes the run (status FINISHED unless given). */
  async finish(input: FinishRunInput = {}): Promise<void> {
    await this.flush();
    this.#throwFailure();
    const result = await this.op.finishRun({ runId: this.id, input });
    unwrap(result.finishRun);
  }

  #throwFailure(): void {
    if (this.#failure) {
      const failure = this.#failure;
      this.#failure = null;
      throw failure;
    }
  }
}
