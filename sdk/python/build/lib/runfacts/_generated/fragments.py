from typing import Any, Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import Confidence, MetaSource, RunStatus


class MetaFields(BaseModel):
    schema_version: int = Field(alias="schemaVersion")
    level: Optional[str]
    goal: Optional[str]
    dataset_name: Optional[str] = Field(alias="datasetName")
    model_family: Optional[str] = Field(alias="modelFamily")
    process_groups: Optional[list[list[str]]] = Field(alias="processGroups")
    signal_class: Optional[int] = Field(alias="signalClass")
    datatreatment: "MetaFieldsDatatreatment"
    meta_hash: str = Field(alias="metaHash")
    meta_source: MetaSource = Field(alias="metaSource")
    confidence: Confidence
    field_confidence: "MetaFieldsFieldConfidence" = Field(alias="fieldConfidence")
    needs_review: bool = Field(alias="needsReview")
    needs_review_reasons: list[str] = Field(alias="needsReviewReasons")
    n_classes: Optional[int] = Field(alias="nClasses")
    processes_all: Optional[list[str]] = Field(alias="processesAll")
    class_def_str: Optional[str] = Field(alias="classDefStr")
    process_groups_key: Optional[str] = Field(alias="processGroupsKey")
    row_key: Optional[str] = Field(alias="rowKey")


class MetaFieldsDatatreatment(BaseModel):
    token_order: str = Field(alias="tokenOrder")
    tokenization: str
    pid_encoding: str = Field(alias="pidEncoding")
    id_embed_dim: Optional[str] = Field(alias="idEmbedDim")
    met_rep: str = Field(alias="metRep")
    globals_included: str = Field(alias="globalsIncluded")
    feature_set_version: str = Field(alias="featureSetVersion")
    normalization: str


class MetaFieldsFieldConfidence(BaseModel):
    level: Confidence
    goal: Confidence
    dataset_name: Confidence = Field(alias="datasetName")
    model_family: Confidence = Field(alias="modelFamily")
    process_groups: Confidence = Field(alias="processGroups")
    datatreatment: Confidence


class ModelVersionFields(BaseModel):
    model: str
    version: int
    source: str
    description: str
    created_at: str = Field(alias="createdAt")
    created_by: str = Field(alias="createdBy")
    aliases: list[str]
    run_id: str = Field(alias="runId")
    meta_hash: str = Field(alias="metaHash")
    meta_changed: bool = Field(alias="metaChanged")


class RegisteredModelFields(BaseModel):
    name: str
    description: str
    tags: Any
    created_at: str = Field(alias="createdAt")
    created_by: str = Field(alias="createdBy")
    archived: bool
    protected_aliases: list[str] = Field(alias="protectedAliases")
    versions: list["RegisteredModelFieldsVersions"]
    aliases: list["RegisteredModelFieldsAliases"]
    history: list["RegisteredModelFieldsHistory"]


class RegisteredModelFieldsVersions(ModelVersionFields):
    pass


class RegisteredModelFieldsAliases(BaseModel):
    alias: str
    version: int
    protected: bool


class RegisteredModelFieldsHistory(BaseModel):
    at: str
    by: str
    alias: str
    from_version: Optional[int] = Field(alias="fromVersion")
    to_version: Optional[int] = Field(alias="toVersion")
    reason: Optional[str]


class RunFields(BaseModel):
    id: str
    experiment: str
    name: str
    architecture_code: Optional[str] = Field(alias="architectureCode")
    timestamp: str
    status: RunStatus
    started_at: str = Field(alias="startedAt")
    ended_at: Optional[str] = Field(alias="endedAt")
    duration_seconds: Optional[float] = Field(alias="durationSeconds")
    meta: "RunFieldsMeta"
    params: list["RunFieldsParams"]
    metrics: list["RunFieldsMetrics"]
    tags: list["RunFieldsTags"]
    artifacts: list["RunFieldsArtifacts"]


class RunFieldsMeta(MetaFields):
    pass


class RunFieldsParams(BaseModel):
    key: str
    value: str


class RunFieldsMetrics(BaseModel):
    key: str
    value: float


class RunFieldsTags(BaseModel):
    key: str
    value: str


class RunFieldsArtifacts(BaseModel):
    path: str
    kind: str


MetaFields.model_rebuild()
ModelVersionFields.model_rebuild()
RegisteredModelFields.model_rebuild()
RunFields.model_rebuild()
