#!/usr/bin/env bash
# The Python SDK's checks, run by `npm test` after vitest (and so by .ci/run):
# generated code against schema.graphql and queries/ (drift), ruff (lint and format) and
# mypy --strict on the package, its tests, the examples and the bench, then pytest against
# real runfacts server processes.
#
#   scripts/test-python.sh                 # everything
#   scripts/test-python.sh -k recovery     # pytest arguments pass through
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${SDK_VENV:-.venv/sdk}"
[[ -x "$VENV/bin/pytest" ]] || bash scripts/setup/python-sdk.sh

"$VENV/bin/python" sdk/python/codegen/generate.py --check
PY_FILES=(src/runfacts tests codegen ../../examples/python ../../bench/python-sdk.py ../../bench/wandb-mirror.py)
(cd sdk/python && "../../$VENV/bin/ruff" check --config pyproject.toml --quiet "${PY_FILES[@]}" &&
  "../../$VENV/bin/ruff" format --config pyproject.toml --check --quiet "${PY_FILES[@]}")
(cd sdk/python && "../../$VENV/bin/mypy" --strict src/runfacts tests ../../examples/python ../../bench/python-sdk.py \
  ../../bench/wandb-mirror.py)
(cd sdk/python && "../../$VENV/bin/pytest" -q "$@")
