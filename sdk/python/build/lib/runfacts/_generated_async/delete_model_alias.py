from typing import Literal, Optional, Union

from pydantic import Field

from .base_model import BaseModel


class DeleteModelAlias(BaseModel):
    delete_model_alias: Union[
        "DeleteModelAliasDeleteModelAliasAliasChangePayload",
        "DeleteModelAliasDeleteModelAliasAliasConflictError",
        "DeleteModelAliasDeleteModelAliasRegistryError",
    ] = Field(alias="deleteModelAlias", discriminator="typename__")


class DeleteModelAliasDeleteModelAliasAliasChangePayload(BaseModel):
    typename__: Literal["AliasChangePayload"] = Field(alias="__typename")
    change: Optional["DeleteModelAliasDeleteModelAliasAliasChangePayloadChange"]


class DeleteModelAliasDeleteModelAliasAliasChangePayloadChange(BaseModel):
    alias: str
    from_version: Optional[int] = Field(alias="fromVersion")
    to_version: Optional[int] = Field(alias="toVersion")


class DeleteModelAliasDeleteModelAliasAliasConflictError(BaseModel):
    typename__: Literal["AliasConflictError"] = Field(alias="__typename")
    current_version: Optional[int] = Field(alias="currentVersion")
    expected_version: Optional[int] = Field(alias="expectedVersion")
    message: str
    field: Optional[str]


class DeleteModelAliasDeleteModelAliasRegistryError(BaseModel):
    typename__: Literal["RegistryError"] = Field(alias="__typename")
    code: str
    message: str
    field: Optional[str]


DeleteModelAlias.model_rebuild()
DeleteModelAliasDeleteModelAliasAliasChangePayload.model_rebuild()
