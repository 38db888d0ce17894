"""A PyTorch-style training loop that records itself in runfacts (plain Python: no torch needed).

    RUNFACTS_URL=http://127.0.0.1:4000 python examples/python/train_loop.py
    RUNFACTS_URL=... python examples/python/train_loop.py --promote four-tops-clf

`run.log` only appends to a buffer (microseconds); a background thread sends batches. If the
server is down the points wait in a local journal and `runfacts-sync` sends them later.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import tempfile
from pathlib import Path
from typing import Any

import runfacts

CONFIG: dict[str, Any] = {
    "model": {"name": "transformer", "dim": 128, "pooling": "max"},
    "optim": {"lr": 3e-4, "weight_decay": 0.01},
    "data": {"path": "/data/4topsplitted", "batch_size": 256},
    "trainer": {"epochs": 8, "steps_per_epoch": 50},
}
META = {
    "schema_version": 1,
    "level": "sim_event",
    "goal": "classification",  # set explicitly, never inferred (seed 000)
    "dataset_name": "4topsplitted",
    "model_family": "transformer",
    "process_groups": [["4t"], ["ttH", "ttW", "ttWW", "ttZ"]],
    "datatreatment": {
        "tokenization": "binned",
        "pid_encoding": "embedded",
        "id_embed_dim": 8,
    },
}


def train_step(step: int) -> float:
    """Stands in for forward, backward and optimizer.step(); returns the batch loss."""
    return 0.7 * math.exp(-step / 150) + 0.05 + random.random() * 0.02


def evaluate(epoch: int) -> float:
    return 0.75 + 0.15 * (1 - math.exp(-epoch / 3))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--promote", metavar="MODEL", help="register the run as MODEL, promote it")
    args = parser.parse_args()

    client = runfacts.Client()  # RUNFACTS_URL, RUNFACTS_TOKEN
    trainer = CONFIG["trainer"]
    with client.start_run(
        experiment="binning-vs-direct",
        name="transformer_max_binned",
        architecture_code="tf-max-binned",
        config=CONFIG,
        meta=META,
    ) as run:
        run.set_tags({"owner": "example"})
        best = 0.0
        step = 0
        for epoch in range(trainer["epochs"]):
            for _ in range(trainer["steps_per_epoch"]):
                run.log({"train/loss": train_step(step)}, step=step)
                step += 1
            auroc = evaluate(epoch)
            best = max(best, auroc)
            run.log({"val/auroc": auroc}, step=epoch)
        run.summary["auroc"] = best  # what coverage grids and leaderboards rank by
        # torch.save(model.state_dict(), path) in a real loop; uploaded with its SHA-256
        with tempfile.TemporaryDirectory() as tmp:
            weights = Path(tmp) / "best.pt"
            weights.write_bytes(json.dumps({"auroc": best}).encode())
            run.log_artifact(weights, name="models/best.pt")
    print(f"run {run.id} finished; best auroc {best:.3f}")

    if args.promote and run.id:
        try:
            client.create_model(args.promote, description="4t vs ttX classifier")
        except runfacts.RegistryError as e:
            if e.code != "MODEL_EXISTS":
                raise
        version = client.create_model_version(args.promote, run.id, source="models/best.pt")
        client.promote(args.promote, version.version, to="Production", reason=f"auroc {best:.3f}")
        print(f"{args.promote} v{version.version} is in Production")


if __name__ == "__main__":
    main()
