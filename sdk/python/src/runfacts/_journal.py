"""The local journal: one append-only JSON-lines file per run holding the writes that could not
be sent yet (the server was down, or the buffer was full), so that nothing acknowledged to the
training loop is lost. Each write keeps its id, so sending it twice is harmless.

Lines: {"header": {...}} first, then {"op": {...}} for a pending write and {"done": id} once
the server has it, and {"run_id": id} when the registration of an offline run is sent.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any, Optional

Op = dict[str, Any]


def default_journal_dir() -> Path:
    """RUNFACTS_JOURNAL_DIR, else ~/.cache/runfacts/journal."""
    env = os.environ.get("RUNFACTS_JOURNAL_DIR")
    if env:
        return Path(env)
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "runfacts" / "journal"


class Journal:
    """A run's journal file; safe to use from the training and sender threads."""

    def __init__(self, path: Path, header: Optional[dict[str, Any]] = None) -> None:
        self.path = path
        self._lock = threading.Lock()
        self.header = header or {}

    def exists(self) -> bool:
        return self.path.exists()

    def _append(self, lines: list[dict[str, Any]]) -> None:
        with self._lock:
            fresh = not self.path.exists()
            if fresh:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a", encoding="utf-8") as f:
                if fresh and self.header:
                    f.write(json.dumps({"header": self.header}) + "\n")
                f.write("".join(json.dumps(line, allow_nan=False) + "\n" for line in lines))
                f.flush()
                os.fsync(f.fileno())

    def spill(self, ops: list[Op]) -> None:
        """Appends writes not yet sent, durably (fsync), in order."""
        if ops:
            self._append([{"op": op} for op in ops])

    def mark_done(self, op_id: str) -> None:
        self._append([{"done": op_id}])

    def set_run_id(self, run_id: str) -> None:
        self._append([{"run_id": run_id}])

    def read(self) -> tuple[dict[str, Any], Optional[str], list[Op]]:
        """The header, the run id if known, and the writes still pending, in order."""
        with self._lock:
            return self._read()

    def _read(self) -> tuple[dict[str, Any], Optional[str], list[Op]]:
        header: dict[str, Any] = {}
        run_id: Optional[str] = None
        ops: dict[str, Op] = {}
        done: set[str] = set()
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return header, run_id, []
        for line in text.splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue  # a line cut short by a crash: its write was never acknowledged
            if "header" in entry:
                header = entry["header"]
                run_id = header.get("run_id") or run_id
            elif "op" in entry:
                ops.setdefault(entry["op"]["id"], entry["op"])
            elif "done" in entry:
                done.add(entry["done"])
            elif "run_id" in entry:
                run_id = entry["run_id"]
        return header, run_id, [op for op_id, op in ops.items() if op_id not in done]

    def remove_if_done(self) -> bool:
        """Deletes the file once every write in it was sent; True when it is gone."""
        with self._lock:
            _, _, pending = self._read()
            if pending or not self.path.exists():
                return not self.path.exists()
            self.path.unlink()
            return True


def journals(directory: Path) -> list[Path]:
    """The journal files in a folder, oldest first."""
    if not directory.is_dir():
        return []
    return sorted(directory.glob("*.jsonl"), key=lambda p: p.stat().st_mtime)
