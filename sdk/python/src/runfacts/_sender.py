"""The background thread of a run handle: cuts buffered points into batches, sends the queued
writes in order with retries, and spills them to the journal when the server stays away;
it replays the journal first whenever one exists, so journaled writes go out before newer ones."""

from __future__ import annotations

import threading
import time
from collections import deque
from datetime import datetime, timezone
from typing import Optional

from ._journal import Journal
from ._ops import Op, new_op, send_op
from ._transport import Transport, backoff
from .errors import RunfactsError, RunfactsGraphQLError, RunfactsTransportError

Point = tuple[str, float, int, float]


def iso(t: float) -> str:
    return datetime.fromtimestamp(t, timezone.utc).isoformat(timespec="milliseconds")[:-6] + "Z"


class Sender(threading.Thread):
    def __init__(
        self,
        transport: Transport,
        journal: Journal,
        run_id: Optional[str],
        points: deque[Point],
        batch_size: int,
        flush_interval: float,
        attempts: int,
    ) -> None:
        super().__init__(name="runfacts-sender", daemon=True)
        self.transport = transport
        self.journal = journal
        self.run_id = run_id
        self.points = points
        self.batch_size = batch_size
        self.flush_interval = flush_interval
        self.attempts = attempts
        self.wake = threading.Event()
        self.failure: Optional[RunfactsError] = None
        self.offline = False
        #: The server refuses this run's requests: nothing more is sent, the journal keeps all.
        self.refused = False
        self.sent_batches = 0
        self.spills = 0
        self._ops: list[Op] = []
        #: Full buffers handed over by the training thread, journaled by this thread.
        self._full: list[list[Point]] = []
        self._writing = 0
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._deadline = float("inf")
        self._idle = threading.Condition(self._lock)

    def _cut(self) -> list[Op]:
        """Moves the buffered points into metric batches (each with its own id); lock held."""
        chunks, self._full = self._full, []
        # popleft, never clear(): the training thread appends meanwhile without the lock.
        chunks.append([self.points.popleft() for _ in range(len(self.points))])
        return [op for chunk in chunks for op in self._batches(chunk)]

    def _batches(self, points: list[Point]) -> list[Op]:
        ops: list[Op] = []
        for start in range(0, len(points), self.batch_size):
            batch = [
                {"key": key, "value": value, "step": step, "timestamp": iso(t)}
                for key, value, step, t in points[start : start + self.batch_size]
            ]
            ops.append(new_op("metrics", points=batch))
        return ops

    def enqueue(self, op: Optional[Op] = None) -> None:
        """Queues a write after every point logged before it."""
        with self._lock:
            self._ops.extend(self._cut())
            if op is not None:
                self._ops.append(op)
        self.wake.set()

    def spill_buffer(self) -> None:
        """The buffer is full (the server is slow or away): its points go to the journal.
        This thread writes them, so the training loop pays for a list copy, not for the JSON and
        the fsync; only when two full buffers still wait does the loop write them itself, which
        keeps memory bounded."""
        with self._lock:
            if len(self._full) < 2:
                self._full.append(list(self.points))
                self.points.clear()  # safe: only this (the training) thread appends
                self.wake.set()
                return
            ops = self._cut()
            self.spills += 1
            self.journal.spill(ops)

    def _spill_full(self) -> None:
        """Journals the full buffers handed over by the training thread. The lock is not held
        while writing (a training thread that fills the buffer again must not wait on the disk);
        `_writing` keeps those points counted until they are in the journal."""
        with self._lock:
            chunks, self._full = self._full, []
            self._writing = sum(len(chunk) for chunk in chunks)
        if not chunks:
            return
        ops = [op for chunk in chunks for op in self._batches(chunk)]
        self.spills += 1
        self.journal.spill(ops)
        with self._lock:
            self._writing = 0

    def _spill_queue(self) -> None:
        with self._lock:
            ops = self._cut()
            ops[:0] = self._ops
            self._ops = []
            if ops:
                self.spills += 1
                self.journal.spill(ops)

    def stop(self, timeout: float) -> None:
        """Sends what is queued, waiting at most `timeout` s; the rest stays in the journal."""
        self._deadline = time.monotonic() + timeout
        self._stopping.set()
        self.wake.set()
        self.join()

    def pending(self) -> int:
        with self._lock:
            full = sum(len(chunk) for chunk in self._full) + self._writing
            return len(self._ops) + len(self.points) + full

    def wait_idle(self, timeout: float) -> bool:
        """Waits until everything logged so far has been sent (or spilled)."""
        self.enqueue()
        end = time.monotonic() + timeout
        with self._idle:
            while self._ops or self.points or self._full or self._writing:
                left = end - time.monotonic()
                if left <= 0:
                    return False
                self._idle.wait(min(left, 0.05))
        return True

    def run(self) -> None:
        failures = 0
        while True:
            self.wake.wait(self.flush_interval)
            self.wake.clear()
            self._spill_full()
            with self._lock:
                self._ops.extend(self._cut())
            online = self._pump()
            stopping = self._stopping.is_set()
            if online:
                failures = 0
                if stopping and not self.journal.exists() and self.pending() == 0:
                    return
                continue
            failures += 1
            if stopping and (self.refused or time.monotonic() >= self._deadline):
                self._spill_queue()
                return
            pause = backoff(failures)
            if stopping:
                pause = min(pause, max(0.0, self._deadline - time.monotonic()))
            time.sleep(pause)
            self.wake.set()

    def _pump(self) -> bool:
        """Sends the journal, then the queue; False when nothing more can be sent now."""
        while True:
            # Journaled writes go first, so that a finish never overtakes points spilled earlier.
            if self.refused or (self.journal.exists() and not self._replay()):
                self._spill_queue()
                self.offline = True
                return False
            with self._lock:
                if not self._ops:
                    self._idle.notify_all()
                    break
                op = self._ops[0]
            try:
                self.run_id = send_op(self.transport, op, self.run_id, self.attempts)
                if op["kind"] == "metrics":
                    self.sent_batches += 1
            except RunfactsTransportError:
                self._spill_queue()
                self.offline = True
                return False
            except RunfactsGraphQLError as e:
                self._refuse(e)
                continue
            except RunfactsError as e:
                self.failure = e  # this write broke a rule: retrying cannot help
            with self._lock:
                self._ops.pop(0)
            self._spill_full()  # a full buffer waits at most one request, not the whole queue
        self.offline = False
        return True

    def _refuse(self, error: RunfactsError) -> None:
        """The server refuses this run's requests (a token revoked, a registration refused, an
        incompatible server): nothing more is sent, everything stays in the journal for sync."""
        self.failure = error
        self.refused = True

    def _replay(self) -> bool:
        while True:
            _, journaled_id, pending = self.journal.read()
            self.run_id = self.run_id or journaled_id
            for op in pending:
                try:
                    run_id = send_op(self.transport, op, self.run_id, self.attempts)
                except RunfactsTransportError:
                    return False
                except RunfactsGraphQLError as e:
                    self._refuse(e)
                    return False
                except RunfactsError as e:
                    if op["kind"] == "register":
                        # The server refused the run itself: its writes have nowhere to go, so
                        # they all stay in the journal (sync reports why) instead of being dropped.
                        self._refuse(e)
                        return False
                    self.failure = e
                    run_id = self.run_id
                if op["kind"] == "register" and run_id is not None:
                    self.journal.set_run_id(run_id)
                self.run_id = run_id
                self.journal.mark_done(op["id"])
            if self.journal.remove_if_done():
                return True
