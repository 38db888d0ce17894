from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

import pytest

import runfacts

from .server import ServerProcess

T = TypeVar("T")

SEED_META: dict[str, Any] = {
    "schema_version": 1,
    "level": "sim_event",
    "goal": "classification",
    "dataset_name": "4topsplitted",
    "model_family": "transformer",
    "process_groups": [["ttH", "ttW", "ttWW", "ttZ"], ["4t"]],
    "datatreatment": {"tokenization": "direct", "pid_encoding": "embedded", "id_embed_dim": 8},
}


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """One server for the tests that do not kill it."""
    process = ServerProcess(tmp_path_factory.mktemp("root")).start()
    yield process
    process.stop()


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[ServerProcess]:
    """A server of this test's own, free to be killed and restarted."""
    process = ServerProcess(tmp_path / "root")
    yield process
    process.stop()


@pytest.fixture
def client(server: ServerProcess, tmp_path: Path) -> Iterator[runfacts.Client]:
    with runfacts.Client(url=server.url, journal_dir=tmp_path / "journal") as c:
        yield c


@pytest.fixture
def experiment() -> str:
    return f"exp-{uuid.uuid4().hex[:8]}"


def eventually(check: Callable[[], T], timeout: float = 20.0) -> T:
    """Polls `check` until it returns without raising (the index catches up asynchronously)."""
    end = time.monotonic() + timeout
    while True:
        try:
            return check()
        except AssertionError:
            if time.monotonic() > end:
                raise
            time.sleep(0.05)


def history_steps(client: runfacts.Client, run_id: str, key: str) -> list[int]:
    points = client.history(run_id, key).result
    return [int(p.step) for p in points]
