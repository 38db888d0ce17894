/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type ArtifactInput = {
  kind: string;
  path: string;
};

/** How the file on disk compares with the checksum frozen at registration. */
export type ArtifactStatus =
  /** The file changed since registration: downloads fail with 409. */
  | 'CHANGED'
  /** The file is the one that was registered. */
  | 'MATCHES'
  /** The file is gone (or cannot be served). */
  | 'MISSING';

export type Confidence =
  | 'high'
  | 'low'
  | 'medium';

/** What a grid axis groups by; PARAM groups by a param key given beside it (a sweep factor). */
export type CoverageDimension =
  | 'DATASET_NAME'
  | 'EXPERIMENT'
  | 'GOAL'
  | 'MODEL_FAMILY'
  | 'PARAM'
  | 'PROCESS_GROUPS_KEY'
  | 'ROW_KEY'
  | 'STATUS'
  | 'TOKENIZATION';

/** Seed-000 data treatment; a key left out is "unknown". */
export type DatatreatmentInput = {
  /** v1, v2 */
  featureSetVersion?: string | null | undefined;
  globalsIncluded?: boolean | null | undefined;
  /** Embedding size; null when there is no embedding. */
  idEmbedDim?: number | null | undefined;
  /** met_metphi, met_vec, none */
  metRep?: string | null | undefined;
  /** zscore, minmax, none */
  normalization?: string | null | undefined;
  /** embedded, onehot, raw, none */
  pidEncoding?: string | null | undefined;
  /** pt_sorted, shuffled, input_order */
  tokenOrder?: string | null | undefined;
  /** direct, binned, vq */
  tokenization?: string | null | undefined;
};

export type FinishRunInput = {
  /** e.g. the model path, kind "model". */
  artifacts?: Array<ArtifactInput> | null | undefined;
  /** Default: now. */
  endedAt?: string | null | undefined;
  /** Summary metrics, nesting allowed: {"auroc": 0.91, "edc": {"mae": 1.2}}. */
  metrics?: unknown;
  modelParameters?: ModelParametersInput | null | undefined;
  status?: FinishStatus | null | undefined;
};

export type FinishStatus =
  | 'FAILED'
  | 'FINISHED'
  | 'KILLED';

/** Seed-000 meta as training code declares it. process_groups may hold names or process ids. */
export type MetaInput = {
  datasetName?: string | null | undefined;
  datatreatment?: DatatreatmentInput | null | undefined;
  goal?: string | null | undefined;
  level?: string | null | undefined;
  modelFamily?: string | null | undefined;
  /** A list of classes, each a list of names or ids. */
  processGroups?: unknown;
  schemaVersion?: number | null | undefined;
  /** Index of the signal class (signal vs background): it keeps its place. */
  signalClass?: number | null | undefined;
};

/** Seed 000 manual override: the fields given win over the declared or inferred ones. */
export type MetaOverrideInput = {
  author?: string | null | undefined;
  datasetName?: string | null | undefined;
  /** Merged key by key. */
  datatreatment?: DatatreatmentInput | null | undefined;
  goal?: string | null | undefined;
  level?: string | null | undefined;
  modelFamily?: string | null | undefined;
  processGroups?: unknown;
  /** Why the override is right (kept as provenance). */
  reason: string;
  signalClass?: number | null | undefined;
};

/** How the meta was made: declared by training code, inferred by backfill, or overridden by hand. */
export type MetaSource =
  | 'backfill'
  | 'live'
  | 'override';

export type MetricCondition = {
  key: string;
  op: MetricOp;
  value: number;
};

/** Which way is better: HIGHER for AUROC or accuracy, LOWER for losses or MAE. */
export type MetricDirection =
  | 'HIGHER'
  | 'LOWER';

export type MetricOp =
  | 'EQ'
  | 'GT'
  | 'GTE'
  | 'LT'
  | 'LTE'
  | 'NEQ';

export type MetricPointInput = {
  key: string;
  /** Default 0. */
  step?: number | null | undefined;
  /** Default: when the server receives it. */
  timestamp?: string | null | undefined;
  value: number;
};

export type ModelParametersInput = {
  total: number;
  trainable: number;
};

export type OrderDirection =
  | 'ASC'
  | 'DESC';

export type ParamInput = {
  key: string;
  value: string;
};

export type RegisterRunInput = {
  architectureCode?: string | null | undefined;
  /** Retries with the same id return the first run instead of creating another; the same id with a different body is an IdempotencyConflictError. */
  clientRequestId?: string | null | undefined;
  /** The nested config; its leaves become params. */
  config?: unknown;
  experiment: string;
  /** Seed-000 meta as training code declares it; set goal explicitly. */
  meta: MetaInput;
  /** Becomes the slug of the run id (seed 001). */
  name: string;
  /** Default: now. Sets the run id timestamp (UTC). */
  startedAt?: string | null | undefined;
  tags?: Array<TagInput> | null | undefined;
};

export type RunEventFilter = {
  /** Only runs of these experiments. */
  experiment?: Array<string> | null | undefined;
  /** Only these kinds of event. */
  kinds?: Array<RunEventKind> | null | undefined;
  /** Only these runs. */
  runIds?: Array<string | number> | null | undefined;
};

export type RunEventKind =
  | 'ARTIFACTS_CHANGED'
  | 'FINISHED'
  | 'META_CHANGED'
  | 'METRICS_LOGGED'
  | 'PARAMS_LOGGED'
  | 'REGISTERED'
  | 'TAGS_CHANGED';

/** Typed run filter for dashboards; every condition given must hold. */
export type RunFilter = {
  /** ISO date or date-time; inclusive, on the start time. */
  createdAfter?: string | null | undefined;
  /** ISO date or date-time; exclusive, on the start time. */
  createdBefore?: string | null | undefined;
  /** Canonical dataset name (any of the values given) */
  datasetName?: Array<string> | null | undefined;
  /** Experiment name (any of the values given) */
  experiment?: Array<string> | null | undefined;
  /** Goal (any of the values given) */
  goal?: Array<string> | null | undefined;
  /** meta_hash (any of the values given) */
  metaHash?: Array<string> | null | undefined;
  metrics?: Array<MetricCondition> | null | undefined;
  /** Model family (any of the values given) */
  modelFamily?: Array<string> | null | undefined;
  needsReview?: boolean | null | undefined;
  params?: Array<TextCondition> | null | undefined;
  /** Process groups key, e.g. 4t|ttH+ttW+ttWW+ttZ (any of the values given) */
  processGroupsKey?: Array<string> | null | undefined;
  /** Coverage row key, e.g. 4topsplitted::4t|ttH (any of the values given) */
  rowKey?: Array<string> | null | undefined;
  /** Run status (any of the values given) */
  status?: Array<string> | null | undefined;
  tags?: Array<TextCondition> | null | undefined;
  /** Datatreatment tokenization (any of the values given) */
  tokenization?: Array<string> | null | undefined;
};

