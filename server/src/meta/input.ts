import { z } from 'zod';
import { MetaError } from './errors.js';

const confidence = z.enum(['high', 'medium', 'low']);
const processGroups = z.array(z.array(z.union([z.string(), z.number().int()]))).nullable();
const nullableString = z.string().min(1).nullable();

const canonicalShape = {
  level: nullableString.optional(),
  goal: nullableString.optional(),
  dataset_name: nullableString.optional(),
  model_family: nullableString.optional(),
  process_groups: processGroups.optional(),
  signal_class: z.number().int().nullable().optional(),
  datatreatment: z.record(z.string(), z.unknown()).nullable().optional(),
};

/** Meta as training code declares it or as `meta.json` stores it (derived fields are only checked). */
export const metaInputSchema = z.strictObject({
  schema_version: z.number().int().positive(),
  ...canonicalShape,
  meta_source: z.enum(['live', 'backfill', 'override']).optional(),
  meta_confidence_fields: z
    .partialRecord(
      z.enum(['level', 'goal', 'dataset_name', 'model_family', 'process_groups', 'datatreatment']),
      confidence,
    )
    .optional(),
  meta_hash: z.string().optional(),
  meta_confidence: confidence.optional(),
  needs_review: z.boolean().optional(),
  needs_review_reason: z.array(z.string()).optional(),
  n_classes: z.number().int().nullable().optional(),
  processes_all: z.array(z.string()).nullable().optional(),
  class_def_str: z.string().nullable().optional(),
  process_groups_key: z.string().nullable().optional(),
  row_key: z.string().nullable().optional(),
  derived_mismatches: z.array(z.unknown()).optional(),
  override: z.unknown().optional(),
});
export type MetaInput = z.infer<typeof metaInputSchema>;

/** `meta_override.json`: any canonical field, plus who and why. */
export const metaOverrideSchema = z.strictObject({
  ...canonicalShape,
  reason: z.string().optional(),
  author: z.string().optional(),
  created_at: z.string().optional(),
});
export type MetaOverride = z.infer<typeof metaOverrideSchema>;

/** Parses with a schema, turning the first zod issue into a MetaError that names the field. */
export function parseOrThrow<T>(schema: z.ZodType<T>, raw: unknown, what: string): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : what;
  throw new MetaError(issue?.message ?? 'is invalid', field);
}
