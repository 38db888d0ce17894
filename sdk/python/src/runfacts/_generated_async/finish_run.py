from typing import Literal, Optional, Union

from pydantic import Field

from .base_model import BaseModel


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


FinishRun.model_rebuild()
