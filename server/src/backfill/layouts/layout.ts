import { join } from 'node:path';
import type { BackfillConfig } from '../config.js';
import type { ReadSpec, SourceRead } from '../read-source.js';
import { isRecord } from '../rules/lookup.js';
import type { Inference, IssueKind, Layout } from '../types.js';

/** One source layout: what to read, and a pure function from what was read to the run. */
export interface LayoutModule {
  layout: Layout;
  spec: ReadSpec;
  infer(source: SourceRead, config: BackfillConfig): Inference;
}

/** Raised by an inference to skip the run: bad content (error) or a run not to import (warning). */
export class SkipRun extends Error {
  override name = 'SkipRun';
  constructor(
    readonly kind: IssueKind,
    readonly path: string,
    message: string,
    readonly severity: 'error' | 'warning' = 'error',
  ) {
    super(message);
  }
}

/** A file read as a mapping, or SkipRun naming the file. */
export function mappingFile(
  source: SourceRead,
  key: string,
  path: string,
): Record<string, unknown> | undefined {
  const file = source.files[key];
  if (file === undefined) return undefined;
  if (!isRecord(file.value)) {
    const full = join(source.dir, path);
    const got = Array.isArray(file.value) ? 'a list' : JSON.stringify(file.value)?.slice(0, 40);
    throw new SkipRun(
      'invalid_content',
      full,
      `${full} must hold a mapping of keys, got ${got}; fix the file`,
    );
  }
  return file.value;
}

export const mtimeOf = (source: SourceRead, ...keys: string[]): number =>
  Math.max(0, ...keys.map((k) => source.files[k]?.mtimeMs ?? 0));
