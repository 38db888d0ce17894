"""Python SDK bench: what `run.log` costs a training loop, and how many points 16 processes
logging through the SDK get into a real server per second.

    .venv/sdk/bin/python bench/python-sdk.py                        # 100k calls, 16 x 20k points
    .venv/sdk/bin/python bench/python-sdk.py --calls 2000 --procs 2 --points 500   # smoke run
    .venv/sdk/bin/python bench/python-sdk.py --url http://127.0.0.1:4000  # a running server

Overhead: `--calls` calls of `run.log({"loss": x, "acc": y}, step=i)`, timed in blocks of 1000
with perf_counter_ns, against a live server (the sender thread sending meanwhile) and against
a server that is down (points spill to the journal): the per-call cost is the block time / 1000.
Throughput: `--procs` processes each register a run, log `--points` points (2 keys a step) and
finish; points/s is all points over the wall time from the first start to the last finish,
and every history is read back to check that no point was lost or doubled.
Results go to bench/results/python-sdk.json (and stdout; --json prints only the JSON).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "sdk" / "python"))

import runfacts  # noqa: E402
from tests.conftest import SEED_META  # noqa: E402  (the seed's example meta)
from tests.server import ServerProcess, free_port  # noqa: E402  (one way to start a server)

BLOCK = 1000


def log_overhead(url: str, calls: int, journal: str, close_timeout: float) -> dict[str, float]:
    client = runfacts.Client(url=url, journal_dir=journal)
    run = client.start_run(
        experiment="bench-python-sdk", name="overhead", meta=SEED_META,
        attempts=1, close_timeout=close_timeout,
    )  # fmt: skip
    per_call: list[float] = []
    clock = time.perf_counter_ns
    for block in range(0, calls, BLOCK):
        start = clock()
        for i in range(block, min(block + BLOCK, calls)):
            run.log({"loss": 1.0 / (i + 1), "acc": i / calls}, step=i)
        per_call.append((clock() - start) / 1000 / min(BLOCK, calls - block))
    finish_start = time.perf_counter()
    run.finish()
    per_call.sort()
    return {
        "calls": calls,
        "p50_us": round(statistics.median(per_call), 3),
        "p99_us": round(per_call[min(len(per_call) - 1, int(len(per_call) * 0.99))], 3),
        "mean_us": round(statistics.fmean(per_call), 3),
        "finish_s": round(time.perf_counter() - finish_start, 2),
    }


def one_process(args: tuple[str, int, int, str]) -> tuple[str, float, float]:
    url, index, points, journal = args
    client = runfacts.Client(url=url, journal_dir=journal)
    started = time.time()
    with client.start_run(
        experiment="bench-python-sdk", name=f"proc{index}", meta=SEED_META
    ) as run:
        for step in range(points // 2):
            run.log({"loss": 1.0 / (step + 1), "acc": step / points}, step=step)
    return str(run.id), started, time.time()


def throughput(url: str, procs: int, points: int, journal: str) -> dict[str, Any]:
    with multiprocessing.get_context("spawn").Pool(procs) as pool:
        results = pool.map(one_process, [(url, i, points, journal) for i in range(procs)])
    wall = max(r[2] for r in results) - min(r[1] for r in results)
    client = runfacts.Client(url=url, journal_dir=journal)
    steps = list(range(points // 2))
    intact = all(
        [int(p.step) for p in client.history(run_id, key).result] == steps
        for run_id, _, _ in results
        for key in ("loss", "acc")
    )
    total = procs * (points // 2) * 2
    return {
        "procs": procs, "points": total, "wall_s": round(wall, 2),
        "points_per_s": round(total / wall), "all_points_once": intact,
    }  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=100_000)
    parser.add_argument("--procs", type=int, default=16)
    parser.add_argument("--points", type=int, default=20_000, help="points per process")
    parser.add_argument("--url", help="a running server (default: start one on a temp root)")
    parser.add_argument("--json", action="store_true", help="print only the JSON result")
    args = parser.parse_args()
    say = (lambda *_: None) if args.json else print
    tmp = Path(tempfile.mkdtemp(prefix="bench-python-sdk-"))
    server = None if args.url else ServerProcess(tmp / "root").start()
    url = args.url or server.url  # type: ignore[union-attr]
    try:
        say(f"server {url}; {args.calls} log calls ...")
        live = log_overhead(url, args.calls, str(tmp / "journal-live"), 300.0)
        say(f"  live server: p50 {live['p50_us']} us/call, p99 {live['p99_us']} us")
        down_url = f"http://127.0.0.1:{free_port()}"
        down = log_overhead(down_url, args.calls, str(tmp / "journal-down"), 0.5)
        say(f"  server down: p50 {down['p50_us']} us/call, p99 {down['p99_us']} us (journaled)")
        say(f"{args.procs} processes x {args.points} points ...")
        sweep = throughput(url, args.procs, args.points, str(tmp / "journal-procs"))
        say(f"  {sweep['points_per_s']} points/s over {sweep['wall_s']} s; "
            f"every point once: {sweep['all_points_once']}")  # fmt: skip
    finally:
        if server:
            server.stop()
    result = {
        "bench": "python-sdk",
        "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "load_avg_1m": os.getloadavg()[0],
        "python": sys.version.split()[0],
        "log_overhead_live": live,
        "log_overhead_server_down": down,
        "throughput": sweep,
        "target_us_per_call": 10,
    }
    out = REPO / "bench" / "results" / "python-sdk.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2) if args.json else f"results: {out.relative_to(REPO)}")
    return 0 if sweep["all_points_once"] else 1


if __name__ == "__main__":
    sys.exit(main())
