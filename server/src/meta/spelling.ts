import { MetaError } from './errors.js';

/** Keys whose values are objects keyed by meta names too, so their keys are respelled as well. */
const NESTED = new Set(['datatreatment', 'meta_confidence_fields']);

/** `datasetName` → `dataset_name`; snake_case names are returned unchanged. */
export function snakeName(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** `dataset_name` → `datasetName`, the spelling of GraphQL's typed inputs. */
export function camelName(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * The one spelling rule for meta that people type: names are seed 000's snake_case, and a
 * camelCase key is read as its snake_case name (`datasetName` is `dataset_name`), at the top and
 * inside `datatreatment`. Writing both spellings of one name is refused rather than guessed.
 */
export function toSeedSpelling(raw: Record<string, unknown>, path = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const spelledAs: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    const name = snakeName(key);
    if (name in out) {
      throw new MetaError(
        `is given twice, as ${JSON.stringify(spelledAs[name])} and ${JSON.stringify(key)}; keep one (seed 000 spells it ${name})`,
        `${path}${name}`,
      );
    }
    spelledAs[name] = key;
    out[name] =
      NESTED.has(name) && value !== null && typeof value === 'object' && !Array.isArray(value)
        ? toSeedSpelling(value as Record<string, unknown>, `${path}${name}.`)
        : value;
  }
  return out;
}
