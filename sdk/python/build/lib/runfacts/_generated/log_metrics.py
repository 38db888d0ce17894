from typing import Literal, Optional, Union

from pydantic import Field

from .base_model import BaseModel


class LogMetrics(BaseModel):
    log_metrics: Union[
        "LogMetricsLogMetricsInvalidInputError",
        "LogMetricsLogMetricsLogMetricsPayload",
        "LogMetricsLogMetricsRunNotFoundError",
    ] = Field(alias="logMetrics", discriminator="typename__")


class LogMetricsLogMetricsInvalidInputError(BaseModel):
    typename__: Literal["InvalidInputError"] = Field(alias="__typename")
    message: str
    field: Optional[str]


class LogMetricsLogMetricsLogMetricsPayload(BaseModel):
    typename__: Literal["LogMetricsPayload"] = Field(alias="__typename")
    run_id: str = Field(alias="runId")
    count: int
    applied: bool
    seq: str


class LogMetricsLogMetricsRunNotFoundError(BaseModel):
    typename__: Literal["RunNotFoundError"] = Field(alias="__typename")
    message: str
    field: Optional[str]


LogMetrics.model_rebuild()
