from typing import Optional

from pydantic import Field

from .base_model import BaseModel
from .enums import RunEventKind


class RunEvents(BaseModel):
    run_events: "RunEventsRunEvents" = Field(alias="runEvents")


class RunEventsRunEvents(BaseModel):
    kind: RunEventKind
    run_id: str = Field(alias="runId")
    experiment: str
    at: str
    count: Optional[int]
    seq: str


RunEvents.model_rebuild()
