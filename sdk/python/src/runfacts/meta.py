"""Seed 000's canonical meta and `meta_hash`, computed locally and byte-identical to the server
(server/src/meta): the same rules, checked against the shared spec vectors and, by a property
test, against the server's `canonicalize` query."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any, Mapping, Optional, Sequence

DEFAULT_PROCESS_TABLE: Mapping[int, str] = {1: "4t", 2: "ttH", 3: "ttW", 4: "ttWW", 5: "ttZ"}
LEVELS = ("sim_event", "reco_event", "jet_level")
GOALS = ("classification", "anomaly_detection", "regression")
MODEL_FAMILIES = ("transformer", "mlp", "bdt", "ae")
DATATREATMENT_VOCABULARY: Mapping[str, Sequence[str]] = {
    "token_order": ("pt_sorted", "shuffled", "input_order", "unknown"),
    "tokenization": ("direct", "binned", "vq", "unknown"),
    "pid_encoding": ("embedded", "onehot", "raw", "none", "unknown"),
    "met_rep": ("met_metphi", "met_vec", "none", "unknown"),
    "feature_set_version": ("v1", "v2", "unknown"),
    "normalization": ("zscore", "minmax", "none", "unknown"),
}
DATATREATMENT_KEYS = (
    "token_order", "tokenization", "pid_encoding", "id_embed_dim",
    "met_rep", "globals_included", "feature_set_version", "normalization",
)  # fmt: skip
HASHED_FIELDS = (
    "schema_version", "level", "goal", "dataset_name",
    "model_family", "process_groups", "datatreatment",
)  # fmt: skip
# What training code may declare, and what stored meta.json may also carry (checked by the
# server, ignored here: derived values are recomputed).
INPUT_KEYS = frozenset(HASHED_FIELDS) | {"signal_class"}
STORED_KEYS = frozenset({
    "meta_source", "meta_confidence_fields", "meta_hash", "meta_confidence", "needs_review",
    "needs_review_reason", "n_classes", "processes_all", "class_def_str", "process_groups_key",
    "row_key", "derived_mismatches", "override",
})  # fmt: skip
# JavaScript's `\s` (the server's rule), which differs from Python's.
_BAD_NAME = re.compile(
    "[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff+|:]"
)
_NO_EMBEDDING = {"onehot", "raw", "none"}


class MetaError(ValueError):
    """A meta breaks a seed-000 rule; `field` is the dotted path of the offending value."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def canonical_json(value: Any) -> str:
    """Sorted keys, no whitespace, non-ASCII kept; integers only (as the server's)."""

    def check(v: Any, path: str) -> None:
        if isinstance(v, float):
            raise TypeError(f"{path}: canonical JSON holds integers only, got {v}")
        if isinstance(v, str):
            try:
                v.encode("utf-8")
            except UnicodeEncodeError as e:
                raise TypeError(f"{path}: string has a lone UTF-16 surrogate") from e
        elif isinstance(v, dict):
            for k, item in v.items():
                check(item, f"{path}.{k}")
        elif isinstance(v, (list, tuple)):
            for i, item in enumerate(v):
                check(item, f"{path}[{i}]")

    check(value, "$")
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def meta_hash(meta: Mapping[str, Any]) -> str:
    """`"sha1:"` + the hex SHA-1 of the canonical JSON of the seven hashed fields."""
    hashed: str = canonicalize(meta)["meta_hash"]
    return hashed


def _nullable_name(meta: Mapping[str, Any], field: str, vocab: Optional[Sequence[str]]) -> Any:
    value = meta.get(field)
    if value is None:
        return None
    if not isinstance(value, str) or value == "":
        raise MetaError(f"{_dump(value)} must be a non-empty string or null", field)
    if vocab is not None and value not in vocab:
        raise MetaError(f"{_dump(value)} is not one of {', '.join(vocab)}", field)
    return value


def _process_name(raw: object, table: Mapping[int, str], where: str) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)  # JSON cannot tell 2.0 from 2, and neither can the server
    if isinstance(raw, int) and not isinstance(raw, bool):
        name = table.get(raw)
        if name is None:
            known = ", ".join(f"{i}:{n}" for i, n in table.items())
            raise MetaError(f"process id {raw} is not in the process table ({known})", where)
        return name
    if not isinstance(raw, str):
        raise MetaError(f"{_dump(raw)} must be a process name or id", where)
    if raw == "" or _BAD_NAME.search(raw):
        raise MetaError(
            f"process name {_dump(raw)} must be non-empty without spaces, '+', '|' or ':'", where
        )
    return raw


def _signature(cls: list[str]) -> str:
    return "+".join(cls)


