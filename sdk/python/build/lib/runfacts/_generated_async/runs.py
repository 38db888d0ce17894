from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .fragments import RunFields


class Runs(BaseModel):
    runs: "RunsRuns"


class RunsRuns(BaseModel):
    total_count: int = Field(alias="totalCount")
    page_info: "RunsRunsPageInfo" = Field(alias="pageInfo")
    edges: list["RunsRunsEdges"]


class RunsRunsPageInfo(BaseModel):
    has_next_page: bool = Field(alias="hasNextPage")
    end_cursor: Optional[str] = Field(alias="endCursor")


class RunsRunsEdges(BaseModel):
    cursor: str
    node: "RunsRunsEdgesNode"


RunsRunsEdgesNode = RunFields
Runs.model_rebuild()
RunsRuns.model_rebuild()
RunsRunsEdges.model_rebuild()
