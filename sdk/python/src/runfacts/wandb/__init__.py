"""The W&B mirror (`runfacts-wandb`, `python -m runfacts.wandb`): one W&B run per runfacts run,
with seed 000's `meta.*` config and minimal tags, written offline unless the environment names a
W&B server. Needs the `runfacts[wandb]` extra; docs/wandb-mirror.md has the mapping."""

from .cli import main
from .mapping import WandbRun, map_run, wandb_id
from .mirror import MirrorReport, mirror
from .writer import Target, choose_target

__all__ = [
    "MirrorReport",
    "Target",
    "WandbRun",
    "choose_target",
    "main",
    "map_run",
    "mirror",
    "wandb_id",
]
