"""The client's edges: tokens (argument and RUNFACTS_TOKEN), the URL from RUNFACTS_URL, the
generated async client, and the package as a wheel."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import runfacts
from runfacts._generated_async.input_types import MetaInput

from .conftest import SEED_META, eventually, history_steps
from .server import BIN, REPO, ServerProcess


def create_token(root: Path, name: str, scopes: str) -> str:
    done = subprocess.run(
        ["node", str(BIN), "token", "create", "--root", str(root), "--name", name,
         "--scopes", scopes],
        cwd=REPO, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    return done.stdout.strip().splitlines()[-1]


def test_tokens(own_server: ServerProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    token = create_token(own_server.root, "trainer", "read,write")
    offline = runfacts.Client(url=own_server.url, token=token, journal_dir=tmp_path / "journal")
    with offline.start_run(
        experiment="auth", name="journaled", meta=SEED_META, attempts=1, close_timeout=0.2
    ) as journaled:
        journaled.log({"loss": 0.2}, step=0)
    own_server.start()
    sync = [str(Path(sys.executable).parent / "runfacts-sync"), "--dir", str(tmp_path / "journal"),
            "--url", own_server.url, "--json"]  # fmt: skip
    anonymous = subprocess.run(sync, capture_output=True, text=True, timeout=120)
    assert anonymous.returncode == 1
    assert "not allowed" in json.loads(anonymous.stdout)["left"].popitem()[1]
    done = subprocess.run([*sync, "--token", token], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and json.loads(done.stdout)["writes"] == 3, (
        done.stdout
    )  # register, points, finish
    with runfacts.Client(url=own_server.url, token=token, journal_dir=tmp_path) as client:
        with client.start_run(experiment="auth", name="with-token", meta=SEED_META) as run:
            run.log({"loss": 0.1}, step=0)
        assert client.run(str(run.id)).status.value == "FINISHED"

    monkeypatch.setenv("RUNFACTS_URL", own_server.url)
    monkeypatch.setenv("RUNFACTS_TOKEN", token)

    def listed() -> None:  # written by other clients: within the index's lag
        assert sorted(r.name for r in runfacts.Client().runs()) == ["journaled", "with-token"]

    eventually(listed)

    monkeypatch.delenv("RUNFACTS_TOKEN")
    with pytest.raises(runfacts.RunfactsError) as refused:
        list(runfacts.Client().runs())
    assert "401" in str(refused.value) or "token" in str(refused.value).lower()


def test_a_token_revoked_mid_run_keeps_every_point(
    own_server: ServerProcess, tmp_path: Path
) -> None:
    """Requests refused (not unreachable) keep the writes in the journal, not dropped: a new
    token sends them all."""
    token = create_token(own_server.root, "trainer", "read,write")
    own_server.start()
    client = runfacts.Client(url=own_server.url, token=token, journal_dir=tmp_path)
    run = client.start_run(experiment="auth", name="revoked", meta=SEED_META, flush_interval=0.02)
    for step in range(100):
        run.log({"loss": 1.0}, step=step)
    assert run.flush()
    subprocess.run(
        ["node", str(BIN), "token", "revoke", "--root", str(own_server.root), "trainer"],
        cwd=REPO, check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    for step in range(100, 200):
        run.log({"loss": 1.0}, step=step)
    assert run.flush()
    with pytest.warns(RuntimeWarning, match="token is not valid"):
        for step in range(200, 300):  # the loop goes on, warned once
            run.log({"loss": 1.0}, step=step)
    with pytest.raises(runfacts.RunfactsGraphQLError, match="token is not valid"):
        run.finish()
    assert run.journal_path.exists()

    fresh = create_token(own_server.root, "trainer2", "read,write")
    with runfacts.Client(url=own_server.url, token=fresh, journal_dir=tmp_path) as again:
        assert again.sync().runs == [run.id]
        assert again.run(str(run.id)).status.value == "FINISHED"
        assert history_steps(again, str(run.id), "loss") == list(range(300))


def test_no_url_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RUNFACTS_URL", raising=False)
    with pytest.raises(runfacts.RunfactsTransportError, match="RUNFACTS_URL"):
        runfacts.Client()


def test_generated_async_client(server: ServerProcess) -> None:
    async def main() -> list[str]:
        async with runfacts.AsyncGraphQLClient(url=server.url + "/graphql") as client:
            given = MetaInput.model_validate({"schemaVersion": 1, "goal": "classification"})
            result = await client.canonicalize(given)
            return [result.canonicalize.meta_hash, result.canonicalize.datatreatment.tokenization]

    meta_hash, tokenization = asyncio.run(main())
    assert meta_hash == runfacts.meta.meta_hash({"schema_version": 1, "goal": "classification"})
    assert tokenization == "unknown"


def test_wheel(tmp_path: Path) -> None:
    """Built as a wheel: the generated code, py.typed and the runfacts-sync script ship in it."""
    source = tmp_path / "source"  # built from a copy: setuptools leaves build/ beside it
    shutil.copytree(REPO / "sdk" / "python", source, ignore=shutil.ignore_patterns(
        "build", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis"))  # fmt: skip
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(tmp_path), str(source)],
        check=True, timeout=300,
    )  # fmt: skip
    wheel = next(tmp_path.glob("runfacts-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "runfacts/py.typed" in names
    assert (
        "runfacts/_generated/client.py" in names and "runfacts/_generated_async/client.py" in names
    )
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert (
        "runfacts-sync = runfacts.sync:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
    )
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
         str(wheel)],
        check=True, timeout=300,
    )  # fmt: skip
    probe = subprocess.run(
        [sys.executable, "-I", "-c",
         f"import sys; sys.path.insert(0, {str(target)!r}); import runfacts; "
         "print(runfacts.__file__)"],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    assert probe.stdout.startswith(str(target))
