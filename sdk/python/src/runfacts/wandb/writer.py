"""The only module that imports `wandb` (the `runfacts[wandb]` extra): writes mapped runs one
after another through one wandb-core service, with everything that would send or collect data
the user did not ask for switched off (error reports, system stats, console capture, code, git,
requirements, machine info)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from .mapping import WandbRun

ONLINE_ENV = ("WANDB_API_KEY", "WANDB_BASE_URL")


@dataclass
class Target:
    """Where runs go: offline run folders under `directory`, or the W&B server the environment
    names (then `directory` holds wandb's local copies)."""

    directory: Path
    online: bool
    base_url: Optional[str] = None
    entity: Optional[str] = None

    @property
    def key(self) -> str:
        """The state file's key for this target."""
        if not self.online:
            return "offline"
        return f"{self.base_url or 'https://api.wandb.ai'}/{self.entity or ''}"


def choose_target(directory: Path, force_offline: bool, entity: Optional[str]) -> Target:
    """Online only when WANDB_API_KEY or WANDB_BASE_URL is set and --offline is not given."""
    online = not force_offline and any(os.environ.get(name) for name in ONLINE_ENV)
    return Target(
        directory=directory,
        online=online,
        base_url=os.environ.get("WANDB_BASE_URL") if online else None,
        entity=entity or os.environ.get("WANDB_ENTITY"),
    )


def _import_wandb() -> Any:
    # Before the import: wandb reads these once. Sentry error reports are off unless the user
    # asked for them; offline mode is set in the environment too, so no part of wandb goes online.
    os.environ.setdefault("WANDB_ERROR_REPORTING", "false")
    os.environ.setdefault("WANDB_SILENT", "true")
    try:
        import wandb
    except ImportError:
        raise ImportError(
            "the W&B mirror needs wandb: pip install 'runfacts[wandb]' (or wandb)"
        ) from None
    return wandb


class Writer:
    """Writes runs to `target`; `close()` ends wandb's service process."""

    def __init__(self, target: Target) -> None:
        self.target = target
        if not target.online:
            os.environ["WANDB_MODE"] = "offline"
        self._wandb = _import_wandb()
        target.directory.mkdir(parents=True, exist_ok=True)

    def _settings(self) -> Any:
        return self._wandb.Settings(
            mode="online" if self.target.online else "offline",
            silent=True,
            console="off",
            save_code=False,
            disable_code=True,
            disable_git=True,
            disable_job_creation=True,
            x_disable_stats=True,
            x_disable_meta=True,
            x_disable_machine_info=True,
            x_save_requirements=False,
        )

    def write(self, run: WandbRun) -> Path:
        """Writes one run (same W&B id as before: `resume="allow"`); returns its run folder."""
        handle = self._wandb.init(
            id=run.wandb_id,
            project=run.project,
            entity=self.target.entity,
            name=run.name,
            group=run.group,
            job_type=run.job_type,
            notes=run.notes,
            tags=run.tags,
            config=run.config,
            dir=str(self.target.directory),
            resume="allow",
            reinit="finish_previous",
            settings=self._settings(),
        )
        try:
            for step, values in run.rows.items():
                handle.log(values, step=step)
            for key, value in run.summary.items():
                handle.summary[key] = value
            folder = Path(handle.settings.sync_dir)
        finally:
            handle.finish(exit_code=run.exit_code)
        return folder

    def close(self) -> None:
        self._wandb.teardown()
