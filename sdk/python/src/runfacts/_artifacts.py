"""Artifact files over `/artifacts/<run_id>/<path>` on the GraphQL server's host: uploads send
their SHA-256 (a repeat of the same content is a no-op, corruption is refused), downloads are
hashed while written and only renamed into place when they match."""

from __future__ import annotations

import hashlib
import os
import re
import time
from pathlib import Path
from typing import Any, Callable, Optional, TypeVar
from urllib.parse import quote

import httpx

from ._transport import Transport, backoff
from .errors import ChecksumError, RunfactsTransportError

_CHUNK = 1 << 20
T = TypeVar("T")


def sha256_of(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(_CHUNK), b""):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def artifact_path(relative: str) -> str:
    """A local relative path as an artifact path (the server's path hygiene, as the TS SDK)."""
    parts = [p for p in relative.replace("\\", "/").split("/") if p not in ("", ".", "..")]
    return "/".join(
        re.sub(r"^\.tmp-", "_tmp-", re.sub(r"[^A-Za-z0-9._+=@-]", "_", p)) for p in parts
    )


def inside(dest: Path, path: str) -> Path:
    """`dest/path`, refusing a path that would land outside `dest`."""
    root = dest.resolve()
    file = (root / path).resolve()
    if root not in file.parents:
        raise ValueError(f"artifact path {path!r} would be written outside {dest}; refused")
    return file


def files_of(local: Path, name: Optional[str]) -> list[tuple[Path, str]]:
    """(file, artifact path) for a file, or for every file under a folder, in a stable order."""
    if not local.is_dir():
        return [(local, artifact_path(name or local.name))]
    out = []
    for file in sorted(p for p in local.rglob("*") if p.is_file()):
        rel = file.relative_to(local).as_posix()
        out.append((file, artifact_path(f"{name}/{rel}" if name else rel)))
    return out


class Artifacts:
    def __init__(self, transport: Transport, retries: int = 3) -> None:
        self.transport = transport
        self.retries = retries
        self.base = (
            transport.url[: -len("/graphql")]
            if transport.url.endswith("/graphql")
            else transport.url
        )

    def url_of(self, run_id: str, path: str) -> str:
        return f"{self.base}/artifacts/" + "/".join(
            quote(s, safe="") for s in [run_id, *path.split("/")]
        )

    def upload(
        self, run_id: str, file: Path, path: str, kind: Optional[str], sha256: Optional[str] = None
    ) -> dict[str, Any]:
        digest, size = sha256_of(file)
        if sha256 is not None and digest != sha256:
            raise ChecksumError(
                f"{file} changed since it was logged (sha256 {digest}, logged {sha256})"
            )
        url = self.url_of(run_id, path)
        http = self.transport.http

        def attempt() -> dict[str, Any]:
            head = http.head(url)
            if head.status_code == 200 and head.headers.get("etag") == f'"{digest}"':
                return {
                    "path": path,
                    "kind": head.headers.get("x-runfacts-kind", kind or ""),
                    "size": size,
                    "sha256": digest,
                    "created": False,
                }
            headers = {
                "content-type": "application/octet-stream",
                "content-length": str(size),
                "x-runfacts-sha256": digest,
                **({"x-runfacts-kind": kind} if kind else {}),
            }
            with open(file, "rb") as body:
                res = http.put(url, content=iter(lambda: body.read(_CHUNK), b""), headers=headers)
            _check(res, url)
            answer: dict[str, Any] = res.json()
            return answer

        return self._retrying(f"upload {path}", attempt)

    def download(self, url: str, file: Path, sha256: str, label: str) -> Path:
        file.parent.mkdir(parents=True, exist_ok=True)
        temp = file.with_name(f"{file.name}.part-{os.getpid()}")

        def attempt() -> Path:
            try:
                digest = hashlib.sha256()
                with self.transport.http.stream("GET", url) as res:
                    _check(res, url, read=True)
                    with open(temp, "wb") as out:
                        for chunk in res.iter_bytes(_CHUNK):
                            digest.update(chunk)
                            out.write(chunk)
                        out.flush()
                        os.fsync(out.fileno())
                if digest.hexdigest() != sha256:
                    raise ChecksumError(
                        f"{label}: downloaded sha256 {digest.hexdigest()}, "
                        f"expected {sha256}; not kept"
                    )
                os.replace(temp, file)
                return file
            finally:
                temp.unlink(missing_ok=True)

        return self._retrying(f"download {label}", attempt)

    def _retrying(self, what: str, fn: Callable[[], T]) -> T:
        for attempt in range(self.retries + 1):
            try:
                return fn()
            except httpx.TransportError as e:
                error: Exception = RunfactsTransportError(f"{what}: cannot reach {self.base}: {e}")
            except RunfactsTransportError as e:
                if e.status is not None and e.status < 500:
                    raise
                error = e
            if attempt == self.retries:
                raise error
            time.sleep(backoff(attempt))
        raise AssertionError("unreachable")


def _check(res: httpx.Response, url: str, read: bool = False) -> None:
    if res.status_code < 300:
        return
    if read:
        res.read()
    try:
        message = res.json()["errors"][0]["message"]
    except (ValueError, KeyError, IndexError, TypeError):
        message = res.text[:300]
    raise RunfactsTransportError(f"HTTP {res.status_code} from {url}: {message}", res.status_code)
