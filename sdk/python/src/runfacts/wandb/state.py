"""The mirror's state file (`<offline dir>/runfacts-wandb.json`): per target (offline, or a W&B
server) and runfacts run, the fingerprint last mirrored and how far each history was sent, so a
second mirror writes only runs whose facts changed, and only their new history points."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

STATE_FILE = "runfacts-wandb.json"
STATE_VERSION = 1


@dataclass
class SentHistory:
    """The points of one metric already in W&B: how many, up to which step."""

    count: int
    last_step: int


@dataclass
class MirroredRun:
    wandb_id: str
    project: str
    fingerprint: str
    meta_hash: str
    history: dict[str, SentHistory] = field(default_factory=dict)
    # Offline run folders written for this run, oldest first (`wandb sync` replays them in order).
    dirs: list[str] = field(default_factory=list)


class StateError(Exception):
    """The state file exists but cannot be used."""


def _mirrored(raw: Any) -> MirroredRun:
    history = {k: SentHistory(**v) for k, v in raw.get("history", {}).items()}
    return MirroredRun(**{**raw, "history": history})


class MirrorState:
    def __init__(self, path: Path, target: str) -> None:
        self.path = path
        self.target = target
        self._targets: dict[str, dict[str, Any]] = {}
        self.runs: dict[str, MirroredRun] = {}
        if path.exists():
            try:
                data = json.loads(path.read_text("utf-8"))
                if data.get("schema_version") != STATE_VERSION:
                    raise ValueError(f"schema_version is not {STATE_VERSION}")
                self._targets = data["targets"]
                self.runs = {k: _mirrored(v) for k, v in self._targets.get(target, {}).items()}
            except (ValueError, KeyError, TypeError, AttributeError) as e:
                raise StateError(
                    f"{path} cannot be read ({e}); delete it and mirror with --rebuild"
                ) from e

    def save(self) -> None:
        """Atomically: a crash leaves the previous state, never half of one."""
        self._targets[self.target] = {k: asdict(v) for k, v in sorted(self.runs.items())}
        text = json.dumps(
            {"schema_version": STATE_VERSION, "targets": self._targets}, indent=1, sort_keys=True
        )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".runfacts-wandb.")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
