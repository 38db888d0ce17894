from typing import Literal, Optional, Union

from pydantic import Field

from .base_model import BaseModel


class SetTags(BaseModel):
    set_tags: Union[
        "SetTagsSetTagsInvalidInputError",
        "SetTagsSetTagsRunNotFoundError",
        "SetTagsSetTagsRunPayload",
    ] = Field(alias="setTags", discriminator="typename__")


class SetTagsSetTagsInvalidInputError(BaseModel):
    typename__: Literal["InvalidInputError"] = Field(alias="__typename")
    message: str
    field: Optional[str]


class SetTagsSetTagsRunNotFoundError(BaseModel):
    typename__: Literal["RunNotFoundError"] = Field(alias="__typename")
    message: str
    field: Optional[str]


class SetTagsSetTagsRunPayload(BaseModel):
    typename__: Literal["RunPayload"] = Field(alias="__typename")
    run_id: str = Field(alias="runId")
    seq: str


SetTags.model_rebuild()
