"""One keep-alive httpx client under the generated GraphQL client: retries with backoff for
calls that are safe to repeat, generated exceptions turned into this package's typed ones."""

from __future__ import annotations

import os
import random
import threading
import time
from typing import Any, Callable, Optional, TypeVar

import httpx

from ._generated import GraphQLClient
from ._generated.exceptions import (
    GraphQLClientGraphQLMultiError,
    GraphQLClientHttpError,
    GraphQLClientInvalidResponseError,
)
from .errors import RunfactsError, RunfactsGraphQLError, RunfactsTransportError, error_from_result

T = TypeVar("T")


def graphql_url(url: Optional[str]) -> str:
    """The GraphQL endpoint from a URL given or RUNFACTS_URL; `/graphql` is added when missing."""
    url = url or os.environ.get("RUNFACTS_URL")
    if not url:
        raise RunfactsTransportError(
            "no server URL: pass Client(url='http://127.0.0.1:4000') or set RUNFACTS_URL"
        )
    url = url.rstrip("/")
    return url if url.endswith("/graphql") else url + "/graphql"


def backoff(attempt: int, cap: float = 5.0) -> float:
    """Exponential backoff with jitter: about 0.1 s, 0.2 s, 0.4 s ... up to `cap`."""
    return float(min(cap, 0.1 * 2**attempt) * (0.5 + random.random()))


def unwrap(result: Any) -> Any:
    """Raises the typed error of a result-union member that implements `Error`, else returns it."""
    if hasattr(result, "message") and hasattr(result, "field"):
        raise error_from_result(result.model_dump())
    return result


def payload(result: object, kind: type[T]) -> T:
    """The success member of a result union, or its typed error raised."""
    unwrap(result)
    if not isinstance(result, kind):
        raise RunfactsError(f"unexpected answer {type(result).__name__}, wanted {kind.__name__}")
    return result


class Transport:
    """Calls the generated client; `repeatable` calls are retried on network errors and 5xx."""

    def __init__(
        self, url: Optional[str], token: Optional[str], timeout: float, retries: int
    ) -> None:
        self.url = graphql_url(url)
        token = token or os.environ.get("RUNFACTS_TOKEN")
        headers = {"authorization": f"Bearer {token}"} if token else {}
        self.http = httpx.Client(headers=headers, timeout=timeout)
        self.graphql = GraphQLClient(url=self.url, http_client=self.http)  # type: ignore[arg-type]
        self.retries = retries
        self.seq: Optional[str] = None
        self._seq_lock = threading.Lock()

    def note_seq(self, seq: Optional[str]) -> None:
        """Keeps the consistency token of this client's latest write, passed as `minSeq` to list
        queries so they wait for it. Tokens are `<boot>.<n>`: within one server boot the highest
        n wins (writes of two threads may answer out of order); a new boot replaces the old."""
        if seq is None:
            return
        with self._seq_lock:
            boot, _, n = seq.partition(".")
            if self.seq is not None:
                old_boot, _, old_n = self.seq.partition(".")
                if old_boot == boot and n.isdigit() and old_n.isdigit() and int(n) < int(old_n):
                    return
            self.seq = seq

    def call(
        self,
        operation: str,
        fn: Callable[[GraphQLClient], T],
        repeatable: bool = True,
        attempts: Optional[int] = None,
    ) -> T:
        total = attempts if attempts is not None else (self.retries + 1 if repeatable else 1)
        last: Exception = RunfactsTransportError(f"{operation}: not attempted")
        for attempt in range(total):
            try:
                return fn(self.graphql)
            except httpx.TransportError as e:
                last = RunfactsTransportError(f"{operation}: cannot reach {self.url}: {e}")
            except GraphQLClientHttpError as e:
                messages = _graphql_messages(e.response)
                if e.status_code < 500 and messages:
                    raise RunfactsGraphQLError(operation, messages) from None
                last = RunfactsTransportError(
                    f"{operation}: HTTP {e.status_code} from {self.url}", e.status_code
                )
                if e.status_code < 500:
                    raise last from None
            except GraphQLClientGraphQLMultiError as e:
                raise RunfactsGraphQLError(operation, [x.message for x in e.errors]) from None
            except GraphQLClientInvalidResponseError:
                raise RunfactsTransportError(
                    f"{operation}: {self.url} did not answer with GraphQL JSON"
                ) from None
            if attempt + 1 < total:
                time.sleep(backoff(attempt))
        raise last

    def close(self) -> None:
        self.http.close()


def _graphql_messages(response: Any) -> list[str]:
    try:
        body = response.json()
    except ValueError:
        return []
    errors = body.get("errors") if isinstance(body, dict) else None
    return [str(e.get("message")) for e in errors or [] if isinstance(e, dict)]