export type RunOrder = {
  direction?: OrderDirection | null | undefined;
  /** A field as in where strings: metrics.auroc, params.lr, meta.row_key, attributes.started_at. */
  field: string;
};

export type RunStatus =
  | 'FAILED'
  | 'FINISHED'
  | 'KILLED'
  | 'RUNNING';

export type SweepFactorInput = {
  /** e.g. params.model.pooling or meta.datatreatment.tokenization */
  field: string;
  /** The design's levels; default: the values the runs show. */
  levels?: Array<string> | null | undefined;
};

export type TagInput = {
  key: string;
  value: string;
};

/** A param or tag condition. LIKE uses SQL % and _ wildcards; IN takes values. */
export type TextCondition = {
  key: string;
  op: TextOp;
  value?: string | null | undefined;
  values?: Array<string> | null | undefined;
};

export type TextOp =
  | 'EQ'
  | 'IN'
  | 'LIKE'
  | 'NEQ';

export type RunArtifactsQueryVariables = Exact<{
  id: string | number;
}>;


export type RunArtifactsQuery = { run: { id: string, artifacts: Array<{ path: string, kind: string, size: number | null, sha256: string | null, downloadUrl: string | null }> } | null };

export type ModelArtifactsQueryVariables = Exact<{
  model: string;
  alias: string;
}>;


export type ModelArtifactsQuery = { modelVersionByAlias:
    | { __typename: 'AliasConflictError', message: string, field: string | null }
    | { __typename: 'ModelVersion', model: string, version: number, runId: string, artifacts: Array<{ path: string, kind: string, size: number, sha256: string, downloadUrl: string, currentSha256: string | null, status: ArtifactStatus }> }
    | { __typename: 'RegistryError', message: string, field: string | null }
   };

export type RunEventsSubscriptionVariables = Exact<{
  filter?: RunEventFilter | null | undefined;
}>;


export type RunEventsSubscription = { runEvents: { kind: RunEventKind, runId: string, experiment: string, at: string, count: number | null, seq: string } };

export type MetaFieldsFragment = { schemaVersion: number, level: string | null, goal: string | null, datasetName: string | null, modelFamily: string | null, processGroups: Array<Array<string>> | null, signalClass: number | null, metaHash: string, metaSource: MetaSource, confidence: Confidence, needsReview: boolean, needsReviewReasons: Array<string>, nClasses: number | null, processesAll: Array<string> | null, classDefStr: string | null, processGroupsKey: string | null, rowKey: string | null, datatreatment: { tokenOrder: string, tokenization: string, pidEncoding: string, idEmbedDim: string | null, metRep: string, globalsIncluded: string, featureSetVersion: string, normalization: string }, fieldConfidence: { level: Confidence, goal: Confidence, datasetName: Confidence, modelFamily: Confidence, processGroups: Confidence, datatreatment: Confidence } };

export type RunFieldsFragment = { id: string, experiment: string, name: string, architectureCode: string | null, timestamp: string, status: RunStatus, startedAt: string, endedAt: string | null, durationSeconds: number | null, meta: { schemaVersion: number, level: string | null, goal: string | null, datasetName: string | null, modelFamily: string | null, processGroups: Array<Array<string>> | null, signalClass: number | null, metaHash: string, metaSource: MetaSource, confidence: Confidence, needsReview: boolean, needsReviewReasons: Array<string>, nClasses: number | null, processesAll: Array<string> | null, classDefStr: string | null, processGroupsKey: string | null, rowKey: string | null, datatreatment: { tokenOrder: string, tokenization: string, pidEncoding: string, idEmbedDim: string | null, metRep: string, globalsIncluded: string, featureSetVersion: string, normalization: string }, fieldConfidence: { level: Confidence, goal: Confidence, datasetName: Confidence, modelFamily: Confidence, processGroups: Confidence, datatreatment: Confidence } }, params: Array<{ key: string, value: string }>, metrics: Array<{ key: string, value: number }>, tags: Array<{ key: string, value: string }>, artifacts: Array<{ path: string, kind: string }> };

export type ModelVersionFieldsFragment = { model: string, version: number, source: string, description: string, createdAt: string, createdBy: string, aliases: Array<string>, runId: string, metaHash: string, metaChanged: boolean };

export type RegisteredModelFieldsFragment = { name: string, description: string, tags: unknown, createdAt: string, createdBy: string, archived: boolean, protectedAliases: Array<string>, versions: Array<{ model: string, version: number, source: string, description: string, createdAt: string, createdBy: string, aliases: Array<string>, runId: string, metaHash: string, metaChanged: boolean }>, aliases: Array<{ alias: string, version: number, protected: boolean }>, history: Array<{ at: string, by: string, alias: string, fromVersion: number | null, toVersion: number | null, reason: string | null }> };

export type RegisteredModelsQueryVariables = Exact<{
  includeArchived?: boolean | null | undefined;
}>;


export type RegisteredModelsQuery = { registeredModels: Array<{ name: string, description: string, archived: boolean, latestVersion: { version: number } | null, aliases: Array<{ alias: string, version: number }> }> };

export type RegisteredModelQueryVariables = Exact<{
  name: string;
}>;


export type RegisteredModelQuery = { registeredModel: { name: string, description: string, tags: unknown, createdAt: string, createdBy: string, archived: boolean, protectedAliases: Array<string>, versions: Array<{ model: string, version: number, source: string, description: string, createdAt: string, createdBy: string, aliases: Array<string>, runId: string, metaHash: string, metaChanged: boolean }>, aliases: Array<{ alias: string, version: number, protected: boolean }>, history: Array<{ at: string, by: string, alias: string, fromVersion: number | null, toVersion: number | null, reason: string | null }> } | null };

export type ModelVersionByAliasQueryVariables = Exact<{
  model: string;
  alias: string;
}>;


