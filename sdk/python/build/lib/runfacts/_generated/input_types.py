from typing import Any, Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import FinishStatus, MetricOp, OrderDirection, RunEventKind, TextOp


class ArtifactInput(BaseModel):
    kind: str
    path: str


class DatatreatmentInput(BaseModel):
    """Seed-000 data treatment; a key left out is "unknown"."""

    feature_set_version: Optional[str] = Field(alias="featureSetVersion", default=None)
    "v1, v2"
    globals_included: Optional[bool] = Field(alias="globalsIncluded", default=None)
    id_embed_dim: Optional[int] = Field(alias="idEmbedDim", default=None)
    "Embedding size; null when there is no embedding."
    met_rep: Optional[str] = Field(alias="metRep", default=None)
    "met_metphi, met_vec, none"
    normalization: Optional[str] = None
    "zscore, minmax, none"
    pid_encoding: Optional[str] = Field(alias="pidEncoding", default=None)
    "embedded, onehot, raw, none"
    token_order: Optional[str] = Field(alias="tokenOrder", default=None)
    "pt_sorted, shuffled, input_order"
    tokenization: Optional[str] = None
    "direct, binned, vq"


class FinishRunInput(BaseModel):
    artifacts: Optional[list["ArtifactInput"]] = None
    'e.g. the model path, kind "model".'
    ended_at: Optional[str] = Field(alias="endedAt", default=None)
    "Default: now."
    metrics: Optional[Any] = None
    'Summary metrics, nesting allowed: {"auroc": 0.91, "edc": {"mae": 1.2}}.'
    model_parameters: Optional["ModelParametersInput"] = Field(
        alias="modelParameters", default=None
    )
    status: Optional[FinishStatus] = FinishStatus.FINISHED


class MetaInput(BaseModel):
    """Seed-000 meta as training code declares it. process_groups may hold names or process ids."""

    dataset_name: Optional[str] = Field(alias="datasetName", default=None)
    datatreatment: Optional["DatatreatmentInput"] = None
    goal: Optional[str] = None
    level: Optional[str] = None
    model_family: Optional[str] = Field(alias="modelFamily", default=None)
    process_groups: Optional[Any] = Field(alias="processGroups", default=None)
    "A list of classes, each a list of names or ids."
    schema_version: Optional[int] = Field(alias="schemaVersion", default=1)
    signal_class: Optional[int] = Field(alias="signalClass", default=None)
    "Index of the signal class (signal vs background): it keeps its place."


class MetaOverrideInput(BaseModel):
    """Seed 000 manual override: the fields given win over the declared or inferred ones."""

    author: Optional[str] = None
    dataset_name: Optional[str] = Field(alias="datasetName", default=None)
    datatreatment: Optional["DatatreatmentInput"] = None
    "Merged key by key."
    goal: Optional[str] = None
    level: Optional[str] = None
    model_family: Optional[str] = Field(alias="modelFamily", default=None)
    process_groups: Optional[Any] = Field(alias="processGroups", default=None)
    reason: str
    "Why the override is right (kept as provenance)."
    signal_class: Optional[int] = Field(alias="signalClass", default=None)


class MetricCondition(BaseModel):
    key: str
    op: MetricOp
    value: float


class MetricPointInput(BaseModel):
    key: str
    step: Optional[int] = None
    "Default 0."
    timestamp: Optional[str] = None
    "Default: when the server receives it."
    value: float


class ModelParametersInput(BaseModel):
    total: int
    trainable: int


class ParamInput(BaseModel):
    key: str
    value: str


class RegisterRunInput(BaseModel):
    architecture_code: Optional[str] = Field(alias="architectureCode", default=None)
    client_request_id: Optional[str] = Field(alias="clientRequestId", default=None)
    "Retries with the same id return the first run instead of creating another; the same id with a different body is an IdempotencyConflictError."
    config: Optional[Any] = None
    "The nested config; its leaves become params."
    experiment: str
    meta: "MetaInput"
    "Seed-000 meta as training code declares it; set goal explicitly."
    name: str
    "Becomes the slug of the run id (seed 001)."
    started_at: Optional[str] = Field(alias="startedAt", default=None)
    "Default: now. Sets the run id timestamp (UTC)."
    tags: Optional[list["TagInput"]] = None


class RunEventFilter(BaseModel):
    experiment: Optional[list[str]] = None
    "Only runs of these experiments."
    kinds: Optional[list[RunEventKind]] = None
    "Only these kinds of event."
    run_ids: Optional[list[str]] = Field(alias="runIds", default=None)
    "Only these runs."


class RunFilter(BaseModel):
    """Typed run filter for dashboards; every condition given must hold."""

    created_after: Optional[str] = Field(alias="createdAfter", default=None)
    "ISO date or date-time; inclusive, on the start time."
    created_before: Optional[str] = Field(alias="createdBefore", default=None)
    "ISO date or date-time; exclusive, on the start time."
    dataset_name: Optional[list[str]] = Field(alias="datasetName", default=None)
    "Canonical dataset name (any of the values given)"
    experiment: Optional[list[str]] = None
    "Experiment name (any of the values given)"
    goal: Optional[list[str]] = None
    "Goal (any of the values given)"
    meta_hash: Optional[list[str]] = Field(alias="metaHash", default=None)
    "meta_hash (any of the values given)"
    metrics: Optional[list["MetricCondition"]] = None
    model_family: Optional[list[str]] = Field(alias="modelFamily", default=None)
    "Model family (any of the values given)"
    needs_review: Optional[bool] = Field(alias="needsReview", default=None)
    params: Optional[list["TextCondition"]] = None
    process_groups_key: Optional[list[str]] = Field(
        alias="processGroupsKey", default=None
    )
    "Process groups key, e.g. 4t|ttH+ttW+ttWW+ttZ (any of the values given)"
    row_key: Optional[list[str]] = Field(alias="rowKey", default=None)
    "Coverage row key, e.g. 4topsplitted::4t|ttH (any of the values given)"
    status: Optional[list[str]] = None
    "Run status (any of the values given)"
    tags: Optional[list["TextCondition"]] = None
    tokenization: Optional[list[str]] = None
    "Datatreatment tokenization (any of the values given)"


class RunOrder(BaseModel):
    direction: Optional[OrderDirection] = OrderDirection.ASC
    field: str
    "A field as in where strings: metrics.auroc, params.lr, meta.row_key, attributes.started_at."


class SweepFactorInput(BaseModel):
    field: str
    "e.g. params.model.pooling or meta.datatreatment.tokenization"
    levels: Optional[list[str]] = None
    "The design's levels; default: the values the runs show."


class TagInput(BaseModel):
    key: str
    value: str


class TextCondition(BaseModel):
    """A param or tag condition. LIKE uses SQL % and _ wildcards; IN takes values."""

    key: str
    op: TextOp
    value: Optional[str] = None
    values: Optional[list[str]] = None


FinishRunInput.model_rebuild()
MetaInput.model_rebuild()
MetaOverrideInput.model_rebuild()
RegisterRunInput.model_rebuild()
RunFilter.model_rebuild()
