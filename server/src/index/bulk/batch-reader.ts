import { join } from 'node:path';
import type { ReadLimits } from '../../facts/read-run-files.js';
import { readRunFolderSync } from '../../facts/read-run-files-sync.js';
import type { MetaConfig } from '../../meta/index.js';
import { BatchEncoder } from './batch-encoder.js';
import { CachedInterpreter } from './interpret-cached.js';
import type { RunBatch, TableColumns } from './run-batch.js';

export interface BatchReaderOptions {
  /** `<root>/runs`; the run ids given to `read` are folder names already checked as safe. */
  runsDir: string;
  limits: ReadLimits;
  config: MetaConfig;
  columns: TableColumns;
  /** Dictionary ordinal lanes: `stride` readers with distinct `lane`s share one dictionary. */
  stride: number;
  lane: number;
}

/** Reads, interprets and encodes batches of run folders: the work a bulk-build thread does. */
export class BatchReader {
  readonly #options: BatchReaderOptions;
  readonly #interpreter: CachedInterpreter;
  readonly #encoder: BatchEncoder;

  constructor(options: BatchReaderOptions) {
    this.#options = options;
    this.#interpreter = new CachedInterpreter(options.config);
    this.#encoder = new BatchEncoder(options.columns, options.stride, options.lane);
  }

  read(runIds: readonly string[]): RunBatch {
    const { runsDir, limits } = this.#options;
    for (const id of runIds) {
      this.#encoder.add(
        this.#interpreter.interpret(readRunFolderSync(id, join(runsDir, id), limits)),
      );
    }
    return this.#encoder.take();
  }
}
