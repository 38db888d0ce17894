from typing import Any, Literal, Optional, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import MetaFields


class RegisterRun(BaseModel):
    register_run: Union[
        "RegisterRunRegisterRunIdempotencyConflictError",
        "RegisterRunRegisterRunInvalidInputError",
        "RegisterRunRegisterRunRegisterRunPayload",
    ] = Field(alias="registerRun", discriminator="typename__")


class RegisterRunRegisterRunIdempotencyConflictError(BaseModel):
    typename__: Literal["IdempotencyConflictError"] = Field(alias="__typename")
    message: str
    field: Optional[str]


class RegisterRunRegisterRunInvalidInputError(BaseModel):
    typename__: Literal["InvalidInputError"] = Field(alias="__typename")
    message: str
    field: Optional[str]


class RegisterRunRegisterRunRegisterRunPayload(BaseModel):
    typename__: Literal["RegisterRunPayload"] = Field(alias="__typename")
    run_id: str = Field(alias="runId")
    seq: str
    timestamp: str
    created: bool
    config: Any
    meta: "RegisterRunRegisterRunRegisterRunPayloadMeta"


RegisterRunRegisterRunRegisterRunPayloadMeta = MetaFields
RegisterRun.model_rebuild()
RegisterRunRegisterRunRegisterRunPayload.model_rebuild()
