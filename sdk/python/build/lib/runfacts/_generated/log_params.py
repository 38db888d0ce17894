from typing import Literal, Optional, Union

from pydantic import Field

from .base_model import BaseModel


class LogParams(BaseModel):
    log_params: Union[
        "LogParamsLogParamsInvalidInputError",
        "LogParamsLogParamsRunFrozenError",
        "LogParamsLogParamsRunNotFoundError",
        "LogParamsLogParamsRunPayload",
    ] = Field(alias="logParams", discriminator="typename__")


class LogParamsLogParamsInvalidInputError(BaseModel):
    typename__: Literal["InvalidInputError"] = Field(alias="__typename")
    message: str
    field: Optional[str]


class LogParamsLogParamsRunFrozenError(BaseModel):
    typename__: Literal["RunFrozenError"] = Field(alias="__typename")
    status: str
    message: str
    field: Optional[str]


class LogParamsLogParamsRunNotFoundError(BaseModel):
    typename__: Literal["RunNotFoundError"] = Field(alias="__typename")
    message: str
    field: Optional[str]


class LogParamsLogParamsRunPayload(BaseModel):
    typename__: Literal["RunPayload"] = Field(alias="__typename")
    run_id: str = Field(alias="runId")
    seq: str


LogParams.model_rebuild()
