#!/usr/bin/env bash
# Creates (or reuses) the Python SDK's venv: the runfacts package installed editable from
# sdk/python with pinned ariadne-codegen (the drift check), pytest, hypothesis, mypy and pandas.
#
#   scripts/setup/python-sdk.sh            # venv at .venv/sdk (override: SDK_VENV=/path)
#
# Reuse: when the venv exists and was built from the same requirements and sdk/python/pyproject.toml
# (their sha256 is stamped in the venv), nothing is installed.
set -euo pipefail

cd "$(dirname "$0")/../.."
REQUIREMENTS="scripts/setup/python-sdk-requirements.txt"
VENV="${SDK_VENV:-.venv/sdk}"
PYTHON="${PYTHON:-python3.11}"
STAMP="$VENV/.runfacts-requirements.sha256"
WANT="$(cat "$REQUIREMENTS" sdk/python/pyproject.toml | sha256sum | cut -d' ' -f1)"

if [[ -x "$VENV/bin/pytest" && -f "$STAMP" && "$(cat "$STAMP")" == "$WANT" ]]; then
  echo "python-sdk: reusing $VENV"
  exit 0
fi
if ! command -v "$PYTHON" >/dev/null; then
  echo "python-sdk: $PYTHON not found; install Python 3.11 or set PYTHON=/path/to/python3" >&2
  exit 1
fi
echo "python-sdk: creating $VENV (about a minute)"
started=$(date +%s)
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check --no-input -r "$REQUIREMENTS"
echo "$WANT" >"$STAMP"
echo "python-sdk: installed in $(($(date +%s) - started)) s: $VENV/bin/python"
