import {
  conflict,
  high,
  type KeyResult,
  mapWords,
  medium,
  show,
  sub,
  unknownKey,
} from './datatreatment-key.js';
import { asBool, asInt, asText, type Found, firstAt } from './lookup.js';

/** Rules for how particles become tokens: tokenization, PID encoding and its embedding size. */

const TOKENIZER = ['classifier.model.tokenizer', 'model.tokenizer', 'tokenizer'];
const MODEL = ['classifier.model', 'model', 'data'];

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

export function tokenization(
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

export function pidEncoding(
  tree: unknown,
  vocab: readonly string[],
): { pid: KeyResult; dim: KeyResult } {
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
