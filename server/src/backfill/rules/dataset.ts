import type { DatasetRule } from '../config.js';
import { derived, explicit, type Inferred, unknown } from './field.js';
import { asText, firstAt } from './lookup.js';

export const DATASET_KEYS = [
  'meta.dataset_name',
  'dataset_name',
  'data.dataset_name',
  'data.dataset',
  'dataset_slug',
] as const;
export const DATA_PATH_KEYS = ['data.path', 'data.file', 'data_path'] as const;
export const LEVEL_KEYS = ['meta.level', 'level'] as const;

function globRegex(glob: string): RegExp {
  const body = glob
    .split('')
    .map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(glob.includes('/') ? `(^|/)${body}$` : `^${body}$`);
}

const compiled = new WeakMap<DatasetRule, RegExp>();

/** The first dataset-map entry whose glob matches the file name (or, with a '/', the tail) of `path`. */
export function matchDataset(path: string, rules: readonly DatasetRule[]): DatasetRule | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return rules.find((rule) => {
    let re = compiled.get(rule);
    if (!re) {
      re = globRegex(rule.match);
      compiled.set(rule, re);
    }
    return re.test(rule.match.includes('/') ? path : base);
  });
}

export interface DatasetInference {
  dataset: Inferred<string | null>;
  level: Inferred<string | null>;
}

/**
 * dataset_name from an explicit key (high), else from the data path through the dataset map
 * (medium), else null; level from an explicit key (high), else from the matched map entry (medium).
 */
export function inferDataset(
  tree: unknown,
  rules: readonly DatasetRule[],
  levels: readonly string[],
): DatasetInference {
  const named = firstAt(tree, DATASET_KEYS);
  const name = asText(named?.value);
  const pathFound = firstAt(tree, DATA_PATH_KEYS);
  const path = asText(pathFound?.value);
  const rule = path === undefined ? undefined : matchDataset(path, rules);
  let dataset: Inferred<string | null>;
  if (name !== undefined && !name.includes('::')) dataset = explicit(name);
  else if (name !== undefined)
    dataset = unknown(`${named?.path} ${JSON.stringify(name)} contains '::'`);
  else if (rule)
    dataset = derived(
      rule.name,
      `${pathFound?.path} matched dataset map entry ${JSON.stringify(rule.match)}`,
    );
  else if (path !== undefined) {
    dataset = unknown(
      `${pathFound?.path} ${JSON.stringify(path)} matches no dataset map entry; add one to the backfill config`,
    );
  } else
    dataset = unknown(
      `no dataset key (${DATASET_KEYS.join(', ')}) and no data path (${DATA_PATH_KEYS.join(', ')})`,
    );

  const levelFound = firstAt(tree, LEVEL_KEYS);
  const level = asText(levelFound?.value);
  let levelValue: Inferred<string | null>;
  if (level !== undefined && levels.includes(level)) levelValue = explicit(level);
  else if (level !== undefined)
    levelValue = unknown(`${levelFound?.path} ${JSON.stringify(level)} is not a known level`);
  else if (rule?.level !== undefined && levels.includes(rule.level)) {
    levelValue = derived(rule.level, `level of dataset map entry ${JSON.stringify(rule.match)}`);
  } else levelValue = unknown('no level key and no dataset map entry giving one');
  return { dataset, level: levelValue };
}
