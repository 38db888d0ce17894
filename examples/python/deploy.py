"""A deploy script: fetch the model version in Production, with the meta and config frozen
when it was registered (so serving knows exactly what it loads).

    RUNFACTS_URL=http://127.0.0.1:4000 python examples/python/deploy.py four-tops-clf --dest model/
"""

from __future__ import annotations

import argparse
import json

import runfacts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model")
    parser.add_argument("--alias", default="Production")
    parser.add_argument("--dest", help="download the model files here (checked by SHA-256)")
    args = parser.parse_args()
    client = runfacts.Client()
    try:
        version = client.model_version_by_alias(args.model, args.alias)
    except runfacts.RegistryError as e:
        raise SystemExit(f"deploy: {e}") from None
    print(f"{version.model} v{version.version} ({args.alias}) from run {version.run_id}")
    print(f"source: {version.source}")
    if version.meta is None or version.config is None:  # the token lacks the read scope
        raise SystemExit("deploy: the frozen meta and config need a token with the read scope")
    print(f"meta: {version.meta.row_key} {version.meta.model_family} {version.meta_hash}")
    if version.meta_changed:
        print("warning: the run's meta was overridden since registration; the frozen one is used")
    print("config: " + json.dumps(version.config, sort_keys=True))
    if args.dest:
        try:
            files = client.download_model(args.model, args.alias, dest=args.dest)
        except runfacts.ChecksumError as e:
            raise SystemExit(f"deploy: {e}") from None
        for file in files:
            print(f"downloaded {file}")


if __name__ == "__main__":
    main()
