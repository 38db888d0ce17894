/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
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

export type OrderDirection =
  | 'ASC'
  | 'DESC';

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

/** What a token may do: read = queries and subscriptions, write = run writes, promote = protected aliases, admin = backfill, mirror and tokens. */
export type Scope =
  | 'admin'
  | 'promote'
  | 'read'
  | 'write';

export type SweepFactorInput = {
  /** e.g. params.model.pooling or meta.datatreatment.tokenization */
  field: string;
  /** The design's levels; default: the values the runs show. */
  levels?: Array<string> | null | undefined;
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

export type CompareRunsQueryVariables = Exact<{
  runIds: Array<string | number> | string | number;
}>;


export type CompareRunsQuery = { compare: { runs: Array<{ id: string, name: string, experiment: string, status: RunStatus, historyKeys: Array<string>, meta: { modelFamily: string | null, datasetName: string | null, goal: string | null, rowKey: string | null } }>, params: Array<{ key: string, values: Array<string | null>, differs: boolean }>, metrics: Array<{ key: string, values: Array<number | null>, differs: boolean }> } };

export type CoverageGridQueryVariables = Exact<{
  rows?: CoverageDimension | null | undefined;
  rowsParam?: string | null | undefined;
  columns?: CoverageDimension | null | undefined;
  columnsParam?: string | null | undefined;
  metric: string;
  direction?: MetricDirection | null | undefined;
  includeNeedsReview?: boolean | null | undefined;
}>;


export type CoverageGridQuery = { coverage: { metric: string, direction: MetricDirection, rows: Array<string | null>, columns: Array<string | null>, cells: Array<{ row: string | null, column: string | null, best: number, median: number, nRuns: number, bestRun: { id: string } | null }> } };

export type SweepGridQueryVariables = Exact<{
  factors: Array<SweepFactorInput> | SweepFactorInput;
  metric?: string | null | undefined;
  direction?: MetricDirection | null | undefined;
}>;


export type SweepGridQuery = { sweep: { totalCells: number, coveredCells: number, runsOutsideDesign: number, factors: Array<{ field: string, levels: Array<string> }>, cells: Array<{ levels: Array<string>, nRuns: number, best: number | null, bestRun: { id: string } | null }>, missing: Array<{ levels: Array<string> }> } };

export type RegistryModelsQueryVariables = Exact<{ [key: string]: never; }>;


export type RegistryModelsQuery = { registeredModels: Array<{ name: string, description: string, archived: boolean, latestVersion: { version: number } | null, aliases: Array<{ alias: string, version: number }> }> };

export type RegistryModelQueryVariables = Exact<{
  name: string;
}>;


export type RegistryModelQuery = { registeredModel: { name: string, description: string, createdAt: string, createdBy: string, archived: boolean, protectedAliases: Array<string>, aliases: Array<{ alias: string, version: number, protected: boolean }>, versions: Array<{ version: number, runId: string, source: string, description: string, createdAt: string, createdBy: string, metaHash: string, metaChanged: boolean, aliases: Array<string>, meta: { modelFamily: string | null, datasetName: string | null, goal: string | null, processGroupsKey: string | null, confidence: Confidence, needsReview: boolean } | null }>, history: Array<{ alias: string, at: string, by: string, fromVersion: number | null, toVersion: number | null, reason: string | null }> } | null };

export type PromoteVersionMutationVariables = Exact<{
  model: string;
  version: number;
  to?: string | null | undefined;
  reason: string;
  expectedVersion?: number | null | undefined;
}>;


export type PromoteVersionMutation = { promote:
    | { __typename: 'AliasChangePayload', change: { alias: string, fromVersion: number | null, toVersion: number | null } | null }
    | { __typename: 'AliasConflictError', message: string, currentVersion: number | null, expectedVersion: number | null }
    | { __typename: 'RegistryError', message: string, code: string, field: string | null }
   };

export type MetaViewFragment = { schemaVersion: number, level: string | null, goal: string | null, datasetName: string | null, modelFamily: string | null, processGroups: Array<Array<string>> | null, processGroupsKey: string | null, rowKey: string | null, classDefStr: string | null, nClasses: number | null, signalClass: number | null, metaHash: string, metaSource: MetaSource, confidence: Confidence, needsReview: boolean, needsReviewReasons: Array<string>, fieldConfidence: { level: Confidence, goal: Confidence, datasetName: Confidence, modelFamily: Confidence, processGroups: Confidence, datatreatment: Confidence }, datatreatment: { tokenOrder: string, tokenization: string, pidEncoding: string, idEmbedDim: string | null, metRep: string, globalsIncluded: string, featureSetVersion: string, normalization: string }, override: { author: string | null, createdAt: string | null, reason: string | null, fields: Array<string> } | null };

export type RunDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type RunDetailQuery = { run: { id: string, name: string, experiment: string, status: RunStatus, startedAt: string, endedAt: string | null, durationSeconds: number | null, timestamp: string, architectureCode: string | null, sourcePath: string | null, historyKeys: Array<string>, modelParameters: { total: number, trainable: number } | null, meta: { schemaVersion: number, level: string | null, goal: string | null, datasetName: string | null, modelFamily: string | null, processGroups: Array<Array<string>> | null, processGroupsKey: string | null, rowKey: string | null, classDefStr: string | null, nClasses: number | null, signalClass: number | null, metaHash: string, metaSource: MetaSource, confidence: Confidence, needsReview: boolean, needsReviewReasons: Array<string>, fieldConfidence: { level: Confidence, goal: Confidence, datasetName: Confidence, modelFamily: Confidence, processGroups: Confidence, datatreatment: Confidence }, datatreatment: { tokenOrder: string, tokenization: string, pidEncoding: string, idEmbedDim: string | null, metRep: string, globalsIncluded: string, featureSetVersion: string, normalization: string }, override: { author: string | null, createdAt: string | null, reason: string | null, fields: Array<string> } | null }, params: Array<{ key: string, value: string }>, metrics: Array<{ key: string, value: number }>, tags: Array<{ key: string, value: string }>, artifacts: Array<{ kind: string, path: string }> } | null };

export type RunHistoryQueryVariables = Exact<{
  id: string | number;
  key: string;
  maxPoints?: number | null | undefined;
}>;


export type RunHistoryQuery = { run: { id: string, history: Array<{ step: number, timestamp: string, value: number }> } | null };

export type OverrideMetaMutationVariables = Exact<{
  runId: string | number;
  override: MetaOverrideInput;
}>;


export type OverrideMetaMutation = { setMetaOverride:
    | { __typename: 'InvalidInputError', message: string, field: string | null }
    | { __typename: 'MetaOverridePayload', meta: { schemaVersion: number, level: string | null, goal: string | null, datasetName: string | null, modelFamily: string | null, processGroups: Array<Array<string>> | null, processGroupsKey: string | null, rowKey: string | null, classDefStr: string | null, nClasses: number | null, signalClass: number | null, metaHash: string, metaSource: MetaSource, confidence: Confidence, needsReview: boolean, needsReviewReasons: Array<string>, fieldConfidence: { level: Confidence, goal: Confidence, datasetName: Confidence, modelFamily: Confidence, processGroups: Confidence, datatreatment: Confidence }, datatreatment: { tokenOrder: string, tokenization: string, pidEncoding: string, idEmbedDim: string | null, metRep: string, globalsIncluded: string, featureSetVersion: string, normalization: string }, override: { author: string | null, createdAt: string | null, reason: string | null, fields: Array<string> } | null } | null }
    | { __typename: 'RunNotFoundError', message: string, field: string | null }
   };

export type RunRowFragment = { id: string, name: string, experiment: string, status: RunStatus, startedAt: string, endedAt: string | null, durationSeconds: number | null, architectureCode: string | null, meta: { goal: string | null, datasetName: string | null, modelFamily: string | null, rowKey: string | null, processGroupsKey: string | null, metaHash: string, confidence: Confidence, needsReview: boolean, datatreatment: { tokenization: string } }, params: Array<{ key: string, value: string }>, metrics: Array<{ key: string, value: number }>, tags: Array<{ key: string, value: string }> };

export type RunsPageQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  where?: string | null | undefined;
  filter?: RunFilter | null | undefined;
  orderBy?: Array<RunOrder> | RunOrder | null | undefined;
}>;


