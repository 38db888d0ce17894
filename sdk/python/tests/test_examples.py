"""The README's Python examples, run as a new user would, against a real server."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import runfacts

from .server import REPO, ServerProcess

EXAMPLES = REPO / "examples" / "python"


def run_example(server: ServerProcess, tmp_path: Path, *args: str) -> str:
    env = {**os.environ, "RUNFACTS_URL": server.url, "RUNFACTS_JOURNAL_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / args[0]), *args[1:]],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_train_then_deploy(server: ServerProcess, client: runfacts.Client, tmp_path: Path) -> None:
    model = f"four-tops-{uuid.uuid4().hex[:6]}"
    out = run_example(server, tmp_path, "train_loop.py", "--promote", model)
    assert f"{model} v1 is in Production" in out
    run_id = out.split()[1]
    run = client.run(run_id)
    assert run.status.value == "FINISHED" and [a.path for a in run.artifacts] == ["models/best.pt"]
    assert len(client.history(run_id, "train/loss").result) == 400

    deployed = run_example(server, tmp_path, "deploy.py", model, "--dest", str(tmp_path / "m"))
    assert f"{model} v1 (Production) from run {run_id}" in deployed
    assert '"pooling": "max"' in deployed and "4topsplitted::4t|ttH+ttW+ttWW+ttZ" in deployed
    assert f"downloaded {tmp_path / 'm' / 'models' / 'best.pt'}" in deployed
    assert b"auroc" in (tmp_path / "m" / "models" / "best.pt").read_bytes()


def test_hydra_config(server: ServerProcess, tmp_path: Path) -> None:
    out = run_example(server, tmp_path, "hydra_config.py")
    assert "row 4topsplitted::4t|ttH|ttW+ttWW+ttZ" in out
    assert "(same as local: True)" in out


def test_deploy_names_a_missing_model(server: ServerProcess, tmp_path: Path) -> None:
    env = {**os.environ, "RUNFACTS_URL": server.url}
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / "deploy.py"), "no-such-model"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1 and "no-such-model" in done.stderr
