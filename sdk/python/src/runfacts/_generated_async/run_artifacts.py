from typing import Optional

from pydantic import Field

from .base_model import BaseModel


class RunArtifacts(BaseModel):
    run: Optional["RunArtifactsRun"]


class RunArtifactsRun(BaseModel):
    id: str
    artifacts: list["RunArtifactsRunArtifacts"]


class RunArtifactsRunArtifacts(BaseModel):
    path: str
    kind: str
    size: Optional[float]
    sha_256: Optional[str] = Field(alias="sha256")
    download_url: Optional[str] = Field(alias="downloadUrl")


RunArtifacts.model_rebuild()
RunArtifactsRun.model_rebuild()
