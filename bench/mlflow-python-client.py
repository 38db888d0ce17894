"""Logs runs to MLflow with MLflow's own Python client, for scale beside the runfacts mirror.

Reads runs as JSON lines (what the mirror sent: params, tags, metrics with history, status and
times) and logs each with MlflowClient the efficient way: create_run, one log_batch per MLflow
limit, set_terminated. Prints one JSON line: runs, seconds, runs_per_s.

    .venv/mlflow/bin/python bench/mlflow-python-client.py URI EXPERIMENT RUNS.jsonl
"""

import json
import sys
import time

from mlflow.entities import Metric, Param, RunTag
from mlflow.tracking import MlflowClient


def chunks(items, size):
    for i in range(0, len(items), size):
        yield items[i : i + size]


def main():
    uri, experiment, path = sys.argv[1:4]
    with open(path, encoding="utf-8") as f:
        runs = [json.loads(line) for line in f if line.strip()]
    client = MlflowClient(tracking_uri=uri)
    started = time.perf_counter()
    experiment_id = client.create_experiment(experiment)
    for run in runs:
        created = client.create_run(
            experiment_id,
            start_time=run["start_time"],
            tags={t["key"]: t["value"] for t in run["create_tags"]},
            run_name=run["run_name"],
        )
        run_id = created.info.run_id
        params = [Param(p["key"], p["value"]) for p in run["params"]]
        tags = [RunTag(t["key"], t["value"]) for t in run["tags"]]
        metrics = [Metric(m["key"], m["value"], m["timestamp"], m["step"]) for m in run["metrics"]]
        # MLflow's limits: 100 params or tags and 1000 metrics per request.
        if len(params) <= 100 and len(tags) <= 100 and len(params) + len(tags) + len(metrics) <= 1000:
            client.log_batch(run_id, metrics=metrics, params=params, tags=tags)
        else:
            for part in chunks(params, 100):
                client.log_batch(run_id, params=part)
            for part in chunks(tags, 100):
                client.log_batch(run_id, tags=part)
            for part in chunks(metrics, 1000):
                client.log_batch(run_id, metrics=part)
        client.set_terminated(run_id, status=run["status"], end_time=run["end_time"])
    seconds = time.perf_counter() - started
    print(json.dumps({"runs": len(runs), "seconds": seconds, "runs_per_s": len(runs) / seconds}))


if __name__ == "__main__":
    main()
