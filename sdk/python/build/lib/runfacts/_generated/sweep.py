from typing import Optional

from pydantic import Field

from .base_model import BaseModel


class Sweep(BaseModel):
    sweep: "SweepSweep"


class SweepSweep(BaseModel):
    factors: list["SweepSweepFactors"]
    total_cells: int = Field(alias="totalCells")
    covered_cells: int = Field(alias="coveredCells")
    runs_outside_design: int = Field(alias="runsOutsideDesign")
    cells: list["SweepSweepCells"]
    missing: list["SweepSweepMissing"]


class SweepSweepFactors(BaseModel):
    field: str
    levels: list[str]


class SweepSweepCells(BaseModel):
    levels: list[str]
    n_runs: int = Field(alias="nRuns")
    best: Optional[float]
    best_run: Optional["SweepSweepCellsBestRun"] = Field(alias="bestRun")


class SweepSweepCellsBestRun(BaseModel):
    id: str


class SweepSweepMissing(BaseModel):
    levels: list[str]


Sweep.model_rebuild()
SweepSweep.model_rebuild()
SweepSweepCells.model_rebuild()
