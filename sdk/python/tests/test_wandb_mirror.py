"""The W&B mirror against a real server and the real wandb package: offline runs read back with
wandb's own record format show seed 000's config and tags, the summary and every history point;
a second pass writes nothing; a meta override is mirrored again."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

import runfacts
from runfacts._generated.input_types import MetaOverrideInput
from runfacts._transport import unwrap
from runfacts.meta import canonicalize
from runfacts.wandb import choose_target, wandb_id

from .conftest import SEED_META
from .server import ServerProcess
from .wandb_records import offline_runs

UNREVIEWED_META = {**SEED_META, "model_family": "mlp", "process_groups": None}
SEED_KEYS = [
    "meta.schema_version", "meta.level", "meta.goal", "meta.model_family", "meta.dataset_name",
    "meta.process_groups", "meta.process_groups_key", "meta.class_def_str", "meta.row_key",
    "meta.n_classes", "meta.datatreatment", "meta.datatreatment_tokenization", "meta.meta_hash",
    "meta.meta_confidence", "meta.needs_review",
]  # fmt: skip


def run_mirror(url: str, directory: Path, *args: str, script: bool = False) -> Any:
    """The mirror as a user runs it: its own process, reporting JSON."""
    command = (
        [str(Path(sys.executable).with_name("runfacts-wandb"))]
        if script
        else [sys.executable, "-m", "runfacts.wandb"]
    )
    done = subprocess.run(
        [*command, "--url", url, "--offline-dir", str(directory), "--json", *args],
        capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "HOME": str(directory.parent)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def three_runs(server: ServerProcess, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """Two reviewed transformer runs and one mlp run that needs review, each with a nested
    config, a param, two metric histories and a summary metric."""
    experiment = f"wandb-{uuid.uuid4().hex[:6]}"
    ids = []
    with runfacts.Client(url=server.url, journal_dir=tmp_path_factory.mktemp("j")) as client:
        for i, meta in enumerate([SEED_META, SEED_META, UNREVIEWED_META]):
            config = {"optimizer": {"lr": 0.1 * (i + 1), "betas": [0.9, 0.99]}, "epochs": 3 + i}
            with client.start_run(
                experiment=experiment, name=f"run-{i}", meta=meta, config=config
            ) as run:
                run.log_params({"seed": i})
                for step in range(0, 5 + i):
                    run.log({"loss": 1.0 / (step + 1 + i)}, step=step)
                    if step % 2 == 0:
                        run.log({"val_auroc": 0.5 + step / 100 + i / 1000}, step=step)
                run.summary["auroc"] = 0.8 + i / 100
            assert run.id is not None
            ids.append(run.id)
        assert len(client.runs(filter={"experiment": [experiment]}).to_list()) == 3
    return ids


def expected_seed_config(meta: dict[str, Any]) -> dict[str, Any]:
    """Seed 000's config list computed offline from the declared meta (not from the API)."""
    canon = canonicalize(meta)
    groups = canon["process_groups"]
    treatment = canon["datatreatment"]
    compact = (",", ":")
    return {
        "meta.schema_version": 1, "meta.level": canon["level"], "meta.goal": canon["goal"],
        "meta.model_family": canon["model_family"], "meta.dataset_name": canon["dataset_name"],
        "meta.process_groups": None if groups is None else json.dumps(groups, separators=compact),
        "meta.process_groups_key": canon["process_groups_key"],
        "meta.class_def_str": canon["class_def_str"], "meta.row_key": canon["row_key"],
        "meta.n_classes": canon["n_classes"],
        "meta.datatreatment": json.dumps(treatment, separators=compact),
        "meta.datatreatment_tokenization": treatment["tokenization"],
        "meta.meta_hash": canon["meta_hash"],
        "meta.meta_confidence": "high" if groups is not None else "low",
        "meta.needs_review": groups is None,
    }  # fmt: skip


