import type { Artifact } from '../../facts/index.js';
import type { Entry } from '../detect.js';

const BY_EXTENSION: Record<string, string> = {
  ckpt: 'checkpoint',
  pt: 'checkpoint',
  pth: 'checkpoint',
  safetensors: 'checkpoint',
  joblib: 'model',
  npy: 'array',
  npz: 'array',
  pkl: 'pickle',
  csv: 'table',
  parquet: 'table',
  json: 'json',
  jsonl: 'json',
  yaml: 'config',
  yml: 'config',
  png: 'figure',
  pdf: 'figure',
  svg: 'figure',
  jpg: 'figure',
  log: 'log',
  txt: 'text',
  h5: 'data',
};

/** runfacts' own files in a source folder: its facts and the manual override. */
const NOT_ARTIFACTS = new Set(['facts', 'meta_override.json']);

/** Folders worth listing one level deep, because their files are the artifacts (checkpoints). */
export const LISTED_DIRS = /^(checkpoints?|ckpts?|models?|artifacts)$/i;

/** The kind of a run folder entry, from its name: predictions.npy -> predictions, best.ckpt -> checkpoint. */
export function artifactKind(name: string, isDir: boolean): string {
  const lower = name.toLowerCase();
  if (isDir) {
    if (lower.includes('tensorboard') || lower === 'tb_logs') return 'tensorboard';
    return /^(checkpoints?|ckpts?)$/i.test(name) ? 'checkpoints' : 'directory';
  }
  if (lower.startsWith('predictions') || lower.startsWith('pred_')) return 'predictions';
  if (lower.startsWith('targets')) return 'targets';
  if (lower.includes('scaler')) return 'scaler';
  if (lower === 'model.txt' || lower.startsWith('model.')) return 'model';
  if (lower.startsWith('events.out.tfevents')) return 'tensorboard';
  const ext = lower.includes('.') ? lower.slice(lower.lastIndexOf('.') + 1) : '';
  return BY_EXTENSION[ext] ?? 'file';
}

/**
 * The artifacts of a run folder: its visible top-level files and folders (folders end in '/'),
 * plus the files of checkpoint folders; paths relative to the folder, sorted.
 */
export function listArtifacts(
  entries: readonly Entry[],
  listings: Readonly<Record<string, readonly Entry[]>>,
  exclude: ReadonlySet<string> = new Set(),
): Artifact[] {
  const out: Artifact[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.') || exclude.has(e.name) || NOT_ARTIFACTS.has(e.name)) continue;
    const isDir = e.type === 'dir';
    out.push({ path: isDir ? `${e.name}/` : e.name, kind: artifactKind(e.name, isDir) });
    for (const inner of (isDir ? listings[e.name] : undefined) ?? []) {
      if (inner.type === 'dir' || inner.name.startsWith('.')) continue;
      out.push({ path: `${e.name}/${inner.name}`, kind: artifactKind(inner.name, false) });
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
