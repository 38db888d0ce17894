import type { RunFilesWithText } from '../../facts/read-run-files-sync.js';
import {
  type CanonicalMeta,
  canonicalizeMeta,
  type MetaConfig,
  MetaError,
} from '../../meta/index.js';
import { foldLastPoints, type InterpretedRun, interpretRun, runRows } from '../run-rows.js';

// Distinct metas are few (a sweep shares one); the bound only guards memory on odd roots.
const MAX_ENTRIES = 20_000;

/**
 * `interpretRun` with each distinct canonical meta computed once. Canonicalisation is a pure
 * function of meta.json, meta_override.json and the config, and equal file texts parse to
 * equal values, so the raw texts are an exact cache key.
 */
export class CachedInterpreter {
  readonly #config: MetaConfig;
  readonly #canonical = new Map<string, CanonicalMeta>();

  constructor(config: MetaConfig) {
    this.#config = config;
  }

  interpret(files: RunFilesWithText): InterpretedRun {
    const { run, meta, override, metaText } = files;
    if (!run || !meta || metaText === null) return interpretRun(files, this.#config);
    // A JSON text holds no raw NUL, so the separator cannot be forged by either file.
    const key = override === null ? metaText : `${metaText}\u0000${files.overrideText ?? ''}`;
    let canonical = this.#canonical.get(key);
    if (canonical === undefined) {
      try {
        canonical = canonicalizeMeta(meta, {
          config: this.#config,
          override: override ?? undefined,
        });
      } catch (error) {
        // interpretRun turns it into the run's index error, with its usual message.
        if (error instanceof MetaError) return interpretRun(files, this.#config);
        throw error;
      }
      if (this.#canonical.size >= MAX_ENTRIES) this.#canonical.clear();
      this.#canonical.set(key, canonical);
    }
    // Without meta, interpretRun returns just the run's file errors as index rows: the same
    // errors it reports beside the rows of a run with usable meta.
    const { errors } = interpretRun({ ...files, meta: null }, this.#config);
    return { rows: runRows(files.runId, run, canonical, foldLastPoints(files.metrics)), errors };
  }
}
