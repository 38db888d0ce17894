from typing import Optional

from .base_model import BaseModel


class MetricHistory(BaseModel):
    run: Optional["MetricHistoryRun"]


class MetricHistoryRun(BaseModel):
    id: str
    history: list["MetricHistoryRunHistory"]


class MetricHistoryRunHistory(BaseModel):
    step: float
    value: float
    timestamp: str


MetricHistory.model_rebuild()
MetricHistoryRun.model_rebuild()
