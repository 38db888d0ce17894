from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import RegisteredModelFields


class RegisteredModel(BaseModel):
    registered_model: Optional["RegisteredModelRegisteredModel"] = Field(
        alias="registeredModel"
    )


RegisteredModelRegisteredModel = RegisteredModelFields
RegisteredModel.model_rebuild()
