import type { MetricPoint, RunRecordInput } from '../facts/index.js';
import type { CanonicalMeta, Confidence, ConfidenceField, ReviewReason } from '../meta/index.js';
import type { BackfillConfig } from './config.js';

/** The source layouts backfill recognises, detected by the files a folder holds. */
export const LAYOUTS = [
  'facts',
  'hydra',
  'result_folder',
  'experiment',
  'lgbm_hmm',
  'mlflow',
] as const;
export type Layout = (typeof LAYOUTS)[number];

/** Why a source path was skipped (error) or came in with something left out (warning). */
export type IssueKind =
  | 'binary_file'
  | 'malformed_json'
  | 'malformed_yaml'
  | 'oversized'
  | 'not_a_file'
  | 'unreadable'
  | 'empty_folder'
  | 'unrecognized_folder'
  | 'symlink_loop'
  | 'symlink_outside'
  | 'missing_file'
  | 'invalid_content'
  | 'invalid_meta'
  | 'invalid_override'
  | 'override_not_applied'
  | 'malformed_metric_line'
  | 'deleted_run'
  | 'no_experiment_meta'
  | 'registry_skipped'
  | 'registry_failed'
  | 'duplicate_source'
  | 'target_damaged'
  | 'id_exhausted'
  | 'write_failed'
  | 'internal_error';

/**
 * Folders that look like runs by their names but are not: recognised, reported, never imported
 * as runs. A registered model's versions are imported into the registry (registry-import.ts).
 */
export const NOT_RUN_KINDS = [
  'registered_model',
  'model_version',
  'logged_model',
  'hydra_sweep',
  'mlflow_dataset',
] as const;
export type NotRunKind = (typeof NOT_RUN_KINDS)[number];

export interface NotRun {
  kind: NotRunKind;
  path: string;
}

/** What the MLflow model-registry folders brought into runfacts' registry. */
export interface RegistryImportCounts {
  models: number;
  modelsCreated: number;
  versionsCreated: number;
  versionsUnchanged: number;
  /** Versions whose source run was not imported (deleted, not in the runs dir); each has a warning. */
  versionsSkipped: number;
  aliasesSet: number;
}

export interface BackfillIssue {
  severity: 'error' | 'warning';
  kind: IssueKind;
  /** The source file or folder concerned (or the facts folder, for target problems). */
  path: string;
  /** What is wrong, where, and how to fix it. */
  message: string;
}

export type RunAction = 'created' | 'updated' | 'unchanged';

/** One run that was read: where it came from, where it went, and how sure its meta is. */
export interface BackfillRunResult {
  source_path: string;
  layout: Layout;
  run_id: string;
  /** What happened to its facts folder (in a dry run: what would have happened). */
  action: RunAction;
  /** 'stored': meta came from an existing facts/meta.json; 'inferred': from the layout's files. */
  meta_from: 'stored' | 'inferred';
  meta_source: CanonicalMeta['meta_source'];
  meta_confidence: Confidence;
  meta_confidence_fields: Record<ConfidenceField, Confidence>;
  needs_review: boolean;
  needs_review_reason: ReviewReason[];
  /** Where the applied override came from, or null when none was applied. */
  override_from: 'source' | 'facts' | null;
}

export interface BackfillCounts {
  /** Candidate run folders found (any layout). */
  found: number;
  /** Runs whose files were read and inferred. */
  read: number;
  /** created + updated. */
  written: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Candidate run folders skipped because of an error. */
  failed: number;
  /** Candidate run folders left out on purpose (a deleted MLflow run), with a warning. */
  skipped: number;
}

export interface BackfillReport {
  runsDir: string;
  root: string;
  dryRun: boolean;
  applyOverrides: boolean;
  /** True when the signal aborted the run; the counts cover what was done before. */
  aborted: boolean;
  counts: BackfillCounts;
  byLayout: Partial<Record<Layout, number>>;
  byConfidence: Record<Confidence, number>;
  needsReview: number;
  needsReviewByReason: Partial<Record<ReviewReason, number>>;
  errorsByKind: Partial<Record<IssueKind, number>>;
  warningsByKind: Partial<Record<IssueKind, number>>;
  /** Folders recognised as not being runs (registry entries, logged models...), sorted by path. */
  notRuns: NotRun[];
  notRunsByKind: Partial<Record<NotRunKind, number>>;
  registry: RegistryImportCounts;
  /** Every issue, errors and warnings, sorted by path. */
  issues: BackfillIssue[];
  /** Every run read, sorted by source path. */
  runs: BackfillRunResult[];
}

export interface BackfillHooks {
  /** Aborting stops new work; runs in flight finish and the partial report is returned. */
  signal?: AbortSignal;
  /** Called after discovery with done = 0, then after each candidate folder is handled. */
  onProgress?(done: number, total: number): void;
  /** Called for each issue as it is found. */
  onIssue?(issue: BackfillIssue): void;
  /** Called as large artifact files are hashed, with the bytes hashed since the last call. */
  onBytesHashed?(bytes: number): void;
}

export interface BackfillOptions extends BackfillHooks {
  /** The folder to read; never written to. */
  runsDir: string;
  /** The facts root; facts go to `<root>/runs/<run_id>/facts/`. */
  root: string;
  applyOverrides?: boolean;
  dryRun?: boolean;
  /** Dataset map, size limit and meta vocabulary; defaults to DEFAULT_BACKFILL_CONFIG. */
  config?: BackfillConfig;
  /** Source folders read at once. Default 16. */
  concurrency?: number;
  /**
   * Worker threads reading, interpreting and staging folders while this thread resolves ids
   * and commits batches. Default: one per core for 500 folders or more, none below (a worker
   * costs ~0.3 s to start from source).
   */
  workers?: number;
  /**
   * New runs made durable and visible together, one file-system flush per batch. Default 1000:
   * larger batches pile up dirty pages and writers get throttled.
   */
  batchSize?: number;
}

/** What a layout's pure inference produces for one source folder. */
export interface Inference {
  /** The run record; `run_id` is the proposed id, changed only on a collision. */
  run: RunRecordInput;
  /** Declared meta (seed 000 input) with `meta_confidence_fields`; canonicalized later. */
  meta: Record<string, unknown>;
  meta_source: 'backfill';
  /** Metric history for metrics.jsonl (MLflow, stored metrics.jsonl); usually empty. */
  metrics: MetricPoint[];
  /** Things left out of the run, reported as warnings. */
  warnings: Array<{ kind: IssueKind; path: string; message: string }>;
}
