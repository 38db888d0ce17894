from typing import Literal, Optional, Union

from pydantic import Field

from .base_model import BaseModel


class SetModelAlias(BaseModel):
    set_model_alias: Union[
        "SetModelAliasSetModelAliasAliasChangePayload",
        "SetModelAliasSetModelAliasAliasConflictError",
        "SetModelAliasSetModelAliasRegistryError",
    ] = Field(alias="setModelAlias", discriminator="typename__")


class SetModelAliasSetModelAliasAliasChangePayload(BaseModel):
    typename__: Literal["AliasChangePayload"] = Field(alias="__typename")
    change: Optional["SetModelAliasSetModelAliasAliasChangePayloadChange"]


class SetModelAliasSetModelAliasAliasChangePayloadChange(BaseModel):
    at: str
    by: str
    alias: str
    from_version: Optional[int] = Field(alias="fromVersion")
    to_version: Optional[int] = Field(alias="toVersion")
    reason: Optional[str]


class SetModelAliasSetModelAliasAliasConflictError(BaseModel):
    typename__: Literal["AliasConflictError"] = Field(alias="__typename")
    current_version: Optional[int] = Field(alias="currentVersion")
    expected_version: Optional[int] = Field(alias="expectedVersion")
    message: str
    field: Optional[str]


class SetModelAliasSetModelAliasRegistryError(BaseModel):
    typename__: Literal["RegistryError"] = Field(alias="__typename")
    code: str
    message: str
    field: Optional[str]


SetModelAlias.model_rebuild()
SetModelAliasSetModelAliasAliasChangePayload.model_rebuild()
