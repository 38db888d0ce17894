import { isRecord } from '../rules/lookup.js';

export interface HydraChoices {
  /** Config-group choices (`loop=transformer_classifier`, `classifier/experiment=a/b`). */
  choices: Record<string, string>;
  /** Every override as a param, modifiers (`+`, `++`, `~`) removed. */
  params: Record<string, string>;
}

/**
 * A value Hydra's override grammar reads as one quoted string (`'random'`, `"a b"`) without its
 * quotes, as Hydra passes it to the app; anything else as written.
 */
export function unquoteOverride(value: string): string {
  const q = value[0];
  if ((q !== "'" && q !== '"') || value.length < 2 || value[value.length - 1] !== q) return value;
  const inner = value.slice(1, -1);
  // `'a','b'` (a sweep list) or an unescaped quote inside is not one quoted string.
  if (new RegExp(`(^|[^\\\\])${q}`).test(inner)) return value;
  return inner.replaceAll(`\\${q}`, q);
}

/**
 * Reads `.hydra/overrides.yaml` (a list of `key=value`) and `hydra.runtime.choices` of
 * `.hydra/hydra.yaml`. A key without a dot is a config group; explicit overrides win.
 */
export function hydraChoices(overrides: unknown, hydra: unknown): HydraChoices {
  const choices: Record<string, string> = {};
  const runtime = isRecord(hydra) ? hydra.hydra : undefined;
  const fromRuntime =
    isRecord(runtime) && isRecord(runtime.runtime) ? runtime.runtime.choices : undefined;
  if (isRecord(fromRuntime)) {
    for (const [group, option] of Object.entries(fromRuntime)) {
      if (typeof option === 'string' && !group.startsWith('hydra/')) choices[group] = option;
    }
  }
  const params: Record<string, string> = {};
  for (const item of Array.isArray(overrides) ? overrides : []) {
    if (typeof item !== 'string' || item.startsWith('~')) continue;
    const eq = item.indexOf('=');
    if (eq <= 0) continue;
    const key = item.slice(0, eq).replace(/^\+{1,2}/, '');
    const value = unquoteOverride(item.slice(eq + 1));
    params[key] = value;
    if (!key.includes('.') && !key.startsWith('hydra')) choices[key] = value;
  }
  return { choices, params };
}

/** The experiment a Hydra run belongs to: the last segment of an `experiment` group choice. */
export function experimentChoice(choices: Readonly<Record<string, string>>): string | undefined {
  const group = Object.keys(choices)
    .filter((g) => g === 'experiment' || g.endsWith('/experiment'))
    .sort()[0];
  const option = group === undefined ? undefined : choices[group];
  return option?.slice(option.lastIndexOf('/') + 1) || undefined;
}
