"""The client training code and notebooks use; generated calls do the GraphQL underneath."""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any, Mapping, Optional, Union

from ._generated import GraphQLClient
from ._inputs import check_json, meta_input
from ._journal import Journal, default_journal_dir
from ._ops import new_op, send_op
from ._sender import iso
from ._transport import Transport
from .errors import RunfactsTransportError
from .reads import Reads
from .registry import Registry
from .run import Run
from .sync import SyncReport, sync_journals

REGISTER_TIMEOUT = 5.0  # seconds per try of start_run's registration


class Client(Reads, Registry):
    """`Client(url=..., token=...)`; both default to RUNFACTS_URL and RUNFACTS_TOKEN."""

    def __init__(
        self,
        url: Optional[str] = None,
        token: Optional[str] = None,
        *,
        timeout: float = 30.0,
        retries: int = 3,
        journal_dir: Union[str, Path, None] = None,
    ) -> None:
        self._transport = Transport(url, token, timeout, retries)
        self.url = self._transport.url
        self.journal_dir = Path(journal_dir) if journal_dir else default_journal_dir()

    @property
    def graphql(self) -> GraphQLClient:
        """The generated client: one typed method per operation in queries/."""
        return self._transport.graphql

    def close(self) -> None:
        self._transport.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start_run(
        self,
        *,
        experiment: str,
        name: str,
        meta: Mapping[str, Any],
        architecture_code: Optional[str] = None,
        config: Optional[Mapping[str, Any]] = None,
        tags: Optional[Mapping[str, str]] = None,
        client_request_id: Optional[str] = None,
        batch_size: int = 1000,
        flush_interval: float = 1.0,
        max_buffer: int = 100_000,
        attempts: int = 4,
        close_timeout: float = 10.0,
    ) -> Run:
        """Registers a run and returns its handle (use it in a `with` block). When the server
        cannot be reached (or does not answer within seconds) the registration is journaled and
        the run goes on offline; `run.id` is None until it is sent."""
        if not 1 <= batch_size <= 1000:
            raise ValueError("batch_size must be 1 to 1000 (the server takes 1000 points a call)")
        check_json(config, "config")
        request_id = client_request_id or str(uuid.uuid4())
        body: dict[str, Any] = {
            "experiment": experiment,
            "name": name,
            "meta": meta_input(meta),
            "architectureCode": architecture_code,
            "config": dict(config) if config is not None else None,
            "tags": [{"key": k, "value": v} for k, v in (tags or {}).items()] or None,
            "clientRequestId": request_id,
            "startedAt": iso(time.time()),
        }
        register = new_op("register", input={k: v for k, v in body.items() if v is not None})
        journal = Journal(
            self.journal_dir / f"{request_id}.jsonl",
            {"url": self.url, "client_request_id": request_id, "experiment": experiment},
        )
        run_id: Optional[str] = None
        try:
            # Bounded, so that a hung server delays the start by seconds, not minutes; a
            # registration that did get through is found again by its client request id.
            run_id = send_op(self._transport, register, None, min(attempts, 2), REGISTER_TIMEOUT)
        except RunfactsTransportError:
            journal.spill([register])
        if run_id is not None:
            journal = Journal(journal.path, {**journal.header, "run_id": run_id})
        return Run(
            self._transport, journal, run_id, request_id,
            batch_size=batch_size, flush_interval=flush_interval, max_buffer=max_buffer,
            attempts=attempts, close_timeout=close_timeout,
        )  # fmt: skip

    def sync(self, journal_dir: Union[str, Path, None] = None) -> SyncReport:
        """Sends every journaled write (runs whose server was away) to this client's server."""
        return sync_journals(self._transport, Path(journal_dir or self.journal_dir))
