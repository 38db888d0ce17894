"""A Hydra-style run: the composed config (what `OmegaConf.to_container(cfg, resolve=True)`
gives) is registered as the run's config, and its `meta` group declares seed 000's meta.

    RUNFACTS_URL=http://127.0.0.1:4000 python examples/python/hydra_config.py

No Hydra needed here; in a Hydra app pass `OmegaConf.to_container(cfg, resolve=True)`.
"""

from __future__ import annotations

from typing import Any

import runfacts
from runfacts.meta import canonicalize

# conf/config.yaml + conf/model/mlp.yaml + conf/meta/three_way.yaml, composed and resolved
CFG: dict[str, Any] = {
    "experiment": "three-way",
    "model": {"_target_": "models.MLP", "hidden": [256, 128], "dropout": 0.1},
    "optim": {"_target_": "torch.optim.AdamW", "lr": 1e-3},
    "seed": 13,
    "meta": {
        "schema_version": 1,
        "level": "sim_event",
        "goal": "classification",
        "dataset_name": "4topsplitted",
        "model_family": "mlp",
        "process_groups": [
            [3, 4, 5],
            [2],
            [1],
        ],  # process ids map through seed 000's table
        "datatreatment": {
            "tokenization": "direct",
            "pid_encoding": "onehot",
            "id_embed_dim": None,
        },
    },
}


def main(cfg: dict[str, Any]) -> None:
    meta = cfg["meta"]
    local = canonicalize(meta)  # seed-000 rules offline: a bad meta fails before any run starts
    print(f"row {local['row_key']}, meta {local['meta_hash']}")
    client = runfacts.Client()
    config = {k: v for k, v in cfg.items() if k != "meta"}
    with client.start_run(
        experiment=cfg["experiment"],
        name=f"mlp_seed{cfg['seed']}",
        config=config,
        meta=meta,
    ) as run:
        for epoch in range(5):
            run.log({"loss": 1.0 / (epoch + 1), "acc": 0.5 + epoch * 0.08}, step=epoch)
        run.summary["auroc"] = 0.83
    assert run.id is not None
    stored = client.run(run.id)
    same = stored.meta.meta_hash == local["meta_hash"]
    print(f"run {run.id}: server meta {stored.meta.meta_hash} (same as local: {same})")


if __name__ == "__main__":
    main(CFG)
