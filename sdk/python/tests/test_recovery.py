"""Nothing lost, nothing doubled: the server SIGKILLed and restarted in the middle of a run,
and a server away for the whole run, then `sync` (and `runfacts-sync`)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from pathlib import Path

import runfacts
import runfacts._journal

from .conftest import SEED_META, eventually, history_steps
from .server import ServerProcess


def test_server_killed_and_restarted_mid_run(own_server: ServerProcess, tmp_path: Path) -> None:
    own_server.start()
    client = runfacts.Client(url=own_server.url, journal_dir=tmp_path / "journal")
    with client.start_run(
        experiment="recovery", name="kill", meta=SEED_META,
        batch_size=50, flush_interval=0.02, attempts=2,
    ) as run:  # fmt: skip
        for step in range(1500):
            run.log({"loss": 1.0 / (step + 1)}, step=step)
        own_server.kill()  # batches are in flight: some answered, some cut off
        for step in range(1500, 3000):
            run.log({"loss": 1.0 / (step + 1)}, step=step)

        def spilled() -> None:
            assert run._sender.offline and run.journal_path.exists()

        eventually(spilled)
        own_server.start()
        for step in range(3000, 4500):
            run.log({"loss": 1.0 / (step + 1)}, step=step)
    assert run.id is not None
    assert not run.journal_path.exists()
    assert client.run(run.id).status.value == "FINISHED"
    assert history_steps(client, run.id, "loss") == list(range(4500))


def test_a_hung_server_never_stalls_the_loop(own_server: ServerProcess, tmp_path: Path) -> None:
    """The server stops answering mid-run: the buffer fills, its points go to the journal
    and the loop goes on; when the server answers again everything arrives once."""
    own_server.start()
    client = runfacts.Client(url=own_server.url, journal_dir=tmp_path / "journal")
    with client.start_run(
        experiment="recovery", name="hung", meta=SEED_META,
        batch_size=100, flush_interval=0.02, max_buffer=500,
    ) as run:  # fmt: skip
        for step in range(200):
            run.log({"loss": 1.0}, step=step)
        assert run.flush()
        own_server.pause()
        try:
            for step in range(200, 3200):
                run.log({"loss": 1.0}, step=step)
            assert run.journal_path.exists() and run._sender.spills >= 1
        finally:
            own_server.resume()
    assert run.id is not None
    assert not run.journal_path.exists()
    assert history_steps(client, run.id, "loss") == list(range(3200))


def test_a_full_buffer_is_journaled_by_the_sender_thread(
    own_server: ServerProcess, tmp_path: Path
) -> None:
    """The log call that fills the buffer hands the points over (a list copy); the JSON and the
    fsync happen on the sender thread, so the training loop never waits on the disk."""
    client = runfacts.Client(url=own_server.url, journal_dir=tmp_path / "journal")
    run = client.start_run(
        experiment="recovery", name="full", meta=SEED_META,
        batch_size=100, max_buffer=500, attempts=1, close_timeout=0.5,
    )  # fmt: skip
    writers: list[str] = []
    spill = run._sender.journal.spill

    def recording_spill(ops: list[runfacts._journal.Op]) -> None:
        writers.append(threading.current_thread().name)
        spill(ops)

    run._sender.journal.spill = recording_spill  # type: ignore[method-assign]
    for step in range(500):
        run.log({"loss": 1.0}, step=step)
    assert "MainThread" not in writers

    def journaled() -> None:
        assert writers == ["runfacts-sender"]

    eventually(journaled)
    run.finish()
    own_server.start()
    report = client.sync()
    assert len(report.runs) == 1 and report.left == {}
    assert history_steps(client, report.runs[0], "loss") == list(range(500))


def test_a_hung_server_at_start(own_server: ServerProcess, tmp_path: Path) -> None:
    """start_run gives up on a server that does not answer and goes on offline; the requests
    the server still had queued and the replayed registration make one run, not two."""
    own_server.start()
    client = runfacts.Client(url=own_server.url, journal_dir=tmp_path / "journal")
    own_server.pause()
    try:
        run = client.start_run(
            experiment="hung-start", name="paused", meta=SEED_META, flush_interval=0.05
        )
        assert run.id is None and run.journal_path.exists()
        for step in range(500):
            run.log({"loss": 1.0}, step=step)
    finally:
        own_server.resume()
    run.finish()
    assert run.id is not None and not run.journal_path.exists()
    assert [r.id for r in client.runs(filter={"experiment": ["hung-start"]})] == [run.id]
    assert history_steps(client, run.id, "loss") == list(range(500))


def offline_run(client: runfacts.Client, name: str, steps: int) -> runfacts.Run:
    with client.start_run(
        experiment="offline", name=name, meta=SEED_META, config={"lr": 0.1},
        attempts=1, close_timeout=0.5,
    ) as run:  # fmt: skip
        assert run.id is None  # the registration waits in the journal
        run.log_params({"batch_size": 64})
        for step in range(steps):
            run.log({"loss": 1.0 / (step + 1), "acc": step / steps}, step=step)
    assert run.journal_path.exists()
    return run


def test_server_down_for_the_whole_run_then_sync(own_server: ServerProcess, tmp_path: Path) -> None:
    client = runfacts.Client(url=own_server.url, journal_dir=tmp_path / "journal")
    run = offline_run(client, "away", 2500)
    before_sync = tmp_path / "copy.jsonl"
    shutil.copy(run.journal_path, before_sync)
    own_server.start()

    report = client.sync()
    assert len(report.runs) == 1 and report.left == {}
    assert not run.journal_path.exists()
    run_id = report.runs[0]
    got = client.run(run_id)
    assert got.status.value == "FINISHED" and got.name == "away"
    assert {p.key: p.value for p in got.params}["batch_size"] == "64"
    assert history_steps(client, run_id, "loss") == list(range(2500))

    # A sync cut off after sending but before marking its journal: every write goes again,
    # and the server applies each once (same registration, same batch ids, same finish).
    shutil.copy(before_sync, run.journal_path)
    again = client.sync()
    assert again.runs == [run_id] and again.left == {}
    assert history_steps(client, run_id, "loss") == list(range(2500))
    assert history_steps(client, run_id, "acc") == list(range(2500))
    assert client.sync().runs == []


def test_runfacts_sync_command(own_server: ServerProcess, tmp_path: Path) -> None:
    journal = tmp_path / "journal"
    client = runfacts.Client(url=own_server.url, journal_dir=journal)
    offline_run(client, "cli-a", 300)
    offline_run(client, "cli-b", 200)
    command = [str(Path(sys.executable).parent / "runfacts-sync"), "--dir", str(journal)]
    env = {"RUNFACTS_URL": own_server.url, "PATH": "/usr/bin:/bin"}

    down = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert down.returncode == 1 and "kept" in down.stderr and "cannot reach" in down.stderr
    assert len(list(journal.glob("*.jsonl"))) == 2

    own_server.start()
    # No --url, no RUNFACTS_URL: each journal goes to the server it was written for.
    up = subprocess.run(command, env={"PATH": "/usr/bin:/bin"}, capture_output=True, text=True,
                        timeout=120)  # fmt: skip
    assert up.returncode == 0, up.stderr
    assert "2 run(s)" in up.stdout
    assert list(journal.glob("*.jsonl")) == []

    # Written by another process: this client's lists catch up within the index's lag.
    def both_listed() -> dict[str, str]:
        names = {r.name: r.id for r in client.runs(filter={"experiment": ["offline"]})}
        assert set(names) == {"cli-a", "cli-b"}
        return names

    names = eventually(both_listed)
    assert history_steps(client, names["cli-b"], "loss") == list(range(200))


def test_a_run_the_server_refuses_later_keeps_its_journal(
    own_server: ServerProcess, tmp_path: Path
) -> None:
    """Registered offline with a meta the server then refuses: the error reaches the training
    code and every write stays in the journal (nothing dropped), and sync says why."""
    client = runfacts.Client(url=own_server.url, journal_dir=tmp_path / "journal")
    run = client.start_run(
        experiment="refused", name="bad-meta", meta={**SEED_META, "model_family": "rnn"},
        attempts=1, flush_interval=0.05,
    )  # fmt: skip
    assert run.id is None
    run.log({"loss": 0.5}, step=0)
    own_server.start()
    eventually(lambda: _assert(run._sender.refused))
    try:
        run.finish()
    except runfacts.InvalidInputError as e:
        assert e.field is not None and "model_family" in e.field
    else:
        raise AssertionError("finish did not raise the refused registration")
    _, _, pending = runfacts._journal.Journal(run.journal_path).read()
    assert [op["kind"] for op in pending] == ["register", "metrics", "finish"]
    report = client.sync()
    assert report.runs == [] and "model_family" in report.left[str(run.journal_path)]


def _assert(condition: bool) -> None:
    assert condition


def test_sync_beside_a_live_run(own_server: ServerProcess, tmp_path: Path) -> None:
    """`runfacts-sync` runs again and again while the run keeps spilling to the same journal
    (a full buffer): the two share the file under a lock, and every point arrives once."""
    own_server.start()
    journal = tmp_path / "journal"
    client = runfacts.Client(url=own_server.url, journal_dir=journal)
    command = [str(Path(sys.executable).parent / "runfacts-sync"), "--dir", str(journal)]
    with client.start_run(
        experiment="beside", name="live", meta=SEED_META,
        batch_size=100, max_buffer=200, flush_interval=5.0,
    ) as run:  # fmt: skip
        syncs = [subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
        for step in range(6000):
            run.log({"loss": 1.0}, step=step)
            if step % 1000 == 999:
                syncs.append(
                    subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                )
        for sync in syncs:
            sync.wait(timeout=120)
        assert run._sender.spills >= 10
    assert run.id is not None and not run.journal_path.exists()
    assert history_steps(client, run.id, "loss") == list(range(6000))