def canonical_process_groups(
    groups: object, table: Mapping[int, str], signal_class: Optional[int]
) -> list[list[str]]:
    """Processes sorted in each class, classes by signature; a signal class keeps its index."""
    field = "process_groups"
    if not isinstance(groups, (list, tuple)) or any(
        not isinstance(c, (list, tuple)) for c in groups
    ):
        raise MetaError("must be a list of classes, each a list of names or ids, or null", field)
    if len(groups) == 0:
        raise MetaError("needs at least one class; use null when the classes are unknown", field)
    owner: dict[str, int] = {}
    classes: list[list[str]] = []
    for i, cls in enumerate(groups):
        if len(cls) == 0:
            raise MetaError("a class may not be empty", f"{field}[{i}]")
        names = [_process_name(p, table, f"{field}[{i}][{j}]") for j, p in enumerate(cls)]
        for name in names:
            first = owner.get(name)
            if first == i:
                raise MetaError(f"process {name} is listed twice in class {i}", f"{field}[{i}]")
            if first is not None:
                raise MetaError(
                    f"a process may belong to one class only: {name} is in classes {first} and {i}",
                    field,
                )
            owner[name] = i
        classes.append(sorted(names))
    if signal_class is None:
        return sorted(classes, key=_signature)
    if not 0 <= signal_class < len(classes):
        raise MetaError(
            f"signal_class {signal_class} is not an index of the {len(classes)} declared classes",
            "signal_class",
        )
    rest = sorted((c for i, c in enumerate(classes) if i != signal_class), key=_signature)
    rest.insert(signal_class, classes[signal_class])
    return rest


def _datatreatment(raw: object) -> dict[str, Any]:
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        raise MetaError("must be an object of the 8 datatreatment keys", "datatreatment")
    extra = [k for k in raw if k not in DATATREATMENT_KEYS]
    if extra:
        raise MetaError(
            f"unknown key(s) {', '.join(extra)}; the keys are {', '.join(DATATREATMENT_KEYS)}",
            "datatreatment",
        )
    out: dict[str, Any] = {}
    for key in DATATREATMENT_KEYS:
        value = raw.get(key)
        where = f"datatreatment.{key}"
        if key == "id_embed_dim":
            dim: Any = "unknown" if key not in raw else value
            if not (dim is None or dim == "unknown" or (_is_int(dim) and dim > 0)):
                raise MetaError(
                    f"{_dump(dim)} must be a positive integer, null or 'unknown'", where
                )
            out[key] = dim
        elif key == "globals_included":
            if not (value is None or value == "unknown" or isinstance(value, bool)):
                raise MetaError(f"{_dump(value)} must be true, false or 'unknown'", where)
            out[key] = "unknown" if value is None else value
        else:
            vocab = DATATREATMENT_VOCABULARY[key]
            if value is not None and value not in vocab:
                raise MetaError(f"{_dump(value)} is not one of {', '.join(vocab)}", where)
            out[key] = "unknown" if value is None else value
    if _is_int(out["id_embed_dim"]) and out["pid_encoding"] in _NO_EMBEDDING:
        raise MetaError(
            f"is {out['id_embed_dim']} but pid_encoding is {out['pid_encoding']}; "
            "an embedding size applies only when pid_encoding is embedded",
            "datatreatment.id_embed_dim",
        )
    return out


def _derived(groups: Optional[list[list[str]]], dataset: Optional[str]) -> dict[str, Any]:
    if groups is None:
        return dict.fromkeys(
            ("n_classes", "processes_all", "class_def_str", "process_groups_key", "row_key")
        )
    signatures = [_signature(c) for c in groups]
    key = "|".join(signatures)
    return {
        "n_classes": len(groups),
        "processes_all": sorted(p for c in groups for p in c),
        "class_def_str": " | ".join(signatures),
        "process_groups_key": key,
        "row_key": None if dataset is None else f"{dataset}::{key}",
    }


def canonicalize(
    meta: Mapping[str, Any], process_table: Mapping[int, str] = DEFAULT_PROCESS_TABLE
) -> dict[str, Any]:
    """The seven canonical fields of a seed-000 meta (default vocabularies), its derived fields,
    `signal_class` and `meta_hash`. Raises MetaError naming the field at fault."""
    if not isinstance(meta, Mapping):
        raise MetaError("meta must be a JSON object", "meta")
    unknown = sorted(k for k in meta if k not in INPUT_KEYS and k not in STORED_KEYS)
    if unknown:
        raise MetaError(f"unknown key(s) {', '.join(unknown)}", "meta")
    version: Any = meta.get("schema_version", 0)
    if not _is_int(version) or version < 0:
        raise MetaError(f"{_dump(version)} is not a schema version", "schema_version")
    if version > 1:
        raise MetaError(f"is {version} but this runfacts knows versions up to 1", "schema_version")
    signal = meta.get("signal_class")
    if signal is not None and not _is_int(signal):
        raise MetaError(f"{_dump(signal)} must be an integer or null", "signal_class")
    level = _nullable_name(meta, "level", LEVELS)
    goal = _nullable_name(meta, "goal", GOALS)
    family = _nullable_name(meta, "model_family", MODEL_FAMILIES)
    dataset = _nullable_name(meta, "dataset_name", None)
    if dataset is not None and "::" in dataset:
        raise MetaError("may not contain '::' (it separates the parts of row_key)", "dataset_name")
    raw_groups = meta.get("process_groups")
    groups = (
        None if raw_groups is None else canonical_process_groups(raw_groups, process_table, signal)
    )
    fields: dict[str, Any] = {
        "schema_version": 1,
        "level": level,
        "goal": goal,
        "dataset_name": dataset,
        "model_family": family,
        "process_groups": groups,
        "datatreatment": _datatreatment(meta.get("datatreatment")),
    }
    hashed = canonical_json(fields)
    return {
        **fields,
        **_derived(groups, dataset),
        "signal_class": signal,
        "canonical_json": hashed,
        "meta_hash": "sha1:" + hashlib.sha1(hashed.encode("utf-8")).hexdigest(),
    }
