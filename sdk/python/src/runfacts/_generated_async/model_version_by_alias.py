from typing import Any, Literal, Optional, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import (  # noqa: F401
    MetaFields,
    ModelVersionFields,
    RunFields,
    RunFieldsArtifacts,
    RunFieldsMeta,
    RunFieldsMetrics,
    RunFieldsParams,
    RunFieldsTags,
)


class ModelVersionByAlias(BaseModel):
    model_version_by_alias: Union[
        "ModelVersionByAliasModelVersionByAliasAliasConflictError",
        "ModelVersionByAliasModelVersionByAliasModelVersion",
        "ModelVersionByAliasModelVersionByAliasRegistryError",
    ] = Field(alias="modelVersionByAlias", discriminator="typename__")


class ModelVersionByAliasModelVersionByAliasAliasConflictError(BaseModel):
    typename__: Literal["AliasConflictError"] = Field(alias="__typename")
    message: str
    field: Optional[str]


class ModelVersionByAliasModelVersionByAliasModelVersion(ModelVersionFields):
    typename__: Literal["ModelVersion"] = Field(alias="__typename")
    config: Optional[Any]
    meta: Optional["ModelVersionByAliasModelVersionByAliasModelVersionMeta"]
    run: Optional["ModelVersionByAliasModelVersionByAliasModelVersionRun"]


ModelVersionByAliasModelVersionByAliasModelVersionMeta = MetaFields


class ModelVersionByAliasModelVersionByAliasModelVersionRun(RunFields):
    config: Any


class ModelVersionByAliasModelVersionByAliasRegistryError(BaseModel):
    typename__: Literal["RegistryError"] = Field(alias="__typename")
    code: str
    message: str
    field: Optional[str]


ModelVersionByAlias.model_rebuild()
ModelVersionByAliasModelVersionByAliasModelVersion.model_rebuild()
