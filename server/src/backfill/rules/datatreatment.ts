import { normalizeDatatreatment } from '../../meta/datatreatment.js';
import { type Confidence, type MetaConfig, MetaError } from '../../meta/index.js';
import { words } from './field.js';
import { asBool, asInt, asText, type Found, firstAt, valueAt } from './lookup.js';

type Key =
  | 'token_order'
  | 'tokenization'
  | 'pid_encoding'
  | 'id_embed_dim'
  | 'met_rep'
  | 'globals_included'
  | 'feature_set_version'
  | 'normalization';
type Value = string | number | boolean | null;
/** One key: read (high), derived by rule (medium), not provable (unknown) or contradicted (conflict). */
interface KeyResult {
  value?: Value;
  how: 'high' | 'medium' | 'unknown' | 'conflict';
  note?: string;
}

/** Keys varied in the seed-002 sweep and named by seed 000; any of them unknown means review. */
export const CORE_KEYS: readonly Key[] = [
  'tokenization',
  'pid_encoding',
  'met_rep',
  'globals_included',
  'normalization',
];
const DECLARED = ['meta.datatreatment', 'datatreatment'];
const TOKENIZER = ['classifier.model.tokenizer', 'model.tokenizer', 'tokenizer'];
const MODEL = ['classifier.model', 'model', 'data'];
const sub = (prefixes: readonly string[], key: string) => prefixes.map((p) => `${p}.${key}`);

const TOKENIZER_WORDS: Record<string, string> = {
  identity: 'direct',
  raw: 'direct',
  direct: 'direct',
  linear: 'direct',
  binned: 'binned',
  binning: 'binned',
  ambre: 'binned',
  pretrained: 'vq',
  vq: 'vq',
  vqvae: 'vq',
};
const SCALER_WORDS: Record<string, string> = {
  zscore: 'zscore',
  standard: 'zscore',
  standardize: 'zscore',
  standardscaler: 'zscore',
  std: 'zscore',
  minmax: 'minmax',
  minmaxscaler: 'minmax',
  none: 'none',
  identity: 'none',
};

const high = (value: Value): KeyResult => ({ value, how: 'high' });
const medium = (value: Value, note: string): KeyResult => ({ value, how: 'medium', note });
const unknownKey = (note: string): KeyResult => ({ how: 'unknown', note });
const conflict = (note: string): KeyResult => ({ how: 'conflict', note });
const show = (f: Found) => `${f.path}=${JSON.stringify(f.value)}`;

/** A word-mapped name: one target for all its words, or null (none, or several). */
function mapWords(text: string, table: Record<string, string>): string | null | 'ambiguous' {
  const hits = new Set(words(text).flatMap((w) => (table[w] ? [table[w]] : [])));
  if (hits.size > 1) return 'ambiguous';
  return hits.size === 1 ? ([...hits][0] as string) : null;
}

function tokenizerName(
  tree: unknown,
  choices: Readonly<Record<string, string>>,
): Found | undefined {
  for (const group of ['tokenizer', 'classifier/model/tokenizer', 'model/tokenizer']) {
    if (choices[group] !== undefined) return { path: group, value: choices[group] };
  }
  const named = firstAt(tree, [
    ...sub(TOKENIZER, 'name'),
    ...sub(TOKENIZER, 'type'),
    ...sub(TOKENIZER, '_target_'),
  ]);
  if (named) return named;
  const plain = firstAt(tree, TOKENIZER);
  return typeof plain?.value === 'string' ? plain : undefined;
}

function tokenization(
  tree: unknown,
  choices: Readonly<Record<string, string>>,
  vocab: readonly string[],
): KeyResult {
  const declared = firstAt(tree, ['data.tokenization']);
  if (declared && vocab.includes(String(declared.value))) return high(String(declared.value));
  const binnedFlag = firstAt(tree, ['data.use_binned_tokens']);
  const binned = asBool(binnedFlag?.value);
  const named = tokenizerName(tree, choices);
  const fromName = named ? mapWords(String(named.value), TOKENIZER_WORDS) : null;
  if (fromName === 'ambiguous')
    return conflict(`tokenizer name ${show(named as Found)} is ambiguous`);
  if (binned === true) {
    if (fromName === 'vq')
      return conflict(`${show(binnedFlag as Found)} but tokenizer ${show(named as Found)}`);
    return high('binned');
  }
  if (binned === false && fromName === 'binned') {
    return conflict(`${show(binnedFlag as Found)} but tokenizer ${show(named as Found)}`);
  }
  if (fromName) return medium(fromName, `tokenizer ${show(named as Found)}`);
  return unknownKey('no tokenization key, use_binned_tokens=true or known tokenizer name');
}

