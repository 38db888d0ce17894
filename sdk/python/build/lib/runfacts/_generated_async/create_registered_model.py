from typing import Literal, Optional, Union

from pydantic import Field

from .base_model import BaseModel


class CreateRegisteredModel(BaseModel):
    create_registered_model: Union[
        "CreateRegisteredModelCreateRegisteredModelAliasConflictError",
        "CreateRegisteredModelCreateRegisteredModelRegisteredModelPayload",
        "CreateRegisteredModelCreateRegisteredModelRegistryError",
    ] = Field(alias="createRegisteredModel", discriminator="typename__")


class CreateRegisteredModelCreateRegisteredModelAliasConflictError(BaseModel):
    typename__: Literal["AliasConflictError"] = Field(alias="__typename")
    message: str
    field: Optional[str]


class CreateRegisteredModelCreateRegisteredModelRegisteredModelPayload(BaseModel):
    typename__: Literal["RegisteredModelPayload"] = Field(alias="__typename")
    model: "CreateRegisteredModelCreateRegisteredModelRegisteredModelPayloadModel"


class CreateRegisteredModelCreateRegisteredModelRegisteredModelPayloadModel(BaseModel):
    name: str


class CreateRegisteredModelCreateRegisteredModelRegistryError(BaseModel):
    typename__: Literal["RegistryError"] = Field(alias="__typename")
    code: str
    message: str
    field: Optional[str]


CreateRegisteredModel.model_rebuild()
CreateRegisteredModelCreateRegisteredModelRegisteredModelPayload.model_rebuild()
