"""W&B mirror bench: how many runfacts runs per second `runfacts-wandb` writes as offline W&B
runs, and what a second pass with nothing new costs.

    .venv/sdk/bin/python bench/wandb-mirror.py                  # 1,000 runs (the lead's run)
    .venv/sdk/bin/python bench/wandb-mirror.py --runs 20        # smoke run

Each run, registered through the Python SDK into a server on a temp root, has a 20-key config,
the seed-000 meta, 10 summary metrics and 2 histories of 50 points. The mirror pass (listing,
`run` and `history` reads, wandb's offline writes, through one wandb-core service) is timed on
its own; the offline folders are counted to check that every run was written once.
Results go to bench/results/wandb-mirror.json (and stdout; --json prints only the JSON).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "sdk" / "python"))

import runfacts  # noqa: E402
from runfacts.wandb import mirror  # noqa: E402
from runfacts.wandb.writer import Target  # noqa: E402
from tests.conftest import SEED_META  # noqa: E402  (the seed's example meta)
from tests.server import ServerProcess  # noqa: E402  (one way to start a server)

HISTORY_POINTS = 50


def generate(url: str, runs: int, journal: Path) -> str:
    experiment = f"bench-wandb-{int(time.time())}"
    with runfacts.Client(url=url, journal_dir=journal) as client:
        for i in range(runs):
            config = {f"p{k}": k * i for k in range(20)}
            with client.start_run(
                experiment=experiment, name=f"run{i}", meta=SEED_META, config=config
            ) as run:
                for step in range(HISTORY_POINTS):
                    run.log({"loss": 1.0 / (step + 1), "auroc": step / HISTORY_POINTS}, step=step)
                for k in range(8):
                    run.summary[f"m{k}"] = i + k / 10
    return experiment


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=1000)
    parser.add_argument("--json", action="store_true", help="print only the JSON result")
    args = parser.parse_args()
    say = (lambda *_: None) if args.json else print
    tmp = Path(tempfile.mkdtemp(prefix="bench-wandb-"))
    server = ServerProcess(tmp / "root").start()
    try:
        say(f"server {server.url}; registering {args.runs} runs ...")
        started = time.perf_counter()
        experiment = generate(server.url, args.runs, tmp / "journal")
        say(f"  registered in {time.perf_counter() - started:.1f} s; mirroring offline ...")
        target = Target(tmp / "mirror", online=False)
        with runfacts.Client(url=server.url) as client:
            first = mirror(client, target, experiment=experiment)
            again = mirror(client, target, experiment=experiment)
    finally:
        server.stop()
    folders = len(list((tmp / "mirror" / "wandb").glob("offline-run-*")))
    once = len(first.written) == args.runs and folders == args.runs and not again.written
    rate = len(first.written) / first.seconds
    say(f"  {rate:.1f} runs/s ({first.seconds:.1f} s, {1000 * first.seconds / args.runs:.0f} ms "
        f"a run); second pass {again.seconds:.2f} s; every run once: {once}")  # fmt: skip
    result: dict[str, Any] = {
        "bench": "wandb-mirror",
        "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "load_avg_1m": os.getloadavg()[0],
        "python": sys.version.split()[0],
        "runs": args.runs,
        "history_points_per_run": 2 * HISTORY_POINTS,
        "mirror_s": round(first.seconds, 2),
        "runs_per_s": round(rate, 2),
        "ms_per_run": round(1000 * first.seconds / args.runs, 1),
        "second_pass_s": round(again.seconds, 2),
        "every_run_once": once,
    }
    out = REPO / "bench" / "results" / "wandb-mirror.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2) if args.json else f"results: {out.relative_to(REPO)}")
    return 0 if once else 1


if __name__ == "__main__":
    sys.exit(main())
