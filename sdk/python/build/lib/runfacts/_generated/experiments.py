from pydantic import Field

from .base_model import BaseModel


class Experiments(BaseModel):
    experiments: list["ExperimentsExperiments"]


class ExperimentsExperiments(BaseModel):
    name: str
    run_count: int = Field(alias="runCount")
    needs_review_count: int = Field(alias="needsReviewCount")
    first_started_at: str = Field(alias="firstStartedAt")
    last_started_at: str = Field(alias="lastStartedAt")


Experiments.model_rebuild()
