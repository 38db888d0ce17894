import type { Confidence } from '../../meta/index.js';

/**
 * One inferred meta field. Confidence follows one rule everywhere: high when read from an
 * explicit key, medium when derived by a documented rule, low when absent or ambiguous.
 */
export interface Inferred<T> {
  value: T;
  confidence: Confidence;
  /** Why the value is what it is when it is not plainly read (shown to reviewers). */
  note?: string;
}

export const explicit = <T>(value: T): Inferred<T> => ({ value, confidence: 'high' });
export const derived = <T>(value: T, note?: string): Inferred<T> => ({
  value,
  confidence: 'medium',
  ...(note ? { note } : {}),
});
export const unknown = (note: string): Inferred<null> => ({
  value: null,
  confidence: 'low',
  note,
});

/** Family names and the like as lower-case words: `thesis_ml.TransformerClassifier` -> transformerclassifier. */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}
