from typing import Literal, Optional, Union

from pydantic import Field

from .base_model import BaseModel
from .enums import ArtifactStatus


class ModelArtifacts(BaseModel):
    model_version_by_alias: Union[
        "ModelArtifactsModelVersionByAliasAliasConflictError",
        "ModelArtifactsModelVersionByAliasModelVersion",
        "ModelArtifactsModelVersionByAliasRegistryError",
    ] = Field(alias="modelVersionByAlias", discriminator="typename__")


class ModelArtifactsModelVersionByAliasAliasConflictError(BaseModel):
    typename__: Literal["AliasConflictError"] = Field(alias="__typename")
    message: str
    field: Optional[str]


class ModelArtifactsModelVersionByAliasModelVersion(BaseModel):
    typename__: Literal["ModelVersion"] = Field(alias="__typename")
    model: str
    version: int
    run_id: str = Field(alias="runId")
    artifacts: list["ModelArtifactsModelVersionByAliasModelVersionArtifacts"]


class ModelArtifactsModelVersionByAliasModelVersionArtifacts(BaseModel):
    path: str
    kind: str
    size: float
    sha_256: str = Field(alias="sha256")
    download_url: str = Field(alias="downloadUrl")
    current_sha_256: Optional[str] = Field(alias="currentSha256")
    status: ArtifactStatus


class ModelArtifactsModelVersionByAliasRegistryError(BaseModel):
    typename__: Literal["RegistryError"] = Field(alias="__typename")
    message: str
    field: Optional[str]


ModelArtifacts.model_rebuild()
ModelArtifactsModelVersionByAliasModelVersion.model_rebuild()
