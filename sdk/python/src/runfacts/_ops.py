"""The writes a run handle queues (register, metrics, params, tags, finish) as plain JSON
objects, so they can wait in memory or in the journal alike, and how each is sent. Every
write is safe to send twice: registration by its client request id, metric batches by their
batch id, params and tags by overwriting the same values, and finish by its frozen status."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any, Optional

from ._artifacts import Artifacts
from ._generated.input_types import (
    FinishRunInput,
    MetricPointInput,
    ParamInput,
    RegisterRunInput,
    TagInput,
)
from ._transport import Transport, unwrap
from .errors import RunfactsError, RunFrozenError

Op = dict[str, Any]


def new_op(kind: str, **body: Any) -> Op:
    return {"id": str(uuid.uuid4()), "kind": kind, **body}


def send_op(
    transport: Transport,
    op: Op,
    run_id: Optional[str],
    attempts: int,
    timeout: Optional[float] = None,
) -> Optional[str]:
    """Sends one write with up to `attempts` tries; returns the run id (set by a registration).
    Raises RunfactsTransportError when the server stayed unreachable, a typed error otherwise."""
    kind = op["kind"]
    if kind == "register":
        registered = transport.call(
            "registerRun",
            lambda g: g.register_run(
                RegisterRunInput.model_validate(op["input"]),
                **({"timeout": timeout} if timeout else {}),
            ),
            attempts=attempts,
        )
        payload = unwrap(registered.register_run)
        transport.note_seq(getattr(payload, "seq", None))
        return str(payload.run_id)
    if run_id is None:
        raise RunfactsError(f"a {kind} write of a run that was never registered")
    if kind == "metrics":
        points = [MetricPointInput.model_validate(p) for p in op["points"]]
        logged = transport.call(
            "logMetrics",
            lambda g: g.log_metrics(run_id, points, batch_id=op["id"]),
            attempts=attempts,
        )
        transport.note_seq(getattr(unwrap(logged.log_metrics), "seq", None))
    elif kind == "params":
        params = [ParamInput.model_validate(p) for p in op["params"]]
        with_params = transport.call(
            "logParams", lambda g: g.log_params(run_id, params), attempts=attempts
        )
        try:
            transport.note_seq(getattr(unwrap(with_params.log_params), "seq", None))
        except RunFrozenError:
            # Replayed after the run finished: done if an earlier try already stored them.
            run = transport.call("run", lambda g: g.run(run_id)).run
            stored = {p.key: p.value for p in run.params} if run else {}
            if any(stored.get(p.key) != p.value for p in params):
                raise
    elif kind == "tags":
        tags = [TagInput.model_validate(t) for t in op["tags"]]
        tagged = transport.call("setTags", lambda g: g.set_tags(run_id, tags), attempts=attempts)
        transport.note_seq(getattr(unwrap(tagged.set_tags), "seq", None))
    elif kind == "finish":
        finish = FinishRunInput.model_validate(op["input"])
        finished = transport.call(
            "finishRun", lambda g: g.finish_run(run_id, finish), attempts=attempts
        )
        try:
            transport.note_seq(getattr(unwrap(finished.finish_run), "seq", None))
        except RunFrozenError as e:
            # An earlier try (this process's, or a journal's) finished it before the answer got
            # back; the run finishes once, so the write is done when the status matches.
            wanted = getattr(finish.status, "value", finish.status)
            if e.status is not None and e.status != wanted:
                raise
    elif kind == "artifact":
        # Safe to repeat: the server keeps one file per path and checksum.
        Artifacts(transport, retries=attempts - 1).upload(
            run_id, Path(op["file"]), op["path"], op.get("artifact_kind"), op["sha256"]
        )
    else:
        raise ValueError(f"unknown write kind {kind!r}")
    return run_id
