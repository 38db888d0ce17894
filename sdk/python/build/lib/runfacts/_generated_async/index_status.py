from typing import Optional

from pydantic import Field

from .base_model import BaseModel


class IndexStatus(BaseModel):
    index_status: "IndexStatusIndexStatus" = Field(alias="indexStatus")


class IndexStatusIndexStatus(BaseModel):
    ready: bool
    phase: str
    done: int
    total: int
    pending_writes: int = Field(alias="pendingWrites")
    rebuilt_because: Optional[str] = Field(alias="rebuiltBecause")
    watching: bool
    watch_problem: Optional[str] = Field(alias="watchProblem")
    last_rescan_at: Optional[str] = Field(alias="lastRescanAt")
    last_refresh_at: Optional[str] = Field(alias="lastRefreshAt")
    last_build_ms: Optional[int] = Field(alias="lastBuildMs")
    runs_indexed: int = Field(alias="runsIndexed")
    error_count: int = Field(alias="errorCount")
    errors: list["IndexStatusIndexStatusErrors"]


class IndexStatusIndexStatusErrors(BaseModel):
    path: str
    run_id: Optional[str] = Field(alias="runId")
    kind: str
    message: str


IndexStatus.model_rebuild()
IndexStatusIndexStatus.model_rebuild()
