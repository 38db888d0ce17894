"""What a runfacts run looks like in W&B (pure, no wandb import): seed 000's `meta.*` config
fields and minimal tag set, the flattened config and params, summary, history rows, and the
deterministic W&B run id that lets a second mirror update the same W&B run."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, Mapping, Optional, Sequence

from .._generated.fragments import MetaFields, RunFields
from ..meta import DATATREATMENT_KEYS

# Bumped when the mapping changes, so that every run is mirrored again under the new one.
MAPPING_VERSION = 1
MAX_TAG_CHARS = 64  # W&B refuses longer tags

# Seed 000's "W&B Integration / Config Fields" list, in its order; lists and objects as JSON text.
META_CONFIG_FIELDS = (
    "schema_version", "level", "goal", "model_family", "dataset_name", "process_groups",
    "process_groups_key", "class_def_str", "row_key", "n_classes", "datatreatment",
    "datatreatment_tokenization", "meta_hash", "meta_confidence", "needs_review",
)  # fmt: skip
JSON_TEXT_FIELDS = frozenset({"process_groups", "datatreatment"})


@dataclass
class HistoryPoint:
    step: int
    value: float
    timestamp: float  # seconds since the epoch, when the run logged it


@dataclass
class WandbRun:
    """One W&B run as the mirror writes it."""

    wandb_id: str
    project: str
    name: str
    group: Optional[str]
    job_type: Optional[str]
    notes: str
    tags: list[str]
    config: dict[str, Any]
    summary: dict[str, float]
    # step -> {metric key: value, "_timestamp": latest log time}; only the points this write adds
    rows: dict[int, dict[str, float]]
    exit_code: int
    warnings: list[str] = field(default_factory=list)


def wandb_id(run_id: str) -> str:
    """A W&B run id for a runfacts run id: the first 20 hex digits of its SHA-256 (W&B ids are
    short and lowercase alphanumeric; runfacts ids are neither)."""
    return hashlib.sha256(run_id.encode("utf-8")).hexdigest()[:20]


def project_name(experiment: str) -> str:
    """W&B forbids `/ \\ # ? % :` in project names; the empty experiment becomes `runfacts`."""
    cleaned = "".join("-" if c in "/\\#?%:" else c for c in experiment).strip()
    return cleaned[:128] or "runfacts"


def _json_text(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _param_text(value: Any) -> str:
    """A config value as the server's param text (JSON, strings as they are)."""
    return value if isinstance(value, str) else _json_text(value)


def _datatreatment(meta: MetaFields) -> dict[str, Any]:
    """The data treatment with its JSON types back: the API sends `globals_included` and
    `id_embed_dim` as text ("true", "8"), with "unknown" or null where seed 000 says so."""
    raw = meta.datatreatment.model_dump()
    out: dict[str, Any] = {k: raw[k] for k in DATATREATMENT_KEYS}
    globals_included = out["globals_included"]
    if globals_included in ("true", "false"):
        out["globals_included"] = globals_included == "true"
    embed = out["id_embed_dim"]
    if isinstance(embed, str) and embed.lstrip("-").isdigit():
        out["id_embed_dim"] = int(embed)
    return out


def meta_config(meta: MetaFields) -> dict[str, Any]:
    """Seed 000's `meta.*` config fields; null stays null (unknown, never guessed)."""
    treatment = _datatreatment(meta)
    values: dict[str, Any] = {
        "schema_version": meta.schema_version,
        "level": meta.level,
        "goal": meta.goal,
        "model_family": meta.model_family,
        "dataset_name": meta.dataset_name,
        "process_groups": meta.process_groups,
        "process_groups_key": meta.process_groups_key,
        "class_def_str": meta.class_def_str,
        "row_key": meta.row_key,
        "n_classes": meta.n_classes,
        "datatreatment": treatment,
        "datatreatment_tokenization": treatment["tokenization"],
        "meta_hash": meta.meta_hash,
        "meta_confidence": meta.confidence.value,
        "needs_review": meta.needs_review,
    }
    return {
        f"meta.{k}": _json_text(values[k]) if k in JSON_TEXT_FIELDS and values[k] is not None
        else values[k]
        for k in META_CONFIG_FIELDS
    }  # fmt: skip


