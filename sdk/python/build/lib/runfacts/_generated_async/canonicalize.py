from .base_model import BaseModel
from .fragments import MetaFields


class Canonicalize(BaseModel):
    canonicalize: "CanonicalizeCanonicalize"


CanonicalizeCanonicalize = MetaFields
Canonicalize.model_rebuild()