export type ModelVersionByAliasQuery = { modelVersionByAlias:
    | { __typename: 'AliasConflictError', message: string, field: string | null }
    | { __typename: 'ModelVersion', config: unknown, model: string, version: number, source: string, description: string, createdAt: string, createdBy: string, aliases: Array<string>, runId: string, metaHash: string, metaChanged: boolean, meta: { schemaVersion: number, level: string | null, goal: string | null, datasetName: string | null, modelFamily: string | null, processGroups: Array<Array<string>> | null, signalClass: number | null, metaHash: string, metaSource: MetaSource, confidence: Confidence, needsReview: boolean, needsReviewReasons: Array<string>, nClasses: number | null, processesAll: Array<string> | null, classDefStr: string | null, processGroupsKey: string | null, rowKey: string | null, datatreatment: { tokenOrder: string, tokenization: string, pidEncoding: string, idEmbedDim: string | null, metRep: string, globalsIncluded: string, featureSetVersion: string, normalization: string }, fieldConfidence: { level: Confidence, goal: Confidence, datasetName: Confidence, modelFamily: Confidence, processGroups: Confidence, datatreatment: Confidence } } | null, run: { config: unknown, id: string, experiment: string, name: string, architectureCode: string | null, timestamp: string, status: RunStatus, startedAt: string, endedAt: string | null, durationSeconds: number | null, meta: { schemaVersion: number, level: string | null, goal: string | null, datasetName: string | null, modelFamily: string | null, processGroups: Array<Array<string>> | null, signalClass: number | null, metaHash: string, metaSource: MetaSource, confidence: Confidence, needsReview: boolean, needsReviewReasons: Array<string>, nClasses: number | null, processesAll: Array<string> | null, classDefStr: string | null, processGroupsKey: string | null, rowKey: string | null, datatreatment: { tokenOrder: string, tokenization: string, pidEncoding: string, idEmbedDim: string | null, metRep: string, globalsIncluded: string, featureSetVersion: string, normalization: string }, fieldConfidence: { level: Confidence, goal: Confidence, datasetName: Confidence, modelFamily: Confidence, processGroups: Confidence, datatreatment: Confidence } }, params: Array<{ key: string, value: string }>, metrics: Array<{ key: string, value: number }>, tags: Array<{ key: string, value: string }>, artifacts: Array<{ path: string, kind: string }> } | null }
    | { __typename: 'RegistryError', code: string, message: string, field: string | null }
   };

export type CreateRegisteredModelMutationVariables = Exact<{
  name: string;
  description?: string | null | undefined;
  tags?: unknown;
}>;


export type CreateRegisteredModelMutation = { createRegisteredModel:
    | { __typename: 'AliasConflictError', message: string, field: string | null }
    | { __typename: 'RegisteredModelPayload', model: { name: string } }
    | { __typename: 'RegistryError', code: string, message: string, field: string | null }
   };

export type CreateModelVersionMutationVariables = Exact<{
  model: string;
  runId: string | number;
  source: string;
  description?: string | null | undefined;
}>;


export type CreateModelVersionMutation = { createModelVersion:
    | { __typename: 'AliasConflictError', message: string, field: string | null }
    | { __typename: 'ModelVersionPayload', version: { model: string, version: number, source: string, description: string, createdAt: string, createdBy: string, aliases: Array<string>, runId: string, metaHash: string, metaChanged: boolean } }
    | { __typename: 'RegistryError', code: string, message: string, field: string | null }
   };

export type SetModelAliasMutationVariables = Exact<{
  model: string;
  alias: string;
  version: number;
  expectedVersion?: number | null | undefined;
  reason?: string | null | undefined;
}>;


export type SetModelAliasMutation = { setModelAlias:
    | { __typename: 'AliasChangePayload', change: { at: string, by: string, alias: string, fromVersion: number | null, toVersion: number | null, reason: string | null } | null }
    | { __typename: 'AliasConflictError', currentVersion: number | null, expectedVersion: number | null, message: string, field: string | null }
    | { __typename: 'RegistryError', code: string, message: string, field: string | null }
   };

export type DeleteModelAliasMutationVariables = Exact<{
  model: string;
  alias: string;
  expectedVersion?: number | null | undefined;
  reason?: string | null | undefined;
}>;


export type DeleteModelAliasMutation = { deleteModelAlias:
    | { __typename: 'AliasChangePayload', change: { alias: string, fromVersion: number | null, toVersion: number | null } | null }
    | { __typename: 'AliasConflictError', currentVersion: number | null, expectedVersion: number | null, message: string, field: string | null }
    | { __typename: 'RegistryError', code: string, message: string, field: string | null }
   };

export type PromoteMutationVariables = Exact<{
  model: string;
  version: number;
  to?: string | null | undefined;
  reason: string;
  expectedVersion?: number | null | undefined;
}>;


export type PromoteMutation = { promote:
    | { __typename: 'AliasChangePayload', change: { at: string, by: string, alias: string, fromVersion: number | null, toVersion: number | null, reason: string | null } | null }
    | { __typename: 'AliasConflictError', currentVersion: number | null, expectedVersion: number | null, message: string, field: string | null }
    | { __typename: 'RegistryError', code: string, message: string, field: string | null }
   };

export type ArchiveRegisteredModelMutationVariables = Exact<{
  name: string;
}>;


export type ArchiveRegisteredModelMutation = { archiveRegisteredModel:
    | { __typename: 'AliasConflictError', message: string, field: string | null }
    | { __typename: 'RegisteredModelPayload' }
    | { __typename: 'RegistryError', code: string, message: string, field: string | null }
   };

export type RunQueryVariables = Exact<{
  id: string | number;
}>;


export type RunQuery = { run: { config: unknown, sourcePath: string | null, historyKeys: Array<string>, id: string, experiment: string, name: string, architectureCode: string | null, timestamp: string, status: RunStatus, startedAt: string, endedAt: string | null, durationSeconds: number | null, meta: { schemaVersion: number, level: string | null, goal: string | null, datasetName: string | null, modelFamily: string | null, processGroups: Array<Array<string>> | null, signalClass: number | null, metaHash: string, metaSource: MetaSource, confidence: Confidence, needsReview: boolean, needsReviewReasons: Array<string>, nClasses: number | null, processesAll: Array<string> | null, classDefStr: string | null, processGroupsKey: string | null, rowKey: string | null, datatreatment: { tokenOrder: string, tokenization: string, pidEncoding: string, idEmbedDim: string | null, metRep: string, globalsIncluded: string, featureSetVersion: string, normalization: string }, fieldConfidence: { level: Confidence, goal: Confidence, datasetName: Confidence, modelFamily: Confidence, processGroups: Confidence, datatreatment: Confidence } }, params: Array<{ key: string, value: string }>, metrics: Array<{ key: string, value: number }>, tags: Array<{ key: string, value: string }>, artifacts: Array<{ path: string, kind: string }> } | null };

