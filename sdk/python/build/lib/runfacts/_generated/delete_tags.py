from typing import Literal, Optional, Union

from pydantic import Field

from .base_model import BaseModel


class DeleteTags(BaseModel):
    delete_tags: Union[
        "DeleteTagsDeleteTagsInvalidInputError",
        "DeleteTagsDeleteTagsRunNotFoundError",
        "DeleteTagsDeleteTagsRunPayload",
    ] = Field(alias="deleteTags", discriminator="typename__")


class DeleteTagsDeleteTagsInvalidInputError(BaseModel):
    typename__: Literal["InvalidInputError"] = Field(alias="__typename")
    message: str
    field: Optional[str]


class DeleteTagsDeleteTagsRunNotFoundError(BaseModel):
    typename__: Literal["RunNotFoundError"] = Field(alias="__typename")
    message: str
    field: Optional[str]


class DeleteTagsDeleteTagsRunPayload(BaseModel):
    typename__: Literal["RunPayload"] = Field(alias="__typename")
    run_id: str = Field(alias="runId")
    seq: str


DeleteTags.model_rebuild()
