"""Python values as the API's inputs: seed 000's snake_case meta as MetaInput, order strings
as RunOrder, and JSON that can be sent at all (no NaN or infinities)."""

from __future__ import annotations

from typing import Any, Mapping, Optional, Sequence, Union

from ._generated.enums import OrderDirection
from ._generated.input_types import RunOrder
from .errors import NonFiniteValueError

OrderBy = Union[str, Sequence[str]]
META_INPUT = {
    "schema_version": "schemaVersion", "level": "level", "goal": "goal",
    "dataset_name": "datasetName", "model_family": "modelFamily",
    "process_groups": "processGroups", "signal_class": "signalClass",
    "datatreatment": "datatreatment",
}  # fmt: skip
DATATREATMENT_INPUT = {
    "token_order": "tokenOrder", "tokenization": "tokenization", "pid_encoding": "pidEncoding",
    "id_embed_dim": "idEmbedDim", "met_rep": "metRep", "globals_included": "globalsIncluded",
    "feature_set_version": "featureSetVersion", "normalization": "normalization",
}  # fmt: skip


def meta_input(meta: Mapping[str, Any]) -> dict[str, Any]:
    """Seed 000's snake_case meta as the API's MetaInput (camelCase keys also accepted)."""
    out: dict[str, Any] = {}
    for key, value in meta.items():
        name = META_INPUT.get(key, key)
        if name not in META_INPUT.values():
            raise ValueError(f"meta: unknown key {key!r}; the keys are {', '.join(META_INPUT)}")
        if name == "datatreatment" and isinstance(value, Mapping):
            value = {DATATREATMENT_INPUT.get(k, k): v for k, v in value.items()}
        out[name] = value
    return out


def order_input(order_by: Optional[OrderBy]) -> Optional[list[RunOrder]]:
    """ "metrics.auroc desc" (or a list of such) as the API's RunOrder list."""
    if order_by is None:
        return None
    items = [order_by] if isinstance(order_by, str) else list(order_by)
    orders = []
    for item in items:
        field, _, direction = item.strip().partition(" ")
        orders.append(
            RunOrder(field=field, direction=OrderDirection((direction.strip() or "ASC").upper()))
        )
    return orders


def check_json(value: Any, path: str) -> None:
    """Refuses NaN and infinities (JSON cannot carry them) naming where they are."""
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        raise NonFiniteValueError(f"{path} is {value}; JSON cannot carry NaN or infinities")
    if isinstance(value, Mapping):
        for key, item in value.items():
            check_json(item, f"{path}.{key}")
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            check_json(item, f"{path}[{i}]")
