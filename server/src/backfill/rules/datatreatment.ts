import { normalizeDatatreatment } from '../../meta/datatreatment.js';
import { type Confidence, type MetaConfig, MetaError } from '../../meta/index.js';
import {
  featureSet,
  globalsIncluded,
  metRep,
  normalization,
  tokenOrder,
} from './datatreatment-event.js';
import {
  conflict,
  high,
  type Key,
  type KeyResult,
  unknownKey,
  type Value,
} from './datatreatment-key.js';
import { pidEncoding, tokenization } from './datatreatment-tokens.js';
import { firstAt, valueAt } from './lookup.js';

export const CORE_KEYS: readonly Key[] = [
  'tokenization',
  'pid_encoding',
  'met_rep',
  'globals_included',
  'normalization',
];
const DECLARED = ['meta.datatreatment', 'datatreatment'];

function validValue(key: Key, value: unknown, config: MetaConfig): boolean {
  try {
    normalizeDatatreatment({ [key]: value }, config);
    return true;
  } catch (error) {
    if (error instanceof MetaError) return false;
    throw error;
  }
}

export interface DatatreatmentInference {
  /** Only the provable keys; the rest become "unknown" in canonicalization. */
  value: Record<string, Value>;
  confidence: Confidence;
  note?: string;
}

/**
 * datatreatment key by key (see docs/backfill.md for the keys read). Confidence: low when a key
 * is contradicted or a core key is unknown, high when every key was read, medium otherwise.
 */
export function inferDatatreatment(
  tree: unknown,
  choices: Readonly<Record<string, string>>,
  config: MetaConfig,
): DatatreatmentInference {
  const v = config.datatreatment;
  const pid = pidEncoding(tree, v.pid_encoding);
  const results: Record<Key, KeyResult> = {
    token_order: tokenOrder(tree, v.token_order),
    tokenization: tokenization(tree, choices, v.tokenization),
    pid_encoding: pid.pid,
    id_embed_dim: pid.dim,
    met_rep: metRep(tree, v.met_rep),
    globals_included: globalsIncluded(tree),
    feature_set_version: featureSet(tree, v.feature_set_version),
    normalization: normalization(tree, v.normalization),
  };
  const declared = firstAt(tree, DECLARED);
  for (const key of Object.keys(results) as Key[]) {
    const explicitValue = declared ? valueAt(declared.value, key) : undefined;
    if (explicitValue === undefined) continue;
    if (explicitValue === 'unknown') {
      results[key] = unknownKey(`${declared?.path}.${key} is declared unknown`);
      continue;
    }
    results[key] = validValue(key, explicitValue, config)
      ? high(explicitValue as Value)
      : conflict(`${declared?.path}.${key}=${JSON.stringify(explicitValue)} is not a valid value`);
  }
  const value: Record<string, Value> = {};
  for (const [key, r] of Object.entries(results)) if (r.value !== undefined) value[key] = r.value;
  const conflicts = Object.entries(results).filter(([, r]) => r.how === 'conflict');
  const missing = CORE_KEYS.filter((k) => results[k].how === 'unknown');
  if (conflicts.length > 0 || missing.length > 0) {
    const parts = [
      ...conflicts.map(([k, r]) => `${k}: ${r.note}`),
      ...missing.map((k) => `${k} unknown (${results[k].note})`),
    ];
    for (const [k] of conflicts) delete value[k];
    return { value, confidence: 'low', note: parts.join('; ') };
  }
  const derivedNotes = Object.entries(results)
    .filter(([, r]) => r.how === 'medium')
    .map(([k, r]) => `${k} from ${r.note}`);
  if (derivedNotes.length === 0) return { value, confidence: 'high' };
  return { value, confidence: 'medium', note: derivedNotes.join('; ') };
}
