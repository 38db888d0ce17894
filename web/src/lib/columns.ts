import type { RunRowFragment } from '../generated/graphql';
import { num, when } from './format';

/** Columns are named like where-string fields, so the same name filters, sorts and shows. */
export const ATTRIBUTE_COLUMNS = [
  'attributes.run_name',
  'attributes.run_id',
  'attributes.experiment',
  'attributes.status',
  'attributes.started_at',
  'attributes.ended_at',
  'attributes.duration_seconds',
  'attributes.architecture_code',
];

export const META_COLUMNS = [
  'meta.goal',
  'meta.dataset_name',
  'meta.model_family',
  'meta.row_key',
  'meta.process_groups_key',
  'meta.datatreatment.tokenization',
  'meta.meta_hash',
  'meta.meta_confidence',
  'meta.needs_review',
];

export const DEFAULT_COLUMNS = [
  'attributes.run_name',
  'attributes.experiment',
  'attributes.status',
  'meta.model_family',
  'meta.dataset_name',
  'meta.meta_confidence',
  'metrics.auroc',
  'attributes.started_at',
];

function attribute(run: RunRowFragment, key: string): string {
  switch (key) {
    case 'run_name':
      return run.name;
    case 'run_id':
      return run.id;
    case 'experiment':
      return run.experiment;
    case 'status':
      return run.status;
    case 'started_at':
      return when(run.startedAt);
    case 'ended_at':
      return when(run.endedAt);
    case 'duration_seconds':
      return num(run.durationSeconds);
    case 'architecture_code':
      return run.architectureCode ?? '—';
    default:
      return '—';
  }
}

function meta(run: RunRowFragment, key: string): string {
  const m = run.meta;
  const values: Record<string, unknown> = {
    goal: m.goal,
    dataset_name: m.datasetName,
    model_family: m.modelFamily,
    row_key: m.rowKey,
    process_groups_key: m.processGroupsKey,
    'datatreatment.tokenization': m.datatreatment.tokenization,
    meta_hash: m.metaHash,
    meta_confidence: m.confidence,
    needs_review: m.needsReview ? 'yes' : 'no',
  };
  const v = values[key];
  return v === null || v === undefined ? '—' : String(v);
}

/** The text a run shows in a column. */
export function cell(run: RunRowFragment, column: string): string {
  const dot = column.indexOf('.');
  const prefix = column.slice(0, dot);
  const key = column.slice(dot + 1);
  if (prefix === 'attributes') return attribute(run, key);
  if (prefix === 'meta') return meta(run, key);
  const list = prefix === 'params' ? run.params : prefix === 'tags' ? run.tags : run.metrics;
  const found = list.find((p) => p.key === key);
  if (found === undefined) return '—';
  return typeof found.value === 'number' ? num(found.value) : found.value;
}

/** A short header: the key without its prefix. */
export function header(column: string): string {
  return column.replace(/^(attributes|meta)\./, '');
}
