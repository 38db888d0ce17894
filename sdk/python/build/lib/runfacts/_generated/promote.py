from typing import Literal, Optional, Union

from pydantic import Field

from .base_model import BaseModel


class Promote(BaseModel):
    promote: Union[
        "PromotePromoteAliasChangePayload",
        "PromotePromoteAliasConflictError",
        "PromotePromoteRegistryError",
    ] = Field(discriminator="typename__")


class PromotePromoteAliasChangePayload(BaseModel):
    typename__: Literal["AliasChangePayload"] = Field(alias="__typename")
    change: Optional["PromotePromoteAliasChangePayloadChange"]


class PromotePromoteAliasChangePayloadChange(BaseModel):
    at: str
    by: str
    alias: str
    from_version: Optional[int] = Field(alias="fromVersion")
    to_version: Optional[int] = Field(alias="toVersion")
    reason: Optional[str]


class PromotePromoteAliasConflictError(BaseModel):
    typename__: Literal["AliasConflictError"] = Field(alias="__typename")
    current_version: Optional[int] = Field(alias="currentVersion")
    expected_version: Optional[int] = Field(alias="expectedVersion")
    message: str
    field: Optional[str]


class PromotePromoteRegistryError(BaseModel):
    typename__: Literal["RegistryError"] = Field(alias="__typename")
    code: str
    message: str
    field: Optional[str]


Promote.model_rebuild()
PromotePromoteAliasChangePayload.model_rebuild()
