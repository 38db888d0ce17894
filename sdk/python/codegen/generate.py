"""Generates runfacts._generated (sync) and runfacts._generated_async from the repository's
schema.graphql and queries/, with ariadne-codegen; `--check` regenerates into a temporary folder
and fails when the committed code differs (drift from the schema or the operations).

    python codegen/generate.py           # rewrite src/runfacts/_generated*
    python codegen/generate.py --check   # exit 1 and list the files that drifted

The sync client cannot hold subscriptions (ariadne-codegen refuses them), so its copy of the
operations has the subscription definitions removed; the async client gets every operation.
"""

from __future__ import annotations

import argparse
import contextlib
import filecmp
import io
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import toml
from ariadne_codegen.main import client
from graphql import DocumentNode, OperationDefinitionNode, OperationType, parse, print_ast

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # the plugins live beside this script
PACKAGE = HERE.parent / "src" / "runfacts"
TARGETS = ("sync.toml", "async.toml")


def without_subscriptions(queries: Path, into: Path) -> None:
    """Copies every .graphql file of `queries` into `into`, minus subscription operations."""
    for source in sorted(queries.glob("*.graphql")):
        document = parse(source.read_text(encoding="utf-8"))
        kept = [
            d
            for d in document.definitions
            if not (
                isinstance(d, OperationDefinitionNode) and d.operation == OperationType.SUBSCRIPTION
            )
        ]
        if kept:
            (into / source.name).write_text(
                print_ast(DocumentNode(definitions=tuple(kept))) + "\n", encoding="utf-8"
            )


def generate(out: Path, work: Path) -> list[str]:
    """Generates both packages into `out`; returns their folder names."""
    names = []
    for name in TARGETS:
        config: dict[str, Any] = toml.load(HERE / name)
        section = config["tool"]["ariadne-codegen"]
        section["schema_path"] = str((HERE.parent / section["schema_path"]).resolve())
        queries = (HERE.parent / section["queries_path"]).resolve()
        if not section.get("async_client", True):
            stripped = work / f"queries-{name}"
            stripped.mkdir()
            without_subscriptions(queries, stripped)
            queries = stripped
        section["queries_path"] = str(queries)
        section["target_package_path"] = str(out)
        shutil.rmtree(out / section["target_package_name"], ignore_errors=True)
        with contextlib.redirect_stdout(io.StringIO()):  # its file-by-file log
            client(config)
        names.append(section["target_package_name"])
    return names


def differences(left: Path, right: Path) -> list[str]:
    """Relative paths of files that differ, or exist on one side only (caches ignored)."""
    cmp = filecmp.dircmp(left, right, ignore=["__pycache__"])
    found = [str(Path(left.name) / n) for n in cmp.left_only + cmp.right_only + cmp.diff_files]
    found += [
        str(Path(left.name) / d)
        for sub in cmp.common_dirs
        for d in differences(left / sub, right / sub)
    ]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when committed code drifted")
    check = parser.parse_args().check
    with tempfile.TemporaryDirectory(prefix="runfacts-codegen-") as tmp:
        work = Path(tmp)
        out = work / "out" if check else PACKAGE
        out.mkdir(exist_ok=True)
        names = generate(out, work)
        if not check:
            return 0
        drift = [
            f
            for name in names
            for f in (
                differences(PACKAGE / name, out / name)
                if (PACKAGE / name).is_dir()
                else [name + "/ (missing)"]
            )
        ]
    if drift:
        print(
            "sdk/python: generated code drifted from schema.graphql or queries/:\n  "
            + "\n  ".join(drift)
            + "\nregenerate with: .venv/sdk/bin/python sdk/python/codegen/generate.py",
            file=sys.stderr,
        )
        return 1
    print("sdk/python: generated code matches schema.graphql and queries/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
