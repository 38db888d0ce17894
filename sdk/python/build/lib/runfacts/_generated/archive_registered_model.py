from typing import Literal, Optional, Union

from pydantic import Field

from .base_model import BaseModel


class ArchiveRegisteredModel(BaseModel):
    archive_registered_model: Union[
        "ArchiveRegisteredModelArchiveRegisteredModelAliasConflictError",
        "ArchiveRegisteredModelArchiveRegisteredModelRegisteredModelPayload",
        "ArchiveRegisteredModelArchiveRegisteredModelRegistryError",
    ] = Field(alias="archiveRegisteredModel", discriminator="typename__")


class ArchiveRegisteredModelArchiveRegisteredModelAliasConflictError(BaseModel):
    typename__: Literal["AliasConflictError"] = Field(alias="__typename")
    message: str
    field: Optional[str]


class ArchiveRegisteredModelArchiveRegisteredModelRegisteredModelPayload(BaseModel):
    typename__: Literal["RegisteredModelPayload"] = Field(alias="__typename")


class ArchiveRegisteredModelArchiveRegisteredModelRegistryError(BaseModel):
    typename__: Literal["RegistryError"] = Field(alias="__typename")
    code: str
    message: str
    field: Optional[str]


ArchiveRegisteredModel.model_rebuild()
