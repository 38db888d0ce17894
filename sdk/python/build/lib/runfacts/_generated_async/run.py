from typing import Any, Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import (  # noqa: F401
    RunFields,
    RunFieldsArtifacts,
    RunFieldsMeta,
    RunFieldsMetrics,
    RunFieldsParams,
    RunFieldsTags,
)


class Run(BaseModel):
    run: Optional["RunRun"]


class RunRun(RunFields):
    config: Any
    source_path: Optional[str] = Field(alias="sourcePath")
    history_keys: list[str] = Field(alias="historyKeys")


Run.model_rebuild()
