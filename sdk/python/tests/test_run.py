"""The run handle against a real server: a training loop end to end, exit statuses, 100k log
calls, and what is refused before anything is sent."""

from __future__ import annotations

import math
import signal
import subprocess
import sys
from pathlib import Path

import pytest

import runfacts
from runfacts.meta import meta_hash

from .conftest import SEED_META, history_steps


def test_training_loop_end_to_end(client: runfacts.Client, experiment: str) -> None:
    config = {"model": {"d_model": 64, "pooling": "cls"}, "optim": {"lr": 0.001}}
    with client.start_run(
        experiment=experiment, name="loop", architecture_code="tfm-v1", config=config,
        meta=SEED_META, tags={"owner": "alice"},
    ) as run:  # fmt: skip
        assert run.id is not None
        run.log_params({"trainer": {"epochs": 5}, "seed": 7})
        for epoch in range(5):
            for batch in range(20):
                run.log({"loss": 1.0 / (1 + epoch * 20 + batch)}, step=epoch * 20 + batch)
            run.log({"val/auroc": 0.8 + epoch * 0.02}, step=epoch)
        run.set_tags({"stage": "done"})
        run.summary["auroc"] = 0.88
    got = client.run(run.id)
    assert got.status.value == "FINISHED"
    assert got.experiment == experiment and got.architecture_code == "tfm-v1"
    assert got.config["model"] == {"d_model": 64, "pooling": "cls"}
    assert {p.key: p.value for p in got.params}["trainer.epochs"] == "5"
    assert {t.key: t.value for t in got.tags} == {"owner": "alice", "stage": "done"}
    metrics = {m.key: m.value for m in got.metrics}
    assert metrics["auroc"] == 0.88 and metrics["loss"] == pytest.approx(1 / 100)
    assert got.meta.meta_hash == meta_hash(SEED_META)
    assert history_steps(client, run.id, "loss") == list(range(100))
    assert history_steps(client, run.id, "val/auroc") == list(range(5))
    assert not run.journal_path.exists()


@pytest.mark.parametrize(
    ("error", "status"), [(RuntimeError("diverged"), "FAILED"), (KeyboardInterrupt(), "KILLED")]
)
def test_exit_status(
    client: runfacts.Client, experiment: str, error: BaseException, status: str
) -> None:
    start = client.start_run(experiment=experiment, name="crash", meta=SEED_META)
    with pytest.raises(type(error)), start as run:
        run.log({"loss": 0.5}, step=1)
        raise error
    assert run.id is not None
    assert client.run(run.id).status.value == status
    assert history_steps(client, run.id, "loss") == [1]


def test_100k_log_calls_all_arrive_once(client: runfacts.Client, experiment: str) -> None:
    with client.start_run(experiment=experiment, name="many", meta=SEED_META) as run:
        for step in range(100_000):
            run.log({"loss": step * 1e-5}, step=step)
    assert run.id is not None
    assert history_steps(client, run.id, "loss") == list(range(100_000))


def test_non_finite_values_are_refused_before_sending(
    client: runfacts.Client, experiment: str
) -> None:
    with client.start_run(experiment=experiment, name="nan", meta=SEED_META) as run:
        run.log({"loss": 0.5}, step=0)
        for bad in (math.nan, math.inf, -math.inf):
            with pytest.raises(runfacts.NonFiniteValueError, match="'loss' at step 1"):
                run.log({"loss": bad}, step=1)
        with pytest.raises(runfacts.InvalidKeyError, match="may hold|letters"):
            run.log({"loss!": 1.0}, step=2)
        with pytest.raises(ValueError, match="step"):
            run.log({"loss": 1.0}, step=-1)
    assert run.id is not None
    assert history_steps(client, run.id, "loss") == [0]
    with pytest.raises(runfacts.NonFiniteValueError, match=r"config.optim\[1\] is nan"):
        client.start_run(experiment=experiment, name="nan-config", meta=SEED_META,
                         config={"optim": [0.1, math.nan]})  # fmt: skip


def test_invalid_meta_is_a_typed_error_naming_the_field(
    client: runfacts.Client, experiment: str
) -> None:
    with pytest.raises(runfacts.InvalidInputError) as caught:
        client.start_run(
            experiment=experiment, name="bad", meta={**SEED_META, "model_family": "rnn"}
        )
    assert caught.value.field is not None and "model_family" in caught.value.field


def test_a_finished_run_is_listed_at_once(client: runfacts.Client, experiment: str) -> None:
    """The client passes its latest write's seq as minSeq, so lists never lag its own writes."""
    with client.start_run(experiment=experiment, name="fresh", meta=SEED_META) as run:
        run.log({"auroc": 0.9}, step=0)
    assert client.seq is not None
    listed = client.runs(filter={"experiment": [experiment]}).to_list()
    assert [(r.id, r.status.value) for r in listed] == [(run.id, "FINISHED")]
    assert (
        client.coverage(metric="auroc", filter={"experiment": [experiment]}).rows()[0]["n_runs"]
        == 1
    )


def test_a_reused_request_id_with_another_body_is_refused(
    client: runfacts.Client, experiment: str
) -> None:
    with client.start_run(
        experiment=experiment, name="first", meta=SEED_META, client_request_id="req-1-" + experiment
    ) as run:
        pass
    with pytest.raises(runfacts.IdempotencyConflictError) as caught:
        client.start_run(
            experiment=experiment, name="second", meta=SEED_META,
            client_request_id="req-1-" + experiment,
        )  # fmt: skip
    assert caught.value.field == "clientRequestId"
    assert run.id is not None and run.id in str(caught.value)


def test_a_run_never_finished_is_finished_at_exit(client: runfacts.Client, tmp_path: Path) -> None:
    script = (
        "import runfacts, sys\n"
        f"run = runfacts.Client(url={client.url!r}, journal_dir={str(tmp_path)!r}).start_run(\n"
        "    experiment='atexit', name='no-with', meta={'schema_version': 1})\n"
        "for step in range(2500):\n"
        "    run.log({'loss': 1.0 / (step + 1)}, step=step)\n"
        "print(run.id)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    run_id = done.stdout.strip()
    assert client.run(run_id).status.value == "FINISHED"
    assert history_steps(client, run_id, "loss") == list(range(2500))


def test_ctrl_c_kills_the_run(client: runfacts.Client, tmp_path: Path) -> None:
    """A real SIGINT in the middle of the loop: the run ends KILLED with the points it logged."""
    script = (
        "import runfacts, sys, itertools\n"
        f"client = runfacts.Client(url={client.url!r}, journal_dir={str(tmp_path)!r})\n"
        "with client.start_run(experiment='ctrl-c', name='sigint', meta={'schema_version': 1},\n"
        "                      flush_interval=0.05) as run:\n"
        "    for step in itertools.count():\n"
        "        run.log({'loss': 1.0}, step=step)\n"
        "        if step == 1000:\n"
        "            print(run.id, flush=True)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    run_id = child.stdout.readline().strip()
    child.send_signal(signal.SIGINT)
    _, stderr = child.communicate(timeout=120)
    assert child.returncode != 0 and "KeyboardInterrupt" in stderr
    assert client.run(run_id).status.value == "KILLED"
    steps = history_steps(client, run_id, "loss")
    assert len(steps) > 1000 and steps == list(range(len(steps)))
