import type { MetaConfig, StringDatatreatmentKey } from './config.js';
import { MetaError } from './errors.js';
import type { Datatreatment } from './types.js';

export const DATATREATMENT_KEYS = [
  'token_order',
  'tokenization',
  'pid_encoding',
  'id_embed_dim',
  'met_rep',
  'globals_included',
  'feature_set_version',
  'normalization',
] as const satisfies ReadonlyArray<keyof Datatreatment>;

const STRING_KEYS: StringDatatreatmentKey[] = [
  'token_order',
  'tokenization',
  'pid_encoding',
  'met_rep',
  'feature_set_version',
  'normalization',
];

const NO_EMBEDDING = new Set(['onehot', 'raw', 'none']);

function vocabularyValue(
  key: StringDatatreatmentKey,
  raw: unknown,
  vocab: readonly string[],
): string {
  if (raw === undefined || raw === null) return 'unknown';
  if (typeof raw !== 'string' || !vocab.includes(raw)) {
    throw new MetaError(
      `${JSON.stringify(raw)} is not one of ${vocab.join(', ')} (extend datatreatment.${key} in the config to add one)`,
      `datatreatment.${key}`,
    );
  }
  return raw;
}

function embedDim(raw: unknown): number | null | 'unknown' {
  if (raw === undefined || raw === 'unknown') return 'unknown';
  if (raw === null) return null;
  if (typeof raw === 'number' && Number.isInteger(raw) && raw > 0) return raw;
  throw new MetaError(
    `${JSON.stringify(raw)} must be a positive integer, null (no embedding) or "unknown"`,
    'datatreatment.id_embed_dim',
  );
}

function globals(raw: unknown): boolean | 'unknown' {
  if (raw === undefined || raw === null || raw === 'unknown') return 'unknown';
  if (typeof raw === 'boolean') return raw;
  throw new MetaError(
    `${JSON.stringify(raw)} must be true, false or "unknown"`,
    'datatreatment.globals_included',
  );
}

/** Seed 000's datatreatment with all 8 keys: absent keys become "unknown", values are checked. */
export function normalizeDatatreatment(raw: unknown, config: MetaConfig): Datatreatment {
  if (raw === undefined || raw === null) raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new MetaError('must be an object of the 8 datatreatment keys', 'datatreatment');
  }
  const input = raw as Record<string, unknown>;
  const extra = Object.keys(input).filter(
    (k) => !(DATATREATMENT_KEYS as readonly string[]).includes(k),
  );
  if (extra.length > 0) {
    throw new MetaError(
      `unknown key(s) ${extra.join(', ')}; the keys are ${DATATREATMENT_KEYS.join(', ')}`,
      'datatreatment',
    );
  }
  const strings = Object.fromEntries(
    STRING_KEYS.map((k) => [k, vocabularyValue(k, input[k], config.datatreatment[k])]),
  ) as Record<StringDatatreatmentKey, string>;
  const dim = embedDim(input.id_embed_dim);
  if (typeof dim === 'number' && NO_EMBEDDING.has(strings.pid_encoding)) {
    throw new MetaError(
      `is ${dim} but pid_encoding is ${strings.pid_encoding}; an embedding size applies only when pid_encoding is embedded`,
      'datatreatment.id_embed_dim',
    );
  }
  return {
    token_order: strings.token_order,
    tokenization: strings.tokenization,
    pid_encoding: strings.pid_encoding,
    id_embed_dim: dim,
    met_rep: strings.met_rep,
    globals_included: globals(input.globals_included),
    feature_set_version: strings.feature_set_version,
    normalization: strings.normalization,
  };
}
