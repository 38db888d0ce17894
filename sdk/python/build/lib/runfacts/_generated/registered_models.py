from typing import Optional

from pydantic import Field

from .base_model import BaseModel


class RegisteredModels(BaseModel):
    registered_models: list["RegisteredModelsRegisteredModels"] = Field(
        alias="registeredModels"
    )


class RegisteredModelsRegisteredModels(BaseModel):
    name: str
    description: str
    archived: bool
    latest_version: Optional["RegisteredModelsRegisteredModelsLatestVersion"] = Field(
        alias="latestVersion"
    )
    aliases: list["RegisteredModelsRegisteredModelsAliases"]


class RegisteredModelsRegisteredModelsLatestVersion(BaseModel):
    version: int


class RegisteredModelsRegisteredModelsAliases(BaseModel):
    alias: str
    version: int


RegisteredModels.model_rebuild()
RegisteredModelsRegisteredModels.model_rebuild()
