"""Bulk-loads runs into a migrated MLflow SQLite database by SQL (MLflow's client needs hours).

Reads one JSON object per line on stdin (written by bench/vs-mlflow/mlflow-load.ts):
  {"uuid", "experiment", "name", "status", "start", "end",
   "params": [[k, v]], "tags": [[k, v]], "metrics": [[k, v, ts, step]], "latest": [[k, v, ts, step]]}
and fills experiments, runs, params, tags, metrics and latest_metrics as MLflow's own store would.
Prints {"experiments": {name: id}, "runs": n} on stdout at the end.

  python load-mlflow-sqlite.py <mlflow.db> <artifact root>
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from typing import Any

BATCH_RUNS = 500


def main(db_path: str, artifact_root: str) -> None:
    db = sqlite3.connect(db_path)
    # A one-off load into a copy: no journal, no fsync; MLflow opens it normally afterwards.
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    now = int(time.time() * 1000)
    experiments: dict[str, int] = {}
    db.execute(
        "INSERT OR IGNORE INTO experiments (experiment_id, name, artifact_location,"
        " lifecycle_stage, creation_time, last_update_time) VALUES (0, 'Default', ?, 'active', ?, ?)",
        (f"{artifact_root}/0", now, now),
    )
    runs: list[tuple[Any, ...]] = []
    params: list[tuple[Any, ...]] = []
    tags: list[tuple[Any, ...]] = []
    metrics: list[tuple[Any, ...]] = []
    latest: list[tuple[Any, ...]] = []
    total = 0

    def flush() -> None:
        db.executemany(
            "INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id,"
            " status, start_time, end_time, source_version, lifecycle_stage, artifact_uri,"
            " experiment_id) VALUES (?, ?, 'LOCAL', '', '', 'bench', ?, ?, ?, '', 'active', ?, ?)",
            runs,
        )
        db.executemany("INSERT INTO params (key, value, run_uuid) VALUES (?, ?, ?)", params)
        db.executemany("INSERT INTO tags (key, value, run_uuid) VALUES (?, ?, ?)", tags)
        db.executemany(
            "INSERT OR IGNORE INTO metrics (key, value, timestamp, run_uuid, step, is_nan)"
            " VALUES (?, ?, ?, ?, ?, 0)",
            metrics,
        )
        db.executemany(
            "INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid)"
            " VALUES (?, ?, ?, ?, 0, ?)",
            latest,
        )
        db.commit()
        for rows in (runs, params, tags, metrics, latest):
            rows.clear()

    for line in sys.stdin:
        run = json.loads(line)
        name = run["experiment"]
        if name not in experiments:
            experiment_id = len(experiments) + 1
            experiments[name] = experiment_id
            db.execute(
                "INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage,"
                " creation_time, last_update_time) VALUES (?, ?, ?, 'active', ?, ?)",
                (experiment_id, name, f"{artifact_root}/{experiment_id}", now, now),
            )
        experiment_id = experiments[name]
        uuid = run["uuid"]
        artifact_uri = f"{artifact_root}/{experiment_id}/{uuid}/artifacts"
        runs.append(
            (uuid, run["name"], run["status"], run["start"], run["end"], artifact_uri, experiment_id)
        )
        params.extend((k, v, uuid) for k, v in run["params"])
        tags.extend((k, v, uuid) for k, v in run["tags"])
        metrics.extend((k, v, ts, uuid, step) for k, v, ts, step in run["metrics"])
        latest.extend((k, v, ts, step, uuid) for k, v, ts, step in run["latest"])
        total += 1
        if total % BATCH_RUNS == 0:
            flush()
    flush()
    db.close()
    json.dump({"experiments": experiments, "runs": total}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