def seed_tags(meta: MetaFields) -> list[str]:
    """Seed 000's minimal tag set; a null field has no tag (never guessed)."""
    pairs = (
        ("level", meta.level),
        ("goal", meta.goal),
        ("family", meta.model_family),
        ("dataset", meta.dataset_name),
    )
    tags = [f"{name}:{value}" for name, value in pairs if value is not None]
    return tags + (["needs_review"] if meta.needs_review else [])


def flatten_config(config: Any, prefix: str = "") -> dict[str, Any]:
    """Dotted keys, lists by index (as the MLflow mirror and seed 004); leaves keep their JSON
    type; an empty object or list stays one value so it is not lost."""
    children: Sequence[tuple[str, Any]]
    if isinstance(config, Mapping):
        children = [(str(k), v) for k, v in config.items()]
    elif isinstance(config, list):
        children = [(str(i), v) for i, v in enumerate(config)]
    else:
        return {prefix: config}
    if not children:
        return {prefix: config} if prefix else {}
    out: dict[str, Any] = {}
    for key, child in children:
        out.update(flatten_config(child, f"{prefix}.{key}" if prefix else key))
    return out


def fingerprint(run: RunFields) -> str:
    """A digest of what the run listing says about a run (meta, params, summary, tags, status,
    end): a run whose fingerprint is the one mirrored last has nothing new to write."""
    listed = run.model_dump(mode="json", by_alias=True)
    text = _json_text({"mapping": MAPPING_VERSION, "run": listed})
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def map_run(
    run: RunFields,
    config: Any,
    points: Mapping[str, Sequence[HistoryPoint]],
    *,
    project: Optional[str],
    group_by: Optional[str],
) -> WandbRun:
    """The W&B form of a run: `points` are the history points to write (all, or the new ones)."""
    warnings: list[str] = []
    merged: dict[str, Any] = {
        **meta_config(run.meta),
        "runfacts.run_id": run.id,
        "runfacts.experiment": run.experiment,
        "runfacts.status": run.status.value,
    }
    # The mirror's own keys win over a config key or param of the same name. The server keeps
    # the flattened config as params too (as text): a param repeating its config value is that.
    for key, value in flatten_config(config).items():
        if key in merged:
            warnings.append(f"config key {key!r} is not mirrored: a meta.* or runfacts.* key")
        else:
            merged[key] = value
    for param in run.params:
        known = merged.get(param.key, param.value)
        if param.key not in merged:
            merged[param.key] = param.value
        elif param.value not in (known, _param_text(known)):
            warnings.append(f"param {param.key!r} is not mirrored: another value has its key")
    tags = []
    for tag in seed_tags(run.meta):
        if len(tag) > MAX_TAG_CHARS:
            warnings.append(f"tag {tag!r} is longer than W&B's {MAX_TAG_CHARS} characters")
        else:
            tags.append(tag)
    rows: dict[int, dict[str, float]] = {}
    for key, series in points.items():
        for point in series:
            row = rows.setdefault(point.step, {})
            row[key] = point.value
            row["_timestamp"] = max(row.get("_timestamp", 0.0), point.timestamp)
    group = merged.get(group_by) if group_by else None
    return WandbRun(
        wandb_id=wandb_id(run.id),
        project=project or project_name(run.experiment),
        name=run.name,
        group=None if group is None else str(group),
        job_type=run.meta.goal,
        notes=f"runfacts run {run.id}, meta_hash {run.meta.meta_hash}",
        tags=tags,
        config=merged,
        summary={m.key: m.value for m in run.metrics},
        rows=dict(sorted(rows.items())),
        exit_code=0 if run.status.value == "FINISHED" else 1,
        warnings=warnings,
    )
