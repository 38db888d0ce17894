/** File names inside `<root>/runs/<run_id>/facts/`; training code may write them directly. */
export const RUNS_DIR = 'runs';
export const FACTS_DIR = 'facts';
export const RUN_FILE = 'run.json';
export const META_FILE = 'meta.json';
export const OVERRIDE_FILE = 'meta_override.json';
export const METRICS_FILE = 'metrics.jsonl';
/** Prefix of in-progress temp files and folders; never a valid run id (ids cannot start with '.'). */
export const TEMP_PREFIX = '.tmp-';

/** The on-disk form of a JSON facts file: two-space indent and a final newline, diff-friendly. */
export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
