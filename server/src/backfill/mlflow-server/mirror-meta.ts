import type { ConfidenceField } from '../../meta/index.js';

const TEXT_FIELDS = ['level', 'goal', 'dataset_name', 'model_family'] as const;

function json(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The meta a run mirrored by runfacts carries as `meta.*` params (mirror/mlflow/mapping.ts), as
 * declared meta; null when the run has none. The mirror sends no per-field confidence: fields
 * with a value come back `high` (runfacts had recorded them), absent ones `low`.
 */
export function metaFromMirrorParams(
  params: Readonly<Record<string, string>>,
): Record<string, unknown> | null {
  const version = json(params['meta.schema_version']);
  if (typeof version !== 'number') return null;
  const meta: Record<string, unknown> = { schema_version: version, meta_source: 'backfill' };
  for (const field of TEXT_FIELDS) meta[field] = params[`meta.${field}`] ?? null;
  meta.process_groups = json(params['meta.process_groups']) ?? null;
  const datatreatment = json(params['meta.datatreatment']);
  meta.datatreatment = typeof datatreatment === 'object' ? datatreatment : null;
  const known = (v: unknown) =>
    v !== null && (typeof v !== 'object' || !Object.values(v as object).includes('unknown'));
  const fields: ConfidenceField[] = [...TEXT_FIELDS, 'process_groups', 'datatreatment'];
  meta.meta_confidence_fields = Object.fromEntries(
    fields.map((f) => [f, known(meta[f]) ? 'high' : 'low']),
  );
  return meta;
}

/** The mirror's own bookkeeping: `meta.*` params (they become meta) and `runfacts.*` tags. */
export const isMirrorParam = (key: string): boolean => key.startsWith('meta.');
export const isMirrorTag = (key: string): boolean => key.startsWith('runfacts.');