export type RunsPageQuery = { runs: { totalCount: number, pageInfo: { endCursor: string | null, hasNextPage: boolean }, edges: Array<{ node: { id: string, name: string, experiment: string, status: RunStatus, startedAt: string, endedAt: string | null, durationSeconds: number | null, architectureCode: string | null, meta: { goal: string | null, datasetName: string | null, modelFamily: string | null, rowKey: string | null, processGroupsKey: string | null, metaHash: string, confidence: Confidence, needsReview: boolean, datatreatment: { tokenization: string } }, params: Array<{ key: string, value: string }>, metrics: Array<{ key: string, value: number }>, tags: Array<{ key: string, value: string }> } }> } };

export type ExperimentsQueryVariables = Exact<{ [key: string]: never; }>;


export type ExperimentsQuery = { experiments: Array<{ name: string, runCount: number, needsReviewCount: number }> };

export type LiveRunEventsSubscriptionVariables = Exact<{
  filter?: RunEventFilter | null | undefined;
}>;


export type LiveRunEventsSubscription = { runEvents: { kind: RunEventKind, runId: string, experiment: string, at: string } };

export type RunListedQueryVariables = Exact<{
  where: string;
}>;


export type RunListedQuery = { runs: { totalCount: number } };

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { name: string, scopes: Array<Scope> } };

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
export const MetaViewFragmentDoc = new TypedDocumentString(`
    fragment MetaView on CanonicalMeta {
  schemaVersion
  level
  goal
  datasetName
  modelFamily
  processGroups
  processGroupsKey
  rowKey
  classDefStr
  nClasses
  signalClass
  metaHash
  metaSource
  confidence
  needsReview
  needsReviewReasons
  fieldConfidence {
    level
    goal
    datasetName
    modelFamily
    processGroups
    datatreatment
  }
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
  override {
    author
    createdAt
    reason
    fields
  }
}
    `, {"fragmentName":"MetaView"}) as unknown as TypedDocumentString<MetaViewFragment, unknown>;
