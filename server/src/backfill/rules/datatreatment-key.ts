import { words } from './field.js';
import type { Found } from './lookup.js';

/** Per-key rules of datatreatment: each key is read (high), derived (medium), unknown or contradicted. */

export type Key =
  | 'token_order'
  | 'tokenization'
  | 'pid_encoding'
  | 'id_embed_dim'
  | 'met_rep'
  | 'globals_included'
  | 'feature_set_version'
  | 'normalization';
export type Value = string | number | boolean | null;
export interface KeyResult {
  value?: Value;
  how: 'high' | 'medium' | 'unknown' | 'conflict';
  note?: string;
}

export const high = (value: Value): KeyResult => ({ value, how: 'high' });
export const medium = (value: Value, note: string): KeyResult => ({ value, how: 'medium', note });
export const unknownKey = (note: string): KeyResult => ({ how: 'unknown', note });
export const conflict = (note: string): KeyResult => ({ how: 'conflict', note });
export const show = (f: Found) => `${f.path}=${JSON.stringify(f.value)}`;

/** A word-mapped name: one target for all its words, or null (none, or several). */
export function mapWords(text: string, table: Record<string, string>): string | null | 'ambiguous' {
  const hits = new Set(words(text).flatMap((w) => (table[w] ? [table[w]] : [])));
  if (hits.size > 1) return 'ambiguous';
  return hits.size === 1 ? ([...hits][0] as string) : null;
}

export const sub = (prefixes: readonly string[], key: string) => prefixes.map((p) => `${p}.${key}`);
