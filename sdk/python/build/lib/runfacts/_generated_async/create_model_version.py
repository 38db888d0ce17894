from typing import Literal, Optional, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import ModelVersionFields


class CreateModelVersion(BaseModel):
    create_model_version: Union[
        "CreateModelVersionCreateModelVersionAliasConflictError",
        "CreateModelVersionCreateModelVersionModelVersionPayload",
        "CreateModelVersionCreateModelVersionRegistryError",
    ] = Field(alias="createModelVersion", discriminator="typename__")


class CreateModelVersionCreateModelVersionAliasConflictError(BaseModel):
    typename__: Literal["AliasConflictError"] = Field(alias="__typename")
    message: str
    field: Optional[str]


class CreateModelVersionCreateModelVersionModelVersionPayload(BaseModel):
    typename__: Literal["ModelVersionPayload"] = Field(alias="__typename")
    version: "CreateModelVersionCreateModelVersionModelVersionPayloadVersion"


CreateModelVersionCreateModelVersionModelVersionPayloadVersion = ModelVersionFields


class CreateModelVersionCreateModelVersionRegistryError(BaseModel):
    typename__: Literal["RegistryError"] = Field(alias="__typename")
    code: str
    message: str
    field: Optional[str]


CreateModelVersion.model_rebuild()
CreateModelVersionCreateModelVersionModelVersionPayload.model_rebuild()
