import { derived, explicit, type Inferred, unknown, words } from './field.js';
import { asText, firstAt, valueAt } from './lookup.js';

export const FAMILY_KEYS = ['meta.model_family', 'model_family'] as const;
/** Hydra config-group choices naming the model or training loop. */
export const FAMILY_CHOICES = ['loop', 'model', 'classifier/model'] as const;
/** Config keys naming the model; each is read as words. */
export const FAMILY_NAME_KEYS = [
  'loop',
  'model_type',
  'model.name',
  'model.type',
  'model.family',
  'model._target_',
  'classifier.model.name',
  'classifier.model.type',
  'classifier.model._target_',
  'model_name',
] as const;

const BDT = new Set(['bdt', 'xgboost', 'xgb', 'lgbm', 'lightgbm', 'gbdt', 'gbm', 'catboost']);

function familyOfWord(word: string): string | null {
  if (word.startsWith('transformer')) return 'transformer';
  if (word === 'mlp' || word.startsWith('mlp')) return 'mlp';
  if (BDT.has(word)) return 'bdt';
  if (word === 'ae' || word.endsWith('vae') || word.includes('autoencoder')) return 'ae';
  return null;
}

/** The families a model name mentions: `transformer_classifier` -> transformer, `vq_vae` -> ae. */
export function familiesOfName(name: string): Set<string> {
  const found = new Set<string>();
  for (const word of words(name)) {
    const family = familyOfWord(word);
    if (family) found.add(family);
  }
  return found;
}

/**
 * model_family from an explicit key (high), else from the model and loop names (medium) when
 * every name that mentions a family mentions the same one; disagreement is left null.
 */
export function inferModelFamily(
  tree: unknown,
  choices: Readonly<Record<string, string>>,
  families: readonly string[],
): Inferred<string | null> {
  const found = firstAt(tree, FAMILY_KEYS);
  const declared = asText(found?.value);
  if (declared !== undefined) {
    return families.includes(declared)
      ? explicit(declared)
      : unknown(`${found?.path} ${JSON.stringify(declared)} is not one of ${families.join(', ')}`);
  }
  const evidence: Array<[string, string]> = [];
  for (const group of FAMILY_CHOICES) {
    const choice = choices[group];
    if (choice !== undefined) evidence.push([`${group}=${choice}`, choice]);
  }
  for (const path of FAMILY_NAME_KEYS) {
    const name = asText(valueAt(tree, path));
    if (name !== undefined) evidence.push([`${path}=${name}`, name]);
  }
  const seen = new Map<string, string>();
  for (const [where, name] of evidence) {
    for (const family of familiesOfName(name)) if (!seen.has(family)) seen.set(family, where);
  }
  if (seen.size === 1) {
    const [family, where] = [...seen][0] as [string, string];
    if (families.includes(family)) return derived(family, `model name ${where}`);
  }
  if (seen.size > 1) {
    const list = [...seen].map(([f, w]) => `${f} (${w})`).join(', ');
    return unknown(`model names disagree: ${list}`);
  }
  return unknown('no model_family key and no model or loop name naming a known family');
}
