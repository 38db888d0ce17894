import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { loadMetaConfigFile } from '../config/meta-config-file.js';
import { DEFAULT_JSON_MAX_BYTES } from '../facts/index.js';
import { DEFAULT_META_CONFIG, type MetaConfig } from '../meta/index.js';

/** One entry of the dataset map: a glob over the file name of `data.path` (or over its tail when it has a '/'). */
export interface DatasetRule {
  match: string;
  name: string;
  /** The seed-000 level the dataset implies, if any. */
  level?: string;
}

export interface BackfillConfig {
  /** Tried in order, the first match wins; user entries come before the defaults. */
  datasets: readonly DatasetRule[];
  /** Source files larger than this are reported as oversized without being read. */
  maxFileBytes: number;
  meta: MetaConfig;
}

/**
 * The seed-002 files. The binned file of seed 002 holds the same events and splits as the raw one
 * (it is written from it), so it is the same dataset; binning is recorded in
 * datatreatment.tokenization. Ambre's pre-binned file has its own split, so it is its own dataset.
 */
export const DEFAULT_DATASET_RULES: readonly DatasetRule[] = [
  { match: '4tops_splitted.h5', name: '4topsplitted', level: 'sim_event' },
  { match: '4tops_5bins_ours.h5', name: '4topsplitted', level: 'sim_event' },
  {
    match: '4top_5bins_binningOnBckgdEvents_train_AND_test.h5',
    name: '4top_5bins_ambre',
    level: 'sim_event',
  },
];

export const DEFAULT_BACKFILL_CONFIG: BackfillConfig = {
  datasets: DEFAULT_DATASET_RULES,
  maxFileBytes: DEFAULT_JSON_MAX_BYTES,
  meta: DEFAULT_META_CONFIG,
};

const fileSchema = z.strictObject({
  datasets: z
    .array(
      z.strictObject({
        match: z.string().min(1),
        name: z.string().min(1),
        level: z.string().min(1).optional(),
      }),
    )
    .optional(),
  maxFileBytes: z.number().int().positive().optional(),
  /** A meta config file (vocabularies, process table), relative to this file. */
  meta: z.string().min(1).optional(),
});

export class BackfillConfigError extends Error {
  override name = 'BackfillConfigError';
}

/** Reads a backfill config file (YAML or JSON); see docs/backfill.md for its keys. */
export async function loadBackfillConfig(path: string): Promise<BackfillConfig> {
  let raw: unknown;
  try {
    raw = parseYaml(await readFile(path, 'utf8'));
  } catch (error) {
    throw new BackfillConfigError(
      `${path}: cannot read the backfill config: ${(error as Error).message}`,
    );
  }
  const parsed = fileSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || '(top level)';
    throw new BackfillConfigError(`${path}: ${where}: ${issue?.message}; see docs/backfill.md`);
  }
  const { datasets = [], maxFileBytes, meta } = parsed.data;
  return {
    datasets: [...datasets, ...DEFAULT_DATASET_RULES],
    maxFileBytes: maxFileBytes ?? DEFAULT_BACKFILL_CONFIG.maxFileBytes,
    meta: meta ? await loadMetaConfigFile(resolve(dirname(path), meta)) : DEFAULT_META_CONFIG,
  };
}