export type RunsQueryVariables = Exact<{
  filter?: RunFilter | null | undefined;
  where?: string | null | undefined;
  orderBy?: Array<RunOrder> | RunOrder | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  minSeq?: string | null | undefined;
}>;


export type RunsQuery = { runs: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, experiment: string, name: string, architectureCode: string | null, timestamp: string, status: RunStatus, startedAt: string, endedAt: string | null, durationSeconds: number | null, meta: { schemaVersion: number, level: string | null, goal: string | null, datasetName: string | null, modelFamily: string | null, processGroups: Array<Array<string>> | null, signalClass: number | null, metaHash: string, metaSource: MetaSource, confidence: Confidence, needsReview: boolean, needsReviewReasons: Array<string>, nClasses: number | null, processesAll: Array<string> | null, classDefStr: string | null, processGroupsKey: string | null, rowKey: string | null, datatreatment: { tokenOrder: string, tokenization: string, pidEncoding: string, idEmbedDim: string | null, metRep: string, globalsIncluded: string, featureSetVersion: string, normalization: string }, fieldConfidence: { level: Confidence, goal: Confidence, datasetName: Confidence, modelFamily: Confidence, processGroups: Confidence, datatreatment: Confidence } }, params: Array<{ key: string, value: string }>, metrics: Array<{ key: string, value: number }>, tags: Array<{ key: string, value: string }>, artifacts: Array<{ path: string, kind: string }> } }> } };

export type MetricHistoryQueryVariables = Exact<{
  id: string | number;
  key: string;
  minStep?: number | null | undefined;
  maxStep?: number | null | undefined;
  maxPoints?: number | null | undefined;
}>;


export type MetricHistoryQuery = { run: { id: string, history: Array<{ step: number, value: number, timestamp: string }> } | null };

export type ExperimentsQueryVariables = Exact<{
  minSeq?: string | null | undefined;
}>;


export type ExperimentsQuery = { experiments: Array<{ name: string, runCount: number, needsReviewCount: number, firstStartedAt: string, lastStartedAt: string }> };

export type CompareQueryVariables = Exact<{
  runIds: Array<string | number> | string | number;
  minSeq?: string | null | undefined;
}>;


export type CompareQuery = { compare: { runs: Array<{ id: string }>, params: Array<{ key: string, values: Array<string | null>, differs: boolean }>, metrics: Array<{ key: string, values: Array<number | null>, differs: boolean }> } };

export type CoverageQueryVariables = Exact<{
  rows?: CoverageDimension | null | undefined;
  rowsParam?: string | null | undefined;
  columns?: CoverageDimension | null | undefined;
  columnsParam?: string | null | undefined;
  metric: string;
  direction?: MetricDirection | null | undefined;
  includeNeedsReview?: boolean | null | undefined;
  filter?: RunFilter | null | undefined;
  minSeq?: string | null | undefined;
}>;


export type CoverageQuery = { coverage: { metric: string, direction: MetricDirection, rows: Array<string | null>, columns: Array<string | null>, cells: Array<{ row: string | null, column: string | null, best: number, median: number, nRuns: number, bestRun: { id: string } | null }> } };

export type SweepQueryVariables = Exact<{
  factors: Array<SweepFactorInput> | SweepFactorInput;
  metric?: string | null | undefined;
  direction?: MetricDirection | null | undefined;
  filter?: RunFilter | null | undefined;
  minSeq?: string | null | undefined;
}>;


export type SweepQuery = { sweep: { totalCells: number, coveredCells: number, runsOutsideDesign: number, factors: Array<{ field: string, levels: Array<string> }>, cells: Array<{ levels: Array<string>, nRuns: number, best: number | null, bestRun: { id: string } | null }>, missing: Array<{ levels: Array<string> }> } };

export type CanonicalizeQueryVariables = Exact<{
  input: MetaInput;
}>;


export type CanonicalizeQuery = { canonicalize: { schemaVersion: number, level: string | null, goal: string | null, datasetName: string | null, modelFamily: string | null, processGroups: Array<Array<string>> | null, signalClass: number | null, metaHash: string, metaSource: MetaSource, confidence: Confidence, needsReview: boolean, needsReviewReasons: Array<string>, nClasses: number | null, processesAll: Array<string> | null, classDefStr: string | null, processGroupsKey: string | null, rowKey: string | null, datatreatment: { tokenOrder: string, tokenization: string, pidEncoding: string, idEmbedDim: string | null, metRep: string, globalsIncluded: string, featureSetVersion: string, normalization: string }, fieldConfidence: { level: Confidence, goal: Confidence, datasetName: Confidence, modelFamily: Confidence, processGroups: Confidence, datatreatment: Confidence } } };

export type IndexStatusQueryVariables = Exact<{ [key: string]: never; }>;


export type IndexStatusQuery = { indexStatus: { ready: boolean, phase: string, done: number, total: number, pendingWrites: number, rebuiltBecause: string | null, watching: boolean, watchProblem: string | null, lastRescanAt: string | null, lastRefreshAt: string | null, lastBuildMs: number | null, runsIndexed: number, errorCount: number, errors: Array<{ path: string, runId: string | null, kind: string, message: string }> } };

export type MirrorStatusQueryVariables = Exact<{ [key: string]: never; }>;


export type MirrorStatusQuery = { mirrorStatus: { enabled: boolean, trackingUri: string | null, pending: number, lastSyncAt: string | null, lastError: string | null, failed: Array<{ runId: string, reason: string, attempts: number, at: string }> } };

export type RegisterRunMutationVariables = Exact<{
  input: RegisterRunInput;
}>;


export type RegisterRunMutation = { registerRun:
    | { __typename: 'IdempotencyConflictError', message: string, field: string | null }
    | { __typename: 'InvalidInputError', message: string, field: string | null }
    | { __typename: 'RegisterRunPayload', runId: string, seq: string, timestamp: string, created: boolean, config: unknown, meta: { schemaVersion: number, level: string | null, goal: string | null, datasetName: string | null, modelFamily: string | null, processGroups: Array<Array<string>> | null, signalClass: number | null, metaHash: string, metaSource: MetaSource, confidence: Confidence, needsReview: boolean, needsReviewReasons: Array<string>, nClasses: number | null, processesAll: Array<string> | null, classDefStr: string | null, processGroupsKey: string | null, rowKey: string | null, datatreatment: { tokenOrder: string, tokenization: string, pidEncoding: string, idEmbedDim: string | null, metRep: string, globalsIncluded: string, featureSetVersion: string, normalization: string }, fieldConfidence: { level: Confidence, goal: Confidence, datasetName: Confidence, modelFamily: Confidence, processGroups: Confidence, datatreatment: Confidence } } }
   };

