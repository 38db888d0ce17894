"""`runfacts-wandb`: the mirror's command line, with a progress bar on a terminal and a JSON
report for scripts."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import Optional, TextIO

from ..client import Client
from ..errors import RunfactsError, RunfactsGraphQLError, RunfactsTransportError
from .mirror import MirrorReport, Progress, mirror
from .state import StateError
from .writer import choose_target


def _progress_bar(stream: TextIO) -> Optional[Progress]:
    if not stream.isatty():
        return None

    def show(done: int, total: int) -> None:
        width = 30
        filled = width * done // total
        stream.write(f"\rrunfacts-wandb [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done == total:
            stream.write("\n")
        stream.flush()

    return show


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="runfacts-wandb",
        description="Mirror runfacts runs to W&B: offline run folders (upload later with "
        "`wandb sync`), or the W&B server WANDB_API_KEY / WANDB_BASE_URL name.",
    )
    parser.add_argument("--url", help="runfacts server URL (default: RUNFACTS_URL)")
    parser.add_argument("--token", help="runfacts API token (default: RUNFACTS_TOKEN)")
    chosen = parser.add_mutually_exclusive_group()
    chosen.add_argument("--where", help='MLflow-style filter, e.g. "metrics.auroc > 0.9"')
    chosen.add_argument("--experiment", help="mirror this experiment's runs only")
    parser.add_argument(
        "--offline-dir", type=Path, default=Path("wandb-mirror"),
        help="folder of the offline runs and the state file (default: ./wandb-mirror)",
    )  # fmt: skip
    parser.add_argument(
        "--offline", action="store_true",
        help="write offline even when WANDB_API_KEY or WANDB_BASE_URL is set",
    )  # fmt: skip
    parser.add_argument("--project", help="one W&B project for all runs (default: experiment)")
    parser.add_argument("--entity", help="W&B entity (default: WANDB_ENTITY)")
    parser.add_argument(
        "--group-by", default="meta.process_groups_key",
        help="config key whose value is the W&B group (default: meta.process_groups_key; "
        "'' for none)",
    )  # fmt: skip
    parser.add_argument(
        "--rebuild", action="store_true",
        help="write every run again, ignoring the state file (offline: replaces earlier folders)",
    )  # fmt: skip
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    return parser


def _print_report(report: MirrorReport, as_json: bool) -> None:
    if as_json:
        print(json.dumps(dataclasses.asdict(report), indent=2))
        return
    rate = len(report.written) / report.seconds if report.seconds > 0 else 0.0
    print(
        f"runfacts-wandb: {len(report.written)} run(s) written, {report.unchanged} unchanged, "
        f"of {report.listed} listed, in {report.seconds:.1f} s ({rate:.1f} runs/s) "
        f"to {report.directory}"
    )
    for run_id, warnings in report.warnings.items():
        for warning in warnings:
            print(f"runfacts-wandb: {run_id}: {warning}", file=sys.stderr)
    if report.target == "offline" and report.written:
        print(f"runfacts-wandb: upload with: wandb sync {report.directory}/wandb")


def main(argv: Optional[list[str]] = None) -> int:
    args = _parser().parse_args(argv)
    target = choose_target(args.offline_dir, args.offline, args.entity)
    if target.online:
        print(f"runfacts-wandb: online: writing to W&B at {target.key}", file=sys.stderr)
    try:
        with Client(url=args.url, token=args.token, retries=1) as client:
            report = mirror(
                client, target, where=args.where, experiment=args.experiment,
                rebuild=args.rebuild, project=args.project, group_by=args.group_by or None,
                progress=None if args.json else _progress_bar(sys.stderr),
            )  # fmt: skip
    except RunfactsTransportError as e:
        print(
            f"runfacts-wandb: cannot reach the runfacts server: {e} "
            "(start it, or set --url / RUNFACTS_URL)",
            file=sys.stderr,
        )
        return 2
    except RunfactsGraphQLError as e:
        what = f"--where {args.where!r}" if args.where else "the run query"
        print(f"runfacts-wandb: the server refused {what}: {e}", file=sys.stderr)
        return 2
    except (RunfactsError, StateError, ImportError) as e:
        print(f"runfacts-wandb: {e}", file=sys.stderr)
        return 2
    _print_report(report, args.json)
    return 0
