from typing import Literal, Optional, Union

from pydantic import Field

from .base_model import BaseModel
from .enums import RunStatus


class FinishRun(BaseModel):
    finish_run: Union[
        "FinishRunFinishRunInvalidInputError",
        "FinishRunFinishRunRunFrozenError",
        "FinishRunFinishRunRunNotFoundError",
        "FinishRunFinishRunRunPayload",
    ] = Field(alias="finishRun", discriminator="typename__")


class FinishRunFinishRunInvalidInputError(BaseModel):
    typename__: Literal["InvalidInputError"] = Field(alias="__typename")
    message: str
    field: Optional[str]


class FinishRunFinishRunRunFrozenError(BaseModel):
    typename__: Literal["RunFrozenError"] = Field(alias="__typename")
    status: str
    message: str
    field: Optional[str]


class FinishRunFinishRunRunNotFoundError(BaseModel):
    typename__: Literal["RunNotFoundError"] = Field(alias="__typename")
    message: str
    field: Optional[str]


class FinishRunFinishRunRunPayload(BaseModel):
    typename__: Literal["RunPayload"] = Field(alias="__typename")
    run_id: str = Field(alias="runId")
    seq: str
    run: Optional["FinishRunFinishRunRunPayloadRun"]


class FinishRunFinishRunRunPayloadRun(BaseModel):
    status: RunStatus
    ended_at: Optional[str] = Field(alias="endedAt")
    duration_seconds: Optional[float] = Field(alias="durationSeconds")


FinishRun.model_rebuild()
FinishRunFinishRunRunPayload.model_rebuild()