export type LogMetricsMutationVariables = Exact<{
  runId: string | number;
  metrics: Array<MetricPointInput> | MetricPointInput;
  batchId?: string | null | undefined;
}>;


export type LogMetricsMutation = { logMetrics:
    | { __typename: 'InvalidInputError', message: string, field: string | null }
    | { __typename: 'LogMetricsPayload', runId: string, count: number, applied: boolean, seq: string }
    | { __typename: 'RunNotFoundError', message: string, field: string | null }
   };

export type LogParamsMutationVariables = Exact<{
  runId: string | number;
  params: Array<ParamInput> | ParamInput;
}>;


export type LogParamsMutation = { logParams:
    | { __typename: 'InvalidInputError', message: string, field: string | null }
    | { __typename: 'RunFrozenError', status: string, message: string, field: string | null }
    | { __typename: 'RunNotFoundError', message: string, field: string | null }
    | { __typename: 'RunPayload', runId: string, seq: string }
   };

export type SetTagsMutationVariables = Exact<{
  runId: string | number;
  tags: Array<TagInput> | TagInput;
}>;


export type SetTagsMutation = { setTags:
    | { __typename: 'InvalidInputError', message: string, field: string | null }
    | { __typename: 'RunNotFoundError', message: string, field: string | null }
    | { __typename: 'RunPayload', runId: string, seq: string }
   };

export type DeleteTagsMutationVariables = Exact<{
  runId: string | number;
  keys: Array<string> | string;
}>;


export type DeleteTagsMutation = { deleteTags:
    | { __typename: 'InvalidInputError', message: string, field: string | null }
    | { __typename: 'RunNotFoundError', message: string, field: string | null }
    | { __typename: 'RunPayload', runId: string, seq: string }
   };

export type FinishRunMutationVariables = Exact<{
  runId: string | number;
  input: FinishRunInput;
}>;


export type FinishRunMutation = { finishRun:
    | { __typename: 'InvalidInputError', message: string, field: string | null }
    | { __typename: 'RunFrozenError', status: string, message: string, field: string | null }
    | { __typename: 'RunNotFoundError', message: string, field: string | null }
    | { __typename: 'RunPayload', runId: string, seq: string }
   };

export type SetMetaOverrideMutationVariables = Exact<{
  runId: string | number;
  override: MetaOverrideInput;
}>;


export type SetMetaOverrideMutation = { setMetaOverride:
    | { __typename: 'InvalidInputError', message: string, field: string | null }
    | { __typename: 'MetaOverridePayload', runId: string, seq: string, meta: { schemaVersion: number, level: string | null, goal: string | null, datasetName: string | null, modelFamily: string | null, processGroups: Array<Array<string>> | null, signalClass: number | null, metaHash: string, metaSource: MetaSource, confidence: Confidence, needsReview: boolean, needsReviewReasons: Array<string>, nClasses: number | null, processesAll: Array<string> | null, classDefStr: string | null, processGroupsKey: string | null, rowKey: string | null, datatreatment: { tokenOrder: string, tokenization: string, pidEncoding: string, idEmbedDim: string | null, metRep: string, globalsIncluded: string, featureSetVersion: string, normalization: string }, fieldConfidence: { level: Confidence, goal: Confidence, datasetName: Confidence, modelFamily: Confidence, processGroups: Confidence, datatreatment: Confidence } } | null }
    | { __typename: 'RunNotFoundError', message: string, field: string | null }
   };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const MetaFieldsFragmentDoc = new TypedDocumentString(`
    fragment MetaFields on CanonicalMeta {
  schemaVersion
  level
  goal
  datasetName
  modelFamily
  processGroups
  signalClass
  datatreatment {
    tokenOrder
    tokenization
    pidEncoding
    idEmbedDim
    metRep
    globalsIncluded
    featureSetVersion
    normalization
  }
  metaHash
  metaSource
  confidence
  fieldConfidence {
    level
    goal
    datasetName
    modelFamily
    processGroups
    datatreatment
  }
  needsReview
  needsReviewReasons
  nClasses
  processesAll
  classDefStr
  processGroupsKey
  rowKey
}
    `, {"fragmentName":"MetaFields"}) as unknown as TypedDocumentString<MetaFieldsFragment, unknown>;
export const RunFieldsFragmentDoc = new TypedDocumentString(`
    fragment RunFields on Run {
  id
  experiment
  name
  architectureCode
  timestamp
  status
  startedAt
  endedAt
  durationSeconds
  meta {
    ...MetaFields
  }
  params {
    key
    value
  }
  metrics {
    key
    value
  }
  tags {
    key
    value
  }
  artifacts {
    path
    kind
  }
}
    fragment MetaFields on CanonicalMeta {
  schemaVersion
  level
  goal
  datasetName
  modelFamily
  processGroups
  signalClass
  datatreatment {
    tokenOrder
    tokenization
    pidEncoding
    idEmbedDim
    metRep
    globalsIncluded
    featureSetVersion
    normalization
  }
  metaHash
  metaSource
  confidence
  fieldConfidence {
    level
    goal
    datasetName
    modelFamily
    processGroups
    datatreatment
  }
  needsReview
  needsReviewReasons
  nClasses
  processesAll
  classDefStr
  processGroupsKey
  rowKey
}`, {"fragmentName":"RunFields"}) as unknown as TypedDocumentString<RunFieldsFragment, unknown>;
export const ModelVersionFieldsFragmentDoc = new TypedDocumentString(`
    fragment ModelVersionFields on ModelVersion {
  model
  version
  source
  description
  createdAt
  createdBy
  aliases
  runId
  metaHash
  metaChanged
}
    `, {"fragmentName":"ModelVersionFields"}) as unknown as TypedDocumentString<ModelVersionFieldsFragment, unknown>;
export const RegisteredModelFieldsFragmentDoc = new TypedDocumentString(`
    fragment RegisteredModelFields on RegisteredModel {
  name
  description
  tags
  createdAt
  createdBy
  archived
  protectedAliases
  versions {
    ...ModelVersionFields
  }
  aliases {
    alias
    version
    protected
  }
  history {
    at
    by
    alias
    fromVersion
    toVersion
    reason
  }
}
    fragment ModelVersionFields on ModelVersion {
  model
  version
  source
  description
  createdAt
  createdBy
  aliases
  runId
  metaHash
  metaChanged
}`, {"fragmentName":"RegisteredModelFields"}) as unknown as TypedDocumentString<RegisteredModelFieldsFragment, unknown>;
export const RunArtifactsDocument = new TypedDocumentString(`
    query RunArtifacts($id: ID!) {
  run(id: $id) {
    id
    artifacts {
      path
      kind
      size
      sha256
      downloadUrl
    }
  }
}
    `) as unknown as TypedDocumentString<RunArtifactsQuery, RunArtifactsQueryVariables>;
