from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import MetricDirection


class Coverage(BaseModel):
    coverage: "CoverageCoverage"


class CoverageCoverage(BaseModel):
    metric: str
    direction: MetricDirection
    rows: list[Optional[str]]
    columns: list[Optional[str]]
    cells: list["CoverageCoverageCells"]


class CoverageCoverageCells(BaseModel):
    row: Optional[str]
    column: Optional[str]
    best: float
    median: float
    n_runs: int = Field(alias="nRuns")
    best_run: Optional["CoverageCoverageCellsBestRun"] = Field(alias="bestRun")


class CoverageCoverageCellsBestRun(BaseModel):
    id: str


Coverage.model_rebuild()
CoverageCoverage.model_rebuild()
CoverageCoverageCells.model_rebuild()
