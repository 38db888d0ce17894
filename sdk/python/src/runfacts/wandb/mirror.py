"""The mirror pass: list runs through the API, write those whose fingerprint changed since the
state file's record (all with `rebuild`), each with only the history points W&B lacks."""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable, Optional

from .._generated.fragments import RunFields
from ..client import Client
from .mapping import HistoryPoint, fingerprint, map_run, wandb_id
from .state import STATE_FILE, MirroredRun, MirrorState, SentHistory
from .writer import Target, Writer

SAVE_EVERY = 2.0  # seconds between state file saves during a pass (and always at its end)


@dataclass
class MirrorReport:
    """What a pass did: runs listed, written and unchanged, and what it could not map."""

    target: str
    directory: str
    listed: int = 0
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    warnings: dict[str, list[str]] = field(default_factory=dict)
    seconds: float = 0.0


Progress = Callable[[int, int], None]


def _new_points(
    key: str,
    points: list[HistoryPoint],
    sent: Optional[SentHistory],
    warn: Callable[[str], None],
) -> tuple[list[HistoryPoint], SentHistory]:
    """The points after what was sent; a history that changed below it is left as W&B has it."""
    if sent is None:
        new = points
    else:
        below = sum(1 for p in points if p.step <= sent.last_step)
        if below != sent.count:
            warn(
                f"history {key!r} changed at or below step {sent.last_step} after it was "
                "mirrored; only later points are written (--rebuild into a new project rewrites it)"
            )
        new = [p for p in points if p.step > sent.last_step]
    count = len(points)
    last = max((p.step for p in points), default=-1)
    return new, SentHistory(count=count, last_step=last)


def _epoch(timestamp: str) -> float:
    return datetime.fromisoformat(timestamp.replace("Z", "+00:00")).timestamp()


def _history(
    client: Client, run_id: str, key: str, warn: Callable[[str], None]
) -> list[HistoryPoint]:
    out = []
    for p in client.history(run_id, key).result:
        if float(p.step).is_integer():
            out.append(HistoryPoint(int(p.step), p.value, _epoch(p.timestamp)))
        else:
            warn(f"history {key!r}: step {p.step} is not an integer (W&B steps are); skipped")
    return out


def mirror(
    client: Client,
    target: Target,
    *,
    where: Optional[str] = None,
    experiment: Optional[str] = None,
    rebuild: bool = False,
    project: Optional[str] = None,
    group_by: Optional[str] = "meta.process_groups_key",
    progress: Optional[Progress] = None,
) -> MirrorReport:
    """Mirrors the matching runs (every run when neither `where` nor `experiment` is given)."""
    started = time.monotonic()
    state = MirrorState(target.directory / STATE_FILE, target.key)
    filters = {"experiment": [experiment]} if experiment is not None else None
    # Listed in full before wandb starts: a bad filter or an unreachable server fails here.
    listed: list[RunFields] = client.runs(where=where, filter=filters).to_list()
    report = MirrorReport(target=target.key, directory=str(target.directory), listed=len(listed))
    todo = []
    for run in listed:
        before = None if rebuild else state.runs.get(run.id)
        if before is not None and before.fingerprint == fingerprint(run):
            report.unchanged += 1
        else:
            todo.append((run, before))
    if rebuild and not target.online:
        # One complete copy per run: drop the folders of earlier passes before writing anew.
        for run, _ in todo:
            earlier = state.runs.pop(run.id, None)
            for old in earlier.dirs if earlier else []:
                shutil.rmtree(old, ignore_errors=True)
    if not todo:
        report.seconds = time.monotonic() - started
        return report
    writer = Writer(target)
    saved = time.monotonic()
    try:
        for done, (run, before) in enumerate(todo):
            warnings: list[str] = []
            full = client.run(run.id)
            points: dict[str, list[HistoryPoint]] = {}
            history: dict[str, SentHistory] = {}
            for key in full.history_keys:
                sent = before.history.get(key) if before else None
                series = _history(client, run.id, key, warnings.append)
                points[key], history[key] = _new_points(key, series, sent, warnings.append)
            mapped = map_run(full, full.config, points, project=project, group_by=group_by)
            folder = writer.write(mapped)
            state.runs[run.id] = MirroredRun(
                wandb_id=wandb_id(run.id),
                project=mapped.project,
                fingerprint=fingerprint(run),
                meta_hash=run.meta.meta_hash,
                history=history,
                dirs=(before.dirs if before else []) + [str(folder)],
            )
            report.written.append(run.id)
            if warnings or mapped.warnings:
                report.warnings[run.id] = warnings + mapped.warnings
            if progress:
                progress(done + 1, len(todo))
            if time.monotonic() - saved > SAVE_EVERY:
                state.save()
                saved = time.monotonic()
    finally:
        state.save()
        writer.close()
    report.seconds = time.monotonic() - started
    return report