function pidEncoding(tree: unknown, vocab: readonly string[]): { pid: KeyResult; dim: KeyResult } {
  const declared = firstAt(tree, [
    ...sub(TOKENIZER, 'pid_encoding'),
    ...sub(MODEL, 'pid_encoding'),
  ]);
  const dimFound = firstAt(tree, [
    ...sub(TOKENIZER, 'id_embed_dim'),
    ...sub(MODEL, 'id_embed_dim'),
  ]);
  const dim = asInt(dimFound?.value);
  const pidText = asText(declared?.value);
  if (pidText !== undefined && !vocab.includes(pidText)) {
    return {
      pid: unknownKey(`${show(declared as Found)} is not a known pid_encoding`),
      dim: unknownKey('pid_encoding unknown'),
    };
  }
  if (pidText !== undefined && pidText !== 'embedded') {
    if (dim !== undefined) {
      const why = `${show(declared as Found)} but ${show(dimFound as Found)}`;
      return { pid: conflict(why), dim: conflict(why) };
    }
    return { pid: high(pidText), dim: high(null) };
  }
  if (dim !== undefined && dim > 0) {
    const pid = pidText
      ? high('embedded')
      : medium('embedded', `${show(dimFound as Found)} embeds particle ids`);
    return { pid, dim: high(dim) };
  }
  if (pidText === 'embedded')
    return { pid: high('embedded'), dim: unknownKey('no id_embed_dim key') };
  return {
    pid: unknownKey('no pid_encoding or id_embed_dim key'),
    dim: unknownKey('pid_encoding unknown'),
  };
}

function metRep(tree: unknown, vocab: readonly string[]): KeyResult {
  const declared = firstAt(tree, ['data.met_rep']);
  if (declared && vocab.includes(String(declared.value))) return high(String(declared.value));
  const flag = firstAt(tree, ['data.include_met', 'data.use_met', 'data.met']);
  const on = asBool(flag?.value);
  // Seed 002's MET factor is "with vs without MET + MET phi".
  if (on === true)
    return medium('met_metphi', `${show(flag as Found)}: MET is given as MET and MET phi`);
  if (on === false) return medium('none', `${show(flag as Found)}`);
  return unknownKey('no met_rep key and no include_met/use_met flag');
}

function globalsIncluded(tree: unknown): KeyResult {
  const flag = firstAt(tree, [
    'data.globals_included',
    'data.use_globals',
    'data.include_globals',
    'data.globals',
  ]);
  const on = asBool(flag?.value);
  return on === undefined ? unknownKey('no use_globals/include_globals flag') : high(on);
}

function normalization(tree: unknown, vocab: readonly string[]): KeyResult {
  const found = firstAt(tree, [
    'data.normalization',
    'data.normalize',
    'data.scaler',
    'data.scaler_type',
    'data_loader_config.scaler_type',
    'scaler_type',
  ]);
  if (found === undefined) return unknownKey('no normalization or scaler key');
  if (found.value === false) return medium('none', show(found));
  const text = asText(found.value);
  if (text !== undefined && vocab.includes(text)) return high(text);
  const mapped = text === undefined ? null : mapWords(text, SCALER_WORDS);
  if (mapped && mapped !== 'ambiguous' && vocab.includes(mapped))
    return medium(mapped, show(found));
  return unknownKey(`${show(found)} is not a known normalization`);
}

function tokenOrder(tree: unknown, vocab: readonly string[]): KeyResult {
  const declared = firstAt(tree, ['data.token_order']);
  if (declared && vocab.includes(String(declared.value))) return high(String(declared.value));
  const shuffle = asBool(valueAt(tree, 'data.shuffle_tokens'));
  const sorted = asBool(valueAt(tree, 'data.sort_by_pt'));
  if (shuffle && sorted) return conflict('data.shuffle_tokens and data.sort_by_pt are both true');
  if (shuffle) return medium('shuffled', 'data.shuffle_tokens=true');
  if (sorted) return medium('pt_sorted', 'data.sort_by_pt=true');
  if (shuffle === false && sorted === false)
    return medium('input_order', 'data.shuffle_tokens and data.sort_by_pt are false');
  return unknownKey('no token_order key');
}

function featureSet(tree: unknown, vocab: readonly string[]): KeyResult {
  const found = firstAt(tree, ['data.feature_set_version', 'feature_set_version']);
  return found && vocab.includes(String(found.value))
    ? high(String(found.value))
    : unknownKey('no feature_set_version key');
}

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
