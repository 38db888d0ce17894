from typing import Optional

from .base_model import BaseModel


class Compare(BaseModel):
    compare: "CompareCompare"


class CompareCompare(BaseModel):
    runs: list["CompareCompareRuns"]
    params: list["CompareCompareParams"]
    metrics: list["CompareCompareMetrics"]


class CompareCompareRuns(BaseModel):
    id: str


class CompareCompareParams(BaseModel):
    key: str
    values: list[Optional[str]]
    differs: bool


class CompareCompareMetrics(BaseModel):
    key: str
    values: list[Optional[float]]
    differs: bool


Compare.model_rebuild()
CompareCompare.model_rebuild()