export const ModelArtifactsDocument = new TypedDocumentString(`
    query ModelArtifacts($model: String!, $alias: String!) {
  modelVersionByAlias(model: $model, alias: $alias) {
    __typename
    ... on ModelVersion {
      model
      version
      runId
      artifacts {
        path
        kind
        size
        sha256
        downloadUrl
        currentSha256
        status
      }
    }
    ... on Error {
      message
      field
    }
  }
}
    `) as unknown as TypedDocumentString<ModelArtifactsQuery, ModelArtifactsQueryVariables>;
export const RunEventsDocument = new TypedDocumentString(`
    subscription RunEvents($filter: RunEventFilter) {
  runEvents(filter: $filter) {
    kind
    runId
    experiment
    at
    count
    seq
  }
}
    `) as unknown as TypedDocumentString<RunEventsSubscription, RunEventsSubscriptionVariables>;
export const RegisteredModelsDocument = new TypedDocumentString(`
    query RegisteredModels($includeArchived: Boolean) {
  registeredModels(includeArchived: $includeArchived) {
    name
    description
    archived
    latestVersion {
      version
    }
    aliases {
      alias
      version
    }
  }
}
    `) as unknown as TypedDocumentString<RegisteredModelsQuery, RegisteredModelsQueryVariables>;
export const RegisteredModelDocument = new TypedDocumentString(`
    query RegisteredModel($name: String!) {
  registeredModel(name: $name) {
    ...RegisteredModelFields
  }
}
    fragment ModelVersionFields on ModelVersion {
  model
  version
  source
  description
  createdAt
  createdBy
  aliases
  runId
  metaHash
  metaChanged
}
fragment RegisteredModelFields on RegisteredModel {
  name
  description
  tags
  createdAt
  createdBy
  archived
  protectedAliases
  versions {
    ...ModelVersionFields
  }
  aliases {
    alias
    version
    protected
  }
  history {
    at
    by
    alias
    fromVersion
    toVersion
    reason
  }
}`) as unknown as TypedDocumentString<RegisteredModelQuery, RegisteredModelQueryVariables>;
export const ModelVersionByAliasDocument = new TypedDocumentString(`
    query ModelVersionByAlias($model: String!, $alias: String!) {
  modelVersionByAlias(model: $model, alias: $alias) {
    __typename
    ... on ModelVersion {
      ...ModelVersionFields
      config
      meta {
        ...MetaFields
      }
      run {
        ...RunFields
        config
      }
    }
    ... on RegistryError {
      code
    }
    ... on Error {
      message
      field
    }
  }
}
    fragment MetaFields on CanonicalMeta {
  schemaVersion
  level
  goal
  datasetName
  modelFamily
  processGroups
  signalClass
  datatreatment {
    tokenOrder
    tokenization
    pidEncoding
    idEmbedDim
    metRep
    globalsIncluded
    featureSetVersion
    normalization
  }
  metaHash
  metaSource
  confidence
  fieldConfidence {
    level
    goal
    datasetName
    modelFamily
    processGroups
    datatreatment
  }
  needsReview
  needsReviewReasons
  nClasses
  processesAll
  classDefStr
  processGroupsKey
  rowKey
}
fragment RunFields on Run {
  id
  experiment
  name
  architectureCode
  timestamp
  status
  startedAt
  endedAt
  durationSeconds
  meta {
    ...MetaFields
  }
  params {
    key
    value
  }
  metrics {
    key
    value
  }
  tags {
    key
    value
  }
  artifacts {
    path
    kind
  }
}
fragment ModelVersionFields on ModelVersion {
  model
  version
  source
  description
  createdAt
  createdBy
  aliases
  runId
  metaHash
  metaChanged
}`) as unknown as TypedDocumentString<ModelVersionByAliasQuery, ModelVersionByAliasQueryVariables>;
export const CreateRegisteredModelDocument = new TypedDocumentString(`
    mutation CreateRegisteredModel($name: String!, $description: String, $tags: JSON) {
  createRegisteredModel(name: $name, description: $description, tags: $tags) {
    __typename
    ... on RegisteredModelPayload {
      model {
        name
      }
    }
    ... on RegistryError {
      code
    }
    ... on Error {
      message
      field
    }
  }
}
    `) as unknown as TypedDocumentString<CreateRegisteredModelMutation, CreateRegisteredModelMutationVariables>;
export const CreateModelVersionDocument = new TypedDocumentString(`
    mutation CreateModelVersion($model: String!, $runId: ID!, $source: String!, $description: String) {
  createModelVersion(
    model: $model
    runId: $runId
    source: $source
    description: $description
  ) {
    __typename
    ... on ModelVersionPayload {
      version {
        ...ModelVersionFields
      }
    }
    ... on RegistryError {
      code
    }
    ... on Error {
      message
      field
    }
  }
}
    fragment ModelVersionFields on ModelVersion {
  model
  version
  source
  description
  createdAt
  createdBy
  aliases
  runId
  metaHash
  metaChanged
}`) as unknown as TypedDocumentString<CreateModelVersionMutation, CreateModelVersionMutationVariables>;
export const SetModelAliasDocument = new TypedDocumentString(`
    mutation SetModelAlias($model: String!, $alias: String!, $version: Int!, $expectedVersion: Int, $reason: String) {
  setModelAlias(
    model: $model
    alias: $alias
    version: $version
    expectedVersion: $expectedVersion
    reason: $reason
  ) {
    __typename
    ... on AliasChangePayload {
      change {
        at
        by
        alias
        fromVersion
        toVersion
        reason
      }
    }
    ... on AliasConflictError {
      currentVersion
      expectedVersion
    }
    ... on RegistryError {
      code
    }
    ... on Error {
      message
      field
    }
  }
}
    `) as unknown as TypedDocumentString<SetModelAliasMutation, SetModelAliasMutationVariables>;