export const RunRowFragmentDoc = new TypedDocumentString(`
    fragment RunRow on Run {
  id
  name
  experiment
  status
  startedAt
  endedAt
  durationSeconds
  architectureCode
  meta {
    goal
    datasetName
    modelFamily
    rowKey
    processGroupsKey
    metaHash
    confidence
    needsReview
    datatreatment {
      tokenization
    }
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
}
    `, {"fragmentName":"RunRow"}) as unknown as TypedDocumentString<RunRowFragment, unknown>;
export const CompareRunsDocument = new TypedDocumentString(`
    query CompareRuns($runIds: [ID!]!) {
  compare(runIds: $runIds) {
    runs {
      id
      name
      experiment
      status
      historyKeys
      meta {
        modelFamily
        datasetName
        goal
        rowKey
      }
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
    `) as unknown as TypedDocumentString<CompareRunsQuery, CompareRunsQueryVariables>;
export const CoverageGridDocument = new TypedDocumentString(`
    query CoverageGrid($rows: CoverageDimension, $rowsParam: String, $columns: CoverageDimension, $columnsParam: String, $metric: String!, $direction: MetricDirection, $includeNeedsReview: Boolean) {
  coverage(
    rows: $rows
    rowsParam: $rowsParam
    columns: $columns
    columnsParam: $columnsParam
    metric: $metric
    direction: $direction
    includeNeedsReview: $includeNeedsReview
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
    `) as unknown as TypedDocumentString<CoverageGridQuery, CoverageGridQueryVariables>;
export const SweepGridDocument = new TypedDocumentString(`
    query SweepGrid($factors: [SweepFactorInput!]!, $metric: String, $direction: MetricDirection) {
  sweep(factors: $factors, metric: $metric, direction: $direction) {
    totalCells
    coveredCells
    runsOutsideDesign
    factors {
      field
      levels
    }
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
    `) as unknown as TypedDocumentString<SweepGridQuery, SweepGridQueryVariables>;
export const RegistryModelsDocument = new TypedDocumentString(`
    query RegistryModels {
  registeredModels {
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
    `) as unknown as TypedDocumentString<RegistryModelsQuery, RegistryModelsQueryVariables>;
export const RegistryModelDocument = new TypedDocumentString(`
    query RegistryModel($name: String!) {
  registeredModel(name: $name) {
    name
    description
    createdAt
    createdBy
    archived
    protectedAliases
    aliases {
      alias
      version
      protected
    }
    versions {
      version
      runId
      source
      description
      createdAt
      createdBy
      metaHash
      metaChanged
      aliases
      meta {
        modelFamily
        datasetName
        goal
        processGroupsKey
        confidence
        needsReview
      }
    }
    history {
      alias
      at
      by
      fromVersion
      toVersion
      reason
    }
  }
}
    `) as unknown as TypedDocumentString<RegistryModelQuery, RegistryModelQueryVariables>;