def test_mirror_reads_back_and_updates_only_what_changed(
    server: ServerProcess, three_runs: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "mirror"
    with runfacts.Client(url=server.url, journal_dir=tmp_path / "j") as client:
        experiment = client.run(three_runs[0]).experiment
        first = run_mirror(server.url, out, "--experiment", experiment, script=True)
        assert sorted(first["written"]) == sorted(three_runs) and first["unchanged"] == 0

        mirrored = offline_runs(out)
        assert sorted(mirrored) == sorted(wandb_id(i) for i in three_runs)
        for index, meta in enumerate([SEED_META, SEED_META, UNREVIEWED_META]):
            run_id = three_runs[index]
            facts = client.run(run_id)
            got = mirrored[wandb_id(run_id)]
            assert {k: got.config[k] for k in SEED_KEYS} == expected_seed_config(meta)
            family = meta["model_family"]
            review = ["needs_review"] if meta["process_groups"] is None else []
            assert sorted(got.tags) == sorted(
                ["level:sim_event", "goal:classification", f"family:{family}",
                 "dataset:4topsplitted", *review]
            )  # fmt: skip
            assert got.config["optimizer.lr"] == facts.config["optimizer"]["lr"]
            assert got.config["optimizer.betas.1"] == 0.99 and got.config["epochs"] == 3 + index
            assert got.config["seed"] == str(index)
            assert got.name == facts.name and got.project == experiment
            assert got.group == (facts.meta.process_groups_key or "")
            assert got.job_type == "classification" and got.exit_code == 0
            assert run_id in got.notes and facts.meta.meta_hash in got.notes
            summary = {k: v for k, v in got.summary.items() if not k.startswith("_")}
            assert summary == {m.key: m.value for m in facts.metrics}
            history: dict[int, dict[str, float]] = {}
            for key in ("loss", "val_auroc"):
                for p in client.history(run_id, key).result:
                    row = history.setdefault(int(p.step), {})
                    row[key] = p.value
                    at = datetime.fromisoformat(p.timestamp.replace("Z", "+00:00")).timestamp()
                    row["_timestamp"] = max(row.get("_timestamp", 0.0), at)
            assert got.history == history and len(history) >= 5

        second = run_mirror(server.url, out, "--experiment", experiment)
        assert second["written"] == [] and second["unchanged"] == 3
        assert offline_runs(out) == mirrored

        changed = three_runs[2]
        override = MetaOverrideInput.model_validate(
            {"processGroups": [["4t"], ["ttH"]], "reason": "checked by hand"}
        )
        new_meta = unwrap(client.graphql.set_meta_override(changed, override).set_meta_override)
        third = run_mirror(server.url, out, "--experiment", experiment)
        assert third["written"] == [changed] and third["unchanged"] == 2

    again = offline_runs(out)
    after = again[wandb_id(changed)]
    assert after.folders == 2 and after.config["meta.meta_hash"] == new_meta.meta.meta_hash
    assert new_meta.meta.meta_hash != mirrored[wandb_id(changed)].config["meta.meta_hash"]
    assert after.config["meta.needs_review"] is False and "needs_review" not in after.tags
    assert after.group == "4t|ttH" and after.history == mirrored[wandb_id(changed)].history
    assert {k: v for k, v in again.items() if k != wandb_id(changed)} == {
        k: v for k, v in mirrored.items() if k != wandb_id(changed)
    }

    rebuilt = run_mirror(server.url, out, "--experiment", experiment, "--rebuild")
    assert sorted(rebuilt["written"]) == sorted(three_runs)
    assert all(r.folders == 1 for r in offline_runs(out).values())


def test_clear_errors(server: ServerProcess, tmp_path: Path) -> None:
    base = [sys.executable, "-m", "runfacts.wandb", "--offline-dir", str(tmp_path / "m")]
    bad = subprocess.run(
        [*base, "--url", server.url, "--where", "metrics.auroc >>> 1"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert bad.returncode == 2 and "--where 'metrics.auroc >>> 1'" in bad.stderr
    away = subprocess.run(
        [*base, "--url", "http://127.0.0.1:9"], capture_output=True, text=True, timeout=60
    )
    assert away.returncode == 2 and "cannot reach the runfacts server" in away.stderr
    assert not (tmp_path / "m").exists()


def test_online_only_when_the_environment_names_a_wandb_server(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name in ("WANDB_API_KEY", "WANDB_BASE_URL", "WANDB_ENTITY"):
        monkeypatch.delenv(name, raising=False)
    assert not choose_target(tmp_path, False, None).online
    monkeypatch.setenv("WANDB_BASE_URL", "http://wandb.lab.internal:8080")
    online = choose_target(tmp_path, False, "hep")
    assert online.online and online.key == "http://wandb.lab.internal:8080/hep"
    assert not choose_target(tmp_path, True, None).online  # --offline wins
