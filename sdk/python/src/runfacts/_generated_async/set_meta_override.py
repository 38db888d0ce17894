from typing import Literal, Optional, Union

from pydantic import Field

from .base_model import BaseModel
from .fragments import MetaFields


class SetMetaOverride(BaseModel):
    set_meta_override: Union[
        "SetMetaOverrideSetMetaOverrideInvalidInputError",
        "SetMetaOverrideSetMetaOverrideMetaOverridePayload",
        "SetMetaOverrideSetMetaOverrideRunNotFoundError",
    ] = Field(alias="setMetaOverride", discriminator="typename__")


class SetMetaOverrideSetMetaOverrideInvalidInputError(BaseModel):
    typename__: Literal["InvalidInputError"] = Field(alias="__typename")
    message: str
    field: Optional[str]


class SetMetaOverrideSetMetaOverrideMetaOverridePayload(BaseModel):
    typename__: Literal["MetaOverridePayload"] = Field(alias="__typename")
    run_id: str = Field(alias="runId")
    seq: str
    meta: Optional["SetMetaOverrideSetMetaOverrideMetaOverridePayloadMeta"]


SetMetaOverrideSetMetaOverrideMetaOverridePayloadMeta = MetaFields


class SetMetaOverrideSetMetaOverrideRunNotFoundError(BaseModel):
    typename__: Literal["RunNotFoundError"] = Field(alias="__typename")
    message: str
    field: Optional[str]


SetMetaOverride.model_rebuild()
SetMetaOverrideSetMetaOverrideMetaOverridePayload.model_rebuild()
