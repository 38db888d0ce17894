from typing import Optional

from pydantic import Field

from .base_model import BaseModel


class MirrorStatus(BaseModel):
    mirror_status: "MirrorStatusMirrorStatus" = Field(alias="mirrorStatus")


class MirrorStatusMirrorStatus(BaseModel):
    enabled: bool
    tracking_uri: Optional[str] = Field(alias="trackingUri")
    pending: int
    failed: list["MirrorStatusMirrorStatusFailed"]
    last_sync_at: Optional[str] = Field(alias="lastSyncAt")
    last_error: Optional[str] = Field(alias="lastError")


class MirrorStatusMirrorStatusFailed(BaseModel):
    run_id: str = Field(alias="runId")
    reason: str
    attempts: int
    at: str


MirrorStatus.model_rebuild()
MirrorStatusMirrorStatus.model_rebuild()