export const DeleteModelAliasDocument = new TypedDocumentString(`
    mutation DeleteModelAlias($model: String!, $alias: String!, $expectedVersion: Int, $reason: String) {
  deleteModelAlias(
    model: $model
    alias: $alias
    expectedVersion: $expectedVersion
    reason: $reason
  ) {
    __typename
    ... on AliasChangePayload {
      change {
        alias
        fromVersion
        toVersion
      }
    }
    ... on AliasConflictError {
      currentVersion
      expectedVersion
    }
    ... on RegistryError {
      code
    }
    ... on Error {
      message
      field
    }
  }
}
    `) as unknown as TypedDocumentString<DeleteModelAliasMutation, DeleteModelAliasMutationVariables>;
export const PromoteDocument = new TypedDocumentString(`
    mutation Promote($model: String!, $version: Int!, $to: String, $reason: String!, $expectedVersion: Int) {
  promote(
    model: $model
    version: $version
    to: $to
    reason: $reason
    expectedVersion: $expectedVersion
  ) {
    __typename
    ... on AliasChangePayload {
      change {
        at
        by
        alias
        fromVersion
        toVersion
        reason
      }
    }
    ... on AliasConflictError {
      currentVersion
      expectedVersion
    }
    ... on RegistryError {
      code
    }
    ... on Error {
      message
      field
    }
  }
}
    `) as unknown as TypedDocumentString<PromoteMutation, PromoteMutationVariables>;
export const ArchiveRegisteredModelDocument = new TypedDocumentString(`
    mutation ArchiveRegisteredModel($name: String!) {
  archiveRegisteredModel(name: $name) {
    __typename
    ... on RegistryError {
      code
    }
    ... on Error {
      message
      field
    }
  }
}
    `) as unknown as TypedDocumentString<ArchiveRegisteredModelMutation, ArchiveRegisteredModelMutationVariables>;
export const RunDocument = new TypedDocumentString(`
    query Run($id: ID!) {
  run(id: $id) {
    ...RunFields
    config
    sourcePath
    historyKeys
  }
}
    fragment MetaFields on CanonicalMeta {
  schemaVersion
  level
  goal
  datasetName
  modelFamily
  processGroups
  signalClass
  datatreatment {
    tokenOrder
    tokenization
    pidEncoding
    idEmbedDim
    metRep
    globalsIncluded
    featureSetVersion
    normalization
  }
  metaHash
  metaSource
  confidence
  fieldConfidence {
    level
    goal
    datasetName
    modelFamily
    processGroups
    datatreatment
  }
  needsReview
  needsReviewReasons
  nClasses
  processesAll
  classDefStr
  processGroupsKey
  rowKey
}
fragment RunFields on Run {
  id
  experiment
  name
  architectureCode
  timestamp
  status
  startedAt
  endedAt
  durationSeconds
  meta {
    ...MetaFields
  }
  params {
    key
    value
  }
  metrics {
    key
    value
  }
  tags {
    key
    value
  }
  artifacts {
    path
    kind
  }
}`) as unknown as TypedDocumentString<RunQuery, RunQueryVariables>;
export const RunsDocument = new TypedDocumentString(`
    query Runs($filter: RunFilter, $where: String, $orderBy: [RunOrder!], $first: Int, $after: String, $minSeq: String) {
  runs(
    filter: $filter
    where: $where
    orderBy: $orderBy
    first: $first
    after: $after
    minSeq: $minSeq
  ) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      cursor
      node {
        ...RunFields
      }
    }
  }
}
    fragment MetaFields on CanonicalMeta {
  schemaVersion
  level
  goal
  datasetName
  modelFamily
  processGroups
  signalClass
  datatreatment {
    tokenOrder
    tokenization
    pidEncoding
    idEmbedDim
    metRep
    globalsIncluded
    featureSetVersion
    normalization
  }
  metaHash
  metaSource
  confidence
  fieldConfidence {
    level
    goal
    datasetName
    modelFamily
    processGroups
    datatreatment
  }
  needsReview
  needsReviewReasons
  nClasses
  processesAll
  classDefStr
  processGroupsKey
  rowKey
}
fragment RunFields on Run {
  id
  experiment
  name
  architectureCode
  timestamp
  status
  startedAt
  endedAt
  durationSeconds
  meta {
    ...MetaFields
  }
  params {
    key
    value
  }
  metrics {
    key
    value
  }
  tags {
    key
    value
  }
  artifacts {
    path
    kind
  }
}`) as unknown as TypedDocumentString<RunsQuery, RunsQueryVariables>;
export const MetricHistoryDocument = new TypedDocumentString(`
    query MetricHistory($id: ID!, $key: String!, $minStep: Int, $maxStep: Int, $maxPoints: Int) {
  run(id: $id) {
    id
    history(key: $key, minStep: $minStep, maxStep: $maxStep, maxPoints: $maxPoints) {
      step
      value
      timestamp
    }
  }
}
    `) as unknown as TypedDocumentString<MetricHistoryQuery, MetricHistoryQueryVariables>;
export const ExperimentsDocument = new TypedDocumentString(`
    query Experiments($minSeq: String) {
  experiments(minSeq: $minSeq) {
    name
    runCount
    needsReviewCount
    firstStartedAt
    lastStartedAt
  }
}
    `) as unknown as TypedDocumentString<ExperimentsQuery, ExperimentsQueryVariables>;
export const CompareDocument = new TypedDocumentString(`
    query Compare($runIds: [ID!]!, $minSeq: String) {
  compare(runIds: $runIds, minSeq: $minSeq) {
    runs {
      id
    }
    params {
      key
      values
      differs
    }
    metrics {
      key
      values
      differs
    }
  }
}
    `) as unknown as TypedDocumentString<CompareQuery, CompareQueryVariables>;
