import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { extendMetaConfig, type MetaConfig } from '../meta/index.js';

const words = z.array(z.string().min(1));
const extensionSchema = z.strictObject({
  processTable: z
    .record(z.string().regex(/^\d+$/, 'process ids are integers'), z.string().min(1))
    .optional(),
  levels: words.optional(),
  goals: words.optional(),
  modelFamilies: words.optional(),
  datatreatment: z
    .strictObject({
      token_order: words.optional(),
      tokenization: words.optional(),
      pid_encoding: words.optional(),
      met_rep: words.optional(),
      feature_set_version: words.optional(),
      normalization: words.optional(),
    })
    .optional(),
  goalsWithProcessGroups: words.optional(),
});

export class ConfigFileError extends Error {
  override name = 'ConfigFileError';
}

/** Reads a YAML or JSON meta config file (vocabulary and process-table extensions). */
export async function loadMetaConfigFile(path: string): Promise<MetaConfig> {
  let raw: unknown;
  try {
    raw = parseYaml(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ConfigFileError(`${path}: cannot read the meta config: ${(error as Error).message}`);
  }
  const parsed = extensionSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigFileError(
      `${path}: ${issue?.path.join('.') || '(top level)'}: ${issue?.message}; see docs/configuration.md`,
    );
  }
  const { processTable, ...rest } = parsed.data;
  return extendMetaConfig({
    ...rest,
    processTable: processTable
      ? Object.fromEntries(Object.entries(processTable).map(([id, name]) => [Number(id), name]))
      : undefined,
  });
}
