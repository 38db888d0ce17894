"""The local journal: one append-only JSON-lines file per run holding the writes that could not
be sent yet (the server was down, or the buffer was full), so that nothing acknowledged to the
training loop is lost. Each write keeps its id, so sending it twice is harmless.

Lines: {"header": {...}} first, then {"op": {...}} for a pending write and {"done": id} once
the server has it, and {"run_id": id} when the registration of an offline run is sent.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from pathlib import Path
from typing import IO, Any, Iterator, Optional

try:
    import fcntl
except ImportError:  # Windows: one process a journal
    fcntl = None  # type: ignore[assignment]

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

    @contextlib.contextmanager
    def _locked(self, create: bool) -> Iterator[Optional[IO[str]]]:
        """The journal file opened for appending under an exclusive lock, shared with other
        processes (a `runfacts-sync` beside the live run), or None when it does not exist and
        `create` is false. Reopened when another process removed it while we waited."""
        with self._lock:
            while True:
                if create:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                try:
                    f = open(self.path, "a+" if create else "r+", encoding="utf-8")  # noqa: SIM115 (closed by the `with f` below)
                except FileNotFoundError:
                    yield None
                    return
                with f:
                    if fcntl is not None:
                        fcntl.flock(f.fileno(), fcntl.LOCK_EX)
                    try:
                        same = os.stat(self.path).st_ino == os.fstat(f.fileno()).st_ino
                    except FileNotFoundError:
                        same = False
                    if same:
                        yield f
                        return

    def _append(self, lines: list[dict[str, Any]]) -> None:
        with self._locked(create=True) as f:
            assert f is not None
            f.seek(0, os.SEEK_END)
            header = [{"header": self.header}] if f.tell() == 0 and self.header else []
            f.write("".join(json.dumps(line, allow_nan=False) + "\n" for line in header + lines))
            f.flush()
            os.fsync(f.fileno())

    def spill(self, ops: list[Op]) -> None:
        """Appends writes not yet sent, durably (fsync), in order."""
        if ops:
            self._append([{"op": op} for op in ops])

    def mark_done(self, op_id: str) -> None:
        self._append([{"done": op_id}])

    def set_run_id(self, run_id: str) -> None:
        self.header = {**self.header, "run_id": run_id}  # for a file made anew after a sync
        self._append([{"run_id": run_id}])

    def read(self) -> tuple[dict[str, Any], Optional[str], list[Op]]:
        """The header, the run id if known, and the writes still pending, in order."""
        with self._locked(create=False) as f:
            return _parse(f.read() if f else "")

    def remove_if_done(self) -> bool:
        """Deletes the file once every write in it was sent; True when it is gone."""
        with self._locked(create=False) as f:
            if f is None:
                return True
            if _parse(f.read())[2]:
                return False
            self.path.unlink()  # still holding the lock: a writer waiting reopens a new file
            return True


def _parse(text: str) -> tuple[dict[str, Any], Optional[str], list[Op]]:
    header: dict[str, Any] = {}
    run_id: Optional[str] = None
    ops: dict[str, Op] = {}
    done: set[str] = set()
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


def journals(directory: Path) -> list[Path]:
    """The journal files in a folder, oldest first."""
    found = []
    for path in directory.glob("*.jsonl") if directory.is_dir() else []:
        try:
            found.append((path.stat().st_mtime, path))
        except FileNotFoundError:  # sent and removed meanwhile
            continue
    return [path for _, path in sorted(found)]
