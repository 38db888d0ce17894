"""The run handle: `with client.start_run(...) as run: run.log({...}, step=...)`."""

from __future__ import annotations

import atexit
import os
import re
import sys
import time
import warnings
from collections import deque
from pathlib import Path
from types import TracebackType
from typing import Any, Mapping, Optional

from ._artifacts import files_of, sha256_of
from ._journal import Journal
from ._ops import new_op, send_op
from ._params import flatten_params, param_text
from ._sender import Point, Sender, iso
from ._transport import Transport
from .errors import InvalidKeyError, NonFiniteValueError, RunfactsError, RunfactsTransportError

_MLFLOW_KEY = re.compile(r"^[A-Za-z0-9_\-. /]+$")
_time = time.time


def check_key(key: object, what: str) -> str:
    """MLflow's key rule, as the server applies it, so a bad key fails in the training loop."""
    if not isinstance(key, str) or not 1 <= len(key) <= 250 or not _MLFLOW_KEY.match(key):
        raise InvalidKeyError(
            f"{what} key {key!r} must be 1 to 250 letters, digits, '_', '-', '.', '/' or spaces"
        )
    if key.startswith("/") or ".." in key.split("/"):
        raise InvalidKeyError(f"{what} key {key!r} may not start with '/' or hold a '..' segment")
    return key


