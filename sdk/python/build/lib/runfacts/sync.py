"""Sends journaled writes: `client.sync()` and the `runfacts-sync` command, for runs whose
server was away until the job ended. Safe to run twice, or beside a live run: every write
carries its id, and a journal is deleted only once all of it was sent."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ._journal import Journal, default_journal_dir, journals
from ._ops import send_op
from ._transport import Transport
from .errors import RunfactsError, RunfactsTransportError


@dataclass
class SyncReport:
    """What a sync sent: runs completed, writes sent, and journals left (with why)."""

    runs: list[str] = field(default_factory=list)
    writes: int = 0
    left: dict[str, str] = field(default_factory=dict)


def sync_journal(transport: Transport, journal: Journal, attempts: int = 4) -> tuple[str, int]:
    """Sends one journal's pending writes in order; returns the run id and writes sent."""
    sent = 0
    while True:
        _, run_id, pending = journal.read()
        for op in pending:
            new_id = send_op(transport, op, run_id, attempts)
            if op["kind"] == "register" and new_id is not None:
                journal.set_run_id(new_id)
            run_id = new_id
            journal.mark_done(op["id"])
            sent += 1
        if journal.remove_if_done():
            return run_id or "?", sent


def sync_journals(
    transport: Optional[Transport], directory: Path, token: Optional[str] = None
) -> SyncReport:
    """Sends every journal in `directory`, to `transport`'s server or else to the server each
    journal was written for."""
    report = SyncReport()
    by_url: dict[str, Transport] = {}
    for path in journals(directory):
        journal = Journal(path)
        try:
            target = transport
            if target is None:
                url = str(journal.read()[0].get("url") or "")
                target = by_url.get(url) or Transport(url, token, timeout=30.0, retries=3)
                by_url[url] = target
            run_id, sent = sync_journal(target, journal)
        except RunfactsTransportError as e:
            report.left[str(path)] = str(e)
            if transport is not None:
                break  # the server is away: the other journals would fail the same way
        except RunfactsError as e:
            report.left[str(path)] = str(e)
            continue
        report.runs.append(run_id)
        report.writes += sent
    return report


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="runfacts-sync",
        description="Send the writes runs kept in their local journal while the server was away.",
    )
    parser.add_argument(
        "--url",
        help="server URL (default: RUNFACTS_URL, else the one each journal was written for)",
    )
    parser.add_argument("--token", help="API token (default: RUNFACTS_TOKEN)")
    parser.add_argument(
        "--dir", type=Path, default=None,
        help=f"journal folder (default: RUNFACTS_JOURNAL_DIR or {default_journal_dir()})",
    )  # fmt: skip
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    url = args.url or os.environ.get("RUNFACTS_URL")
    transport = Transport(url, args.token, timeout=30.0, retries=3) if url else None
    directory = args.dir or default_journal_dir()
    report = sync_journals(transport, directory, args.token)
    if args.json:
        print(json.dumps(dataclasses.asdict(report), indent=2))
    else:
        sent = f"{len(report.runs)} run(s), {report.writes} write(s) sent from {directory}"
        print(f"runfacts-sync: {sent}")
        for path, why in report.left.items():
            print(f"runfacts-sync: kept {path}: {why}", file=sys.stderr)
    return 1 if report.left else 0


if __name__ == "__main__":
    sys.exit(main())
