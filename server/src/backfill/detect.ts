import type { Layout, NotRunKind } from './types.js';

export interface Entry {
  name: string;
  type: 'file' | 'dir' | 'symlink' | 'other';
}

export interface Detected {
  layout: Layout;
  /** The folder has `facts/meta.json`: its meta is re-derived instead of inferred. */
  storedMeta: boolean;
}

/**
 * The layout of a folder from the names it holds (see docs/backfill.md), or null when it is not
 * a run folder. `factsNames`/`hydraNames` list `facts/` and `.hydra/` when those exist.
 */
export function detectLayout(
  entries: readonly Entry[],
  factsNames: readonly string[] | null,
  hydraNames: readonly string[] | null,
): Detected | null {
  // File names count whatever their type, so a folder where summary.json is a directory or a
  // FIFO is still recognised and the bad entry reported when read.
  const files = new Set(entries.map((e) => e.name));
  const dirs = new Set(entries.filter((e) => e.type === 'dir').map((e) => e.name));
  const storedMeta = factsNames?.includes('meta.json') ?? false;
  const found = (layout: Layout): Detected => ({ layout, storedMeta });
  if (storedMeta && factsNames?.includes('run.json')) return found('facts');
  if (hydraNames?.includes('config.yaml')) return found('hydra');
  if (files.has('meta.yaml') && (dirs.has('params') || dirs.has('metrics') || dirs.has('tags'))) {
    return found('mlflow');
  }
  if (files.has('config.yaml') && files.has('summary.json')) return found('result_folder');
  if (files.has('metadata.json')) return found('experiment');
  if (files.has('run_metadata.json') || files.has('pipeline_config.json')) return found('lgbm_hmm');
  // facts/meta.json alone cannot make a run record; it is reported as a missing run.json.
  if (storedMeta) return found('facts');
  return null;
}

/** Folders that are bookkeeping of a tool rather than runs: not reported when unrecognized. */
export function isBookkeeping(entries: readonly Entry[]): boolean {
  return entries.length === 1 && entries[0]?.name === 'meta.yaml';
}

const VERSION_DIR = /^version-\d+$/;
const LOGGED_MODEL_DIR = /^m-[0-9a-f]+$/;

/**
 * Folders of an MLflow store or a Hydra sweep that are not runs, though their names look like
 * one (a logged model has meta.yaml, params/ and metrics/ like a run). Checked before the layouts.
 */
export function detectNotRun(
  entries: readonly Entry[],
  name: string,
  parentName: string,
): NotRunKind | null {
  const has = (n: string, type?: Entry['type']) =>
    entries.some((e) => e.name === n && (type === undefined || e.type === type));
  if (!has('meta.yaml')) {
    return has('multirun.yaml') && !has('.hydra', 'dir') ? 'hydra_sweep' : null;
  }
  if (parentName === 'models' && LOGGED_MODEL_DIR.test(name)) return 'logged_model';
  const versions = entries.some((e) => e.type === 'dir' && VERSION_DIR.test(e.name));
  if (versions || has('aliases', 'dir')) return 'registered_model';
  if (parentName === 'models' && entries.length === 1) return 'registered_model';
  if (parentName === 'datasets' && entries.length === 1) return 'mlflow_dataset';
  return null;
}