export const CoverageDocument = new TypedDocumentString(`
    query Coverage($rows: CoverageDimension, $rowsParam: String, $columns: CoverageDimension, $columnsParam: String, $metric: String!, $direction: MetricDirection, $includeNeedsReview: Boolean, $filter: RunFilter, $minSeq: String) {
  coverage(
    rows: $rows
    rowsParam: $rowsParam
    columns: $columns
    columnsParam: $columnsParam
    metric: $metric
    direction: $direction
    includeNeedsReview: $includeNeedsReview
    filter: $filter
    minSeq: $minSeq
  ) {
    metric
    direction
    rows
    columns
    cells {
      row
      column
      best
      median
      nRuns
      bestRun {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CoverageQuery, CoverageQueryVariables>;
export const SweepDocument = new TypedDocumentString(`
    query Sweep($factors: [SweepFactorInput!]!, $metric: String, $direction: MetricDirection, $filter: RunFilter, $minSeq: String) {
  sweep(
    factors: $factors
    metric: $metric
    direction: $direction
    filter: $filter
    minSeq: $minSeq
  ) {
    factors {
      field
      levels
    }
    totalCells
    coveredCells
    runsOutsideDesign
    cells {
      levels
      nRuns
      best
      bestRun {
        id
      }
    }
    missing {
      levels
    }
  }
}
    `) as unknown as TypedDocumentString<SweepQuery, SweepQueryVariables>;
export const CanonicalizeDocument = new TypedDocumentString(`
    query Canonicalize($input: MetaInput!) {
  canonicalize(input: $input) {
    ...MetaFields
  }
}
    fragment MetaFields on CanonicalMeta {
  schemaVersion
  level
  goal
  datasetName
  modelFamily
  processGroups
  signalClass
  datatreatment {
    tokenOrder
    tokenization
    pidEncoding
    idEmbedDim
    metRep
    globalsIncluded
    featureSetVersion
    normalization
  }
  metaHash
  metaSource
  confidence
  fieldConfidence {
    level
    goal
    datasetName
    modelFamily
    processGroups
    datatreatment
  }
  needsReview
  needsReviewReasons
  nClasses
  processesAll
  classDefStr
  processGroupsKey
  rowKey
}`) as unknown as TypedDocumentString<CanonicalizeQuery, CanonicalizeQueryVariables>;
export const IndexStatusDocument = new TypedDocumentString(`
    query IndexStatus {
  indexStatus {
    ready
    phase
    done
    total
    pendingWrites
    rebuiltBecause
    watching
    watchProblem
    lastRescanAt
    lastRefreshAt
    lastBuildMs
    runsIndexed
    errorCount
    errors {
      path
      runId
      kind
      message
    }
  }
}
    `) as unknown as TypedDocumentString<IndexStatusQuery, IndexStatusQueryVariables>;
export const MirrorStatusDocument = new TypedDocumentString(`
    query MirrorStatus {
  mirrorStatus {
    enabled
    trackingUri
    pending
    failed {
      runId
      reason
      attempts
      at
    }
    lastSyncAt
    lastError
  }
}
    `) as unknown as TypedDocumentString<MirrorStatusQuery, MirrorStatusQueryVariables>;
export const RegisterRunDocument = new TypedDocumentString(`
    mutation RegisterRun($input: RegisterRunInput!) {
  registerRun(input: $input) {
    __typename
    ... on RegisterRunPayload {
      runId
      seq
      timestamp
      created
      config
      meta {
        ...MetaFields
      }
    }
    ... on Error {
      message
      field
    }
  }
}
    fragment MetaFields on CanonicalMeta {
  schemaVersion
  level
  goal
  datasetName
  modelFamily
  processGroups
  signalClass
  datatreatment {
    tokenOrder
    tokenization
    pidEncoding
    idEmbedDim
    metRep
    globalsIncluded
    featureSetVersion
    normalization
  }
  metaHash
  metaSource
  confidence
  fieldConfidence {
    level
    goal
    datasetName
    modelFamily
    processGroups
    datatreatment
  }
  needsReview
  needsReviewReasons
  nClasses
  processesAll
  classDefStr
  processGroupsKey
  rowKey
}`) as unknown as TypedDocumentString<RegisterRunMutation, RegisterRunMutationVariables>;
export const LogMetricsDocument = new TypedDocumentString(`
    mutation LogMetrics($runId: ID!, $metrics: [MetricPointInput!]!, $batchId: String) {
  logMetrics(runId: $runId, metrics: $metrics, batchId: $batchId) {
    __typename
    ... on LogMetricsPayload {
      runId
      count
      applied
      seq
    }
    ... on Error {
      message
      field
    }
  }
}
    `) as unknown as TypedDocumentString<LogMetricsMutation, LogMetricsMutationVariables>;
export const LogParamsDocument = new TypedDocumentString(`
    mutation LogParams($runId: ID!, $params: [ParamInput!]!) {
  logParams(runId: $runId, params: $params) {
    __typename
    ... on RunPayload {
      runId
      seq
    }
    ... on RunFrozenError {
      status
    }
    ... on Error {
      message
      field
    }
  }
}
    `) as unknown as TypedDocumentString<LogParamsMutation, LogParamsMutationVariables>;
export const SetTagsDocument = new TypedDocumentString(`
    mutation SetTags($runId: ID!, $tags: [TagInput!]!) {
  setTags(runId: $runId, tags: $tags) {
    __typename
    ... on RunPayload {
      runId
      seq
    }
    ... on Error {
      message
      field
    }
  }
}
    `) as unknown as TypedDocumentString<SetTagsMutation, SetTagsMutationVariables>;
export const DeleteTagsDocument = new TypedDocumentString(`
    mutation DeleteTags($runId: ID!, $keys: [String!]!) {
  deleteTags(runId: $runId, keys: $keys) {
    __typename
    ... on RunPayload {
      runId
      seq
    }
    ... on Error {
      message
      field
    }
  }
}
    `) as unknown as TypedDocumentString<DeleteTagsMutation, DeleteTagsMutationVariables>;
export const FinishRunDocument = new TypedDocumentString(`
    mutation FinishRun($runId: ID!, $input: FinishRunInput!) {
  finishRun(runId: $runId, input: $input) {
    __typename
    ... on RunPayload {
      runId
      seq
    }
    ... on RunFrozenError {
      status
    }
    ... on Error {
      message
      field
    }
  }
}
    `) as unknown as TypedDocumentString<FinishRunMutation, FinishRunMutationVariables>;
export const SetMetaOverrideDocument = new TypedDocumentString(`
    mutation SetMetaOverride($runId: ID!, $override: MetaOverrideInput!) {
  setMetaOverride(runId: $runId, override: $override) {
    __typename
    ... on MetaOverridePayload {
      runId
      seq
      meta {
        ...MetaFields
      }
    }
    ... on Error {
      message
      field
    }
  }
}
    fragment MetaFields on CanonicalMeta {
  schemaVersion
  level
  goal
  datasetName
  modelFamily
  processGroups
  signalClass
  datatreatment {
    tokenOrder
    tokenization
    pidEncoding
    idEmbedDim
    metRep
    globalsIncluded
    featureSetVersion
    normalization
  }
  metaHash
  metaSource
  confidence
  fieldConfidence {
    level
    goal
    datasetName
    modelFamily
    processGroups
    datatreatment
  }
  needsReview
  needsReviewReasons
  nClasses
  processesAll
  classDefStr
  processGroupsKey
  rowKey
}`) as unknown as TypedDocumentString<SetMetaOverrideMutation, SetMetaOverrideMutationVariables>;