export const PromoteVersionDocument = new TypedDocumentString(`
    mutation PromoteVersion($model: String!, $version: Int!, $to: String, $reason: String!, $expectedVersion: Int) {
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
        alias
        fromVersion
        toVersion
      }
    }
    ... on AliasConflictError {
      message
      currentVersion
      expectedVersion
    }
    ... on RegistryError {
      message
      code
      field
    }
  }
}
    `) as unknown as TypedDocumentString<PromoteVersionMutation, PromoteVersionMutationVariables>;
export const RunDetailDocument = new TypedDocumentString(`
    query RunDetail($id: ID!) {
  run(id: $id) {
    id
    name
    experiment
    status
    startedAt
    endedAt
    durationSeconds
    timestamp
    architectureCode
    sourcePath
    modelParameters {
      total
      trainable
    }
    meta {
      ...MetaView
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
      kind
      path
    }
    historyKeys
  }
}
    fragment MetaView on CanonicalMeta {
  schemaVersion
  level
  goal
  datasetName
  modelFamily
  processGroups
  processGroupsKey
  rowKey
  classDefStr
  nClasses
  signalClass
  metaHash
  metaSource
  confidence
  needsReview
  needsReviewReasons
  fieldConfidence {
    level
    goal
    datasetName
    modelFamily
    processGroups
    datatreatment
  }
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
  override {
    author
    createdAt
    reason
    fields
  }
}`) as unknown as TypedDocumentString<RunDetailQuery, RunDetailQueryVariables>;
export const RunHistoryDocument = new TypedDocumentString(`
    query RunHistory($id: ID!, $key: String!, $maxPoints: Int) {
  run(id: $id) {
    id
    history(key: $key, maxPoints: $maxPoints) {
      step
      timestamp
      value
    }
  }
}
    `) as unknown as TypedDocumentString<RunHistoryQuery, RunHistoryQueryVariables>;
export const OverrideMetaDocument = new TypedDocumentString(`
    mutation OverrideMeta($runId: ID!, $override: MetaOverrideInput!) {
  setMetaOverride(runId: $runId, override: $override) {
    __typename
    ... on MetaOverridePayload {
      meta {
        ...MetaView
      }
    }
    ... on Error {
      message
      field
    }
  }
}
    fragment MetaView on CanonicalMeta {
  schemaVersion
  level
  goal
  datasetName
  modelFamily
  processGroups
  processGroupsKey
  rowKey
  classDefStr
  nClasses
  signalClass
  metaHash
  metaSource
  confidence
  needsReview
  needsReviewReasons
  fieldConfidence {
    level
    goal
    datasetName
    modelFamily
    processGroups
    datatreatment
  }
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
  override {
    author
    createdAt
    reason
    fields
  }
}`) as unknown as TypedDocumentString<OverrideMetaMutation, OverrideMetaMutationVariables>;
export const RunsPageDocument = new TypedDocumentString(`
    query RunsPage($first: Int, $after: String, $where: String, $filter: RunFilter, $orderBy: [RunOrder!]) {
  runs(
    first: $first
    after: $after
    where: $where
    filter: $filter
    orderBy: $orderBy
  ) {
    totalCount
    pageInfo {
      endCursor
      hasNextPage
    }
    edges {
      node {
        ...RunRow
      }
    }
  }
}
    fragment RunRow on Run {
  id
  name
  experiment
  status
  startedAt
  endedAt
  durationSeconds
  architectureCode
  meta {
    goal
    datasetName
    modelFamily
    rowKey
    processGroupsKey
    metaHash
    confidence
    needsReview
    datatreatment {
      tokenization
    }
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
}`) as unknown as TypedDocumentString<RunsPageQuery, RunsPageQueryVariables>;
export const ExperimentsDocument = new TypedDocumentString(`
    query Experiments {
  experiments {
    name
    runCount
    needsReviewCount
  }
}
    `) as unknown as TypedDocumentString<ExperimentsQuery, ExperimentsQueryVariables>;
export const LiveRunEventsDocument = new TypedDocumentString(`
    subscription LiveRunEvents($filter: RunEventFilter) {
  runEvents(filter: $filter) {
    kind
    runId
    experiment
    at
  }
}
    `) as unknown as TypedDocumentString<LiveRunEventsSubscription, LiveRunEventsSubscriptionVariables>;
export const RunListedDocument = new TypedDocumentString(`
    query RunListed($where: String!) {
  runs(first: 1, where: $where) {
    totalCount
  }
}
    `) as unknown as TypedDocumentString<RunListedQuery, RunListedQueryVariables>;
export const ViewerDocument = new TypedDocumentString(`
    query Viewer {
  viewer {
    name
    scopes
  }
}
    `) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;