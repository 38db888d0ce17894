import {
  conflict,
  high,
  type KeyResult,
  mapWords,
  medium,
  show,
  unknownKey,
} from './datatreatment-key.js';
import { asBool, asText, type Found, firstAt, valueAt } from './lookup.js';

/** Rules for event-level choices: MET, globals, normalization, token order, feature set. */

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

export function metRep(tree: unknown, vocab: readonly string[]): KeyResult {
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

export function globalsIncluded(tree: unknown): KeyResult {
  const flag = firstAt(tree, [
    'data.globals_included',
    'data.use_globals',
    'data.include_globals',
    'data.globals',
  ]);
  const on = asBool(flag?.value);
  return on === undefined ? unknownKey('no use_globals/include_globals flag') : high(on);
}

export function normalization(tree: unknown, vocab: readonly string[]): KeyResult {
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

export function tokenOrder(tree: unknown, vocab: readonly string[]): KeyResult {
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

export function featureSet(tree: unknown, vocab: readonly string[]): KeyResult {
  const found = firstAt(tree, ['data.feature_set_version', 'feature_set_version']);
  return found && vocab.includes(String(found.value))
    ? high(String(found.value))
    : unknownKey('no feature_set_version key');
}