class Run:
    """A registered (or, with the server away, journaled) run. `log` only appends to an
    in-memory buffer; a background thread sends batches by size and by time. On leaving the
    `with` block the run finishes FINISHED, FAILED on an exception, KILLED on Ctrl-C."""

    def __init__(
        self,
        transport: Transport,
        journal: Journal,
        run_id: Optional[str],
        client_request_id: str,
        *,
        batch_size: int,
        flush_interval: float,
        max_buffer: int,
        attempts: int,
        close_timeout: float,
    ) -> None:
        self.client_request_id = client_request_id
        self.journal_path = journal.path
        #: Summary metrics sent when the run finishes; each key logged starts as its last value.
        self.summary: dict[str, float] = {}
        self._points: deque[Point] = deque()
        self._keys: set[str] = set()
        self._batch_size = batch_size
        self._max_buffer = max_buffer
        self._close_timeout = close_timeout
        self._finished = False
        self._warned = False
        self._artifacts: list[dict[str, str]] = []
        self._transport = transport
        self._sender = Sender(
            transport, journal, run_id, self._points, batch_size, flush_interval, attempts
        )
        self._wake = self._sender.wake
        self._sender.start()
        # A run used without `with` and never finished still sends its points (as MLflow does).
        atexit.register(self._finish_at_exit)

    @property
    def id(self) -> Optional[str]:
        """The run id; None while the registration waits in the journal (server away)."""
        return self._sender.run_id

    def log(self, values: Mapping[str, float], step: int = 0) -> None:
        """Buffers `{key: value}` at `step` (microseconds; never a network round trip).
        NaN and infinities are refused here, before anything is sent. A write the server refused
        in the background is a RuntimeWarning here (the loop goes on) and an error at finish."""
        if self._sender.failure is not None and not self._warned:
            self._warn_failure()
        if type(step) is not int or step < 0:
            raise ValueError(f"step must be a whole number >= 0, got {step!r}")
        t = _time()
        append = self._points.append
        for key, value in values.items():
            v = float(value)
            if v - v != 0.0:
                raise NonFiniteValueError(
                    f"metric {key!r} at step {step} is {v}; NaN and infinities cannot be stored "
                    "(nothing of this call was logged)"
                )
            if key not in self._keys:
                self._keys.add(check_key(key, "metric"))
            append((key, v, step, t))
            self.summary[key] = v
        n = len(self._points)
        if n >= self._batch_size:
            if not self._wake.is_set():
                self._wake.set()
            if n >= self._max_buffer:
                self._sender.spill_buffer()

    def log_params(self, params: Mapping[str, Any]) -> None:
        """Queues params, flattened as the server flattens a config: `{"opt": {"lr": 0.1}}` is
        opt.lr = "0.1", lists by index, other values as JSON text."""
        flat = [{"key": check_key(k, "param"), "value": v} for k, v in flatten_params(params)]
        if flat:
            self._sender.enqueue(new_op("params", params=flat))

    def set_tags(self, tags: Mapping[str, str]) -> None:
        """Queues tags (string values)."""
        items = [{"key": check_key(k, "tag"), "value": param_text(v)} for k, v in tags.items()]
        if items:
            self._sender.enqueue(new_op("tags", tags=items))

    def artifact(self, path: str, kind: str = "model") -> None:
        """Records where an artifact of the run lives elsewhere (a path or URI, not uploaded),
        sent when the run finishes; `log_artifact` uploads a file instead."""
        if not path.strip():
            raise ValueError("artifact path may not be empty")
        self._artifacts.append({"path": path, "kind": kind})

    def log_artifact(
        self, local: str | os.PathLike[str], name: Optional[str] = None, kind: str = "model"
    ) -> list[dict[str, Any]]:
        """Uploads a file, or every file under a folder (paths relative to it, under `name` when
        given), with its SHA-256; a repeat of the same content is a no-op. With the server away
        the upload waits in the journal (the file must stay as it was until it is sent)."""
        ops = []
        for file, path in files_of(Path(local), name):
            sha256, size = sha256_of(file)
            ops.append(
                new_op("artifact", file=str(file.resolve()), path=path, artifact_kind=kind,
                       sha256=sha256, size=size)
            )  # fmt: skip
        out: list[dict[str, Any]] = []
        for op in ops:
            logged = {"path": op["path"], "kind": kind, "size": op["size"], "sha256": op["sha256"]}
            if self.id is not None and not self._sender.offline and not self._sender.refused:
                try:
                    send_op(self._transport, op, self.id, self._sender.attempts)
                    out.append({**logged, "sent": True})
                    continue
                except RunfactsTransportError:
                    pass  # queued below: sent when the server is back, or by sync
            self._sender.enqueue(op)
            out.append({**logged, "sent": False})
        return out

    def flush(self, timeout: float = 30.0) -> bool:
        """Waits until every point logged so far is sent or journaled; False on timeout."""
        return self._sender.wait_idle(timeout)

    def finish(self, status: str = "FINISHED", metrics: Optional[Mapping[str, Any]] = None) -> None:
        """Sends what is buffered, then finishes the run (FINISHED, FAILED or KILLED) with the
        summary metrics. With the server away, the writes stay in the journal for `sync`."""
        if self._finished:
            return
        self._finished = True
        atexit.unregister(self._finish_at_exit)
        summary = {**self.summary, **(metrics or {})}
        for key, value in _leaves(summary):
            if float(value) - float(value) != 0.0:
                raise NonFiniteValueError(f"summary metric {key!r} is {value}")
        body: dict[str, Any] = {"status": status, "endedAt": iso(_time())}
        if summary:
            body["metrics"] = summary
        if self._artifacts:
            body["artifacts"] = self._artifacts
        self._sender.enqueue(new_op("finish", input=body))
        self._sender.stop(self._close_timeout)
        if self.journal_path.exists():
            print(
                f"runfacts: the server did not take every write of run "
                f"{self.id or self.client_request_id}; they are kept in {self.journal_path}; "
                "send them with `runfacts-sync` (or client.sync()) when it is back",
                file=sys.stderr,
            )
        if self._sender.failure is not None:
            self._raise_failure()

    def _finish_at_exit(self) -> None:
        try:
            self.finish("FINISHED")
        except RunfactsError as e:
            print(f"runfacts: finishing run {self.id} at exit failed: {e}", file=sys.stderr)

    def _warn_failure(self) -> None:
        # The loop goes on (the writes are kept); finish() raises the error.
        self._warned = True
        warnings.warn(
            f"runfacts: the server refused a write of run {self.id}: {self._sender.failure} "
            "(training goes on; finish() raises it)",
            RuntimeWarning,
            stacklevel=3,
        )

    def _raise_failure(self) -> None:
        failure, self._sender.failure = self._sender.failure, None
        if failure is not None:
            raise failure

    def __enter__(self) -> Run:
        return self

    def __exit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        if exc_type is None:
            self.finish("FINISHED")
            return
        status = "KILLED" if issubclass(exc_type, KeyboardInterrupt) else "FAILED"
        try:
            self.finish(status)
        except RunfactsError as e:  # the block's own exception is the one to see
            print(f"runfacts: finishing the run as {status} failed: {e}", file=sys.stderr)


def _leaves(values: Mapping[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for key, value in values.items():
        path = f"{prefix}.{key}" if prefix else key
        out.extend(_leaves(value, path) if isinstance(value, Mapping) else [(path, value)])
    return out
