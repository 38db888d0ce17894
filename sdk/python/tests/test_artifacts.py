"""Artifacts: uploaded with their checksum, downloaded by a deploy script and verified,
journaled while the server is away."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

import pytest

import runfacts
import runfacts._artifacts

from .conftest import SEED_META
from .server import ServerProcess


def test_log_artifact_then_download_the_production_model(
    client: runfacts.Client, experiment: str, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    (out / "checkpoints").mkdir(parents=True)
    (out / "model.pt").write_bytes(b"weights" * 1000)
    (out / "checkpoints" / "best model.ckpt").write_bytes(b"ckpt")
    with client.start_run(experiment=experiment, name="art", meta=SEED_META) as run:
        logged = run.log_artifact(out)
        again = run.log_artifact(out / "model.pt")  # the same content: a no-op
    assert [a["path"] for a in logged] == ["checkpoints/best_model.ckpt", "model.pt"]
    assert all(a["sent"] for a in logged + again)
    assert run.id is not None
    stored = {a.path: a.sha_256 for a in client.graphql.run_artifacts(run.id).run.artifacts}  # type: ignore[union-attr]
    assert stored["model.pt"] == hashlib.sha256(b"weights" * 1000).hexdigest()

    model = f"art-{uuid.uuid4().hex[:6]}"
    client.create_model(model)
    version = client.create_model_version(model, run.id, source="model.pt")
    client.promote(model, version.version, reason="first")
    files = client.download_model(model, "Production", dest=tmp_path / "deploy")
    assert sorted(f.relative_to(tmp_path / "deploy").as_posix() for f in files) == [
        "checkpoints/best_model.ckpt",
        "model.pt",
    ]
    assert (tmp_path / "deploy" / "model.pt").read_bytes() == b"weights" * 1000
    assert [p.name for p in client.download_artifacts(run.id, tmp_path / "run")] == [
        "best_model.ckpt",
        "model.pt",
    ]

    # A retrained model.pt logged to the same run: the frozen version refuses it.
    (out / "model.pt").write_bytes(b"retrained")
    runfacts._artifacts.Artifacts(client._transport).upload(
        run.id, out / "model.pt", "model.pt", "model"
    )
    with pytest.raises(runfacts.ChecksumError, match="model.pt is CHANGED"):
        client.download_model(model, "Production", dest=tmp_path / "deploy2")
    assert not (tmp_path / "deploy2" / "model.pt").exists()


def test_artifact_logged_offline_is_sent_by_sync(own_server: ServerProcess, tmp_path: Path) -> None:
    client = runfacts.Client(url=own_server.url, journal_dir=tmp_path / "journal")
    weights = tmp_path / "model.pt"
    weights.write_bytes(b"offline weights")
    with client.start_run(
        experiment="art", name="offline", meta=SEED_META, attempts=1, close_timeout=0.2
    ) as run:
        assert run.log_artifact(weights) == [
            {"path": "model.pt", "kind": "model", "size": 15,
             "sha256": hashlib.sha256(b"offline weights").hexdigest(), "sent": False}
        ]  # fmt: skip
    own_server.start()
    report = client.sync()
    assert report.left == {} and len(report.runs) == 1
    files = client.download_artifacts(report.runs[0], tmp_path / "back")
    assert [f.read_bytes() for f in files] == [b"offline weights"]
