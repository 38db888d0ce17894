"""Reads wandb's offline run files (`run-<id>.wandb`) back with wandb's own protobuf `Record`:
the file is wandb's header, then a LevelDB-style log of records (wandb 0.31 has no Python reader,
its `wandb sync` is in the wandb-core binary). Several folders of one run (a run mirrored again)
are replayed in order, as `wandb sync` does."""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from wandb.proto import wandb_internal_pb2

HEADER = b":W&B" + struct.pack("<HB", 0xBEE1, 0)
BLOCK = 32 * 1024
CHUNK_HEADER = 7  # crc32 (4), length (2), type (1)
FULL, FIRST, MIDDLE, LAST = 1, 2, 3, 4
# Generated protobuf code without type stubs.
RECORD: Any = wandb_internal_pb2.Record  # type: ignore[attr-defined]


def raw_records(path: Path) -> Iterator[bytes]:
    data = path.read_bytes()
    assert data[: len(HEADER)] == HEADER, f"{path} is not a wandb transaction log"
    pos, pending = len(HEADER), b""
    while pos + CHUNK_HEADER <= len(data):
        left = BLOCK - pos % BLOCK
        if left < CHUNK_HEADER:
            pos += left  # a block's trailer is padding
            continue
        _, length, kind = struct.unpack("<IHB", data[pos : pos + CHUNK_HEADER])
        if kind == 0:
            pos += left
            continue
        chunk = data[pos + CHUNK_HEADER : pos + CHUNK_HEADER + length]
        pos += CHUNK_HEADER + length
        if kind == FULL:
            yield chunk
        elif kind == FIRST:
            pending = chunk
        elif kind == MIDDLE:
            pending += chunk
        elif kind == LAST:
            yield pending + chunk
            pending = b""


def records(path: Path) -> Iterator[Any]:
    for raw in raw_records(path):
        record = RECORD()
        record.ParseFromString(raw)
        yield record


def _key(item: Any) -> str:
    return ".".join(item.nested_key) if item.nested_key else str(item.key)


@dataclass
class OfflineRun:
    """A W&B run as its offline files say."""

    run_id: str = ""
    project: str = ""
    name: str = ""
    group: str = ""
    job_type: str = ""
    notes: str = ""
    tags: list[str] = field(default_factory=list)
    config: dict[str, Any] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=dict)
    history: dict[int, dict[str, Any]] = field(default_factory=dict)
    exit_code: int = -1
    folders: int = 0

    def apply(self, path: Path) -> None:
        self.folders += 1
        for record in records(path):
            kind = record.WhichOneof("record_type")
            if kind == "run":
                run = record.run
                self.run_id, self.project, self.name = run.run_id, run.project, run.display_name
                self.group, self.job_type, self.notes = run.run_group, run.job_type, run.notes
                self.tags = list(run.tags)
                self.config.update({_key(u): json.loads(u.value_json) for u in run.config.update})
            elif kind == "config":
                self.config.update(
                    {_key(u): json.loads(u.value_json) for u in record.config.update}
                )
            elif kind == "summary":
                self.summary.update(
                    {_key(u): json.loads(u.value_json) for u in record.summary.update}
                )
            elif kind == "history":
                row = {_key(i): json.loads(i.value_json) for i in record.history.item}
                step = int(row.pop("_step"))
                assert step not in self.history, f"step {step} written twice"
                self.history[step] = {
                    k: v for k, v in row.items() if k == "_timestamp" or not k.startswith("_")
                }
            elif kind == "exit":
                self.exit_code = record.exit.exit_code


def offline_runs(directory: Path) -> dict[str, OfflineRun]:
    """Every offline run under `directory`/wandb, by W&B run id, folders replayed in time order."""
    runs: dict[str, OfflineRun] = {}
    for path in sorted((directory / "wandb").glob("offline-run-*/run-*.wandb")):
        run_id = path.stem.removeprefix("run-")
        runs.setdefault(run_id, OfflineRun()).apply(path)
    return runs
