#!/usr/bin/env bash
# Creates (or reuses) the Python virtualenv with a pinned MLflow that the MLflow mirror's
# integration tests and bench run against: `mlflow server` with a SQLite store, and MLflow's
# Python client for the bench's comparison.
#
#   scripts/setup/mlflow-venv.sh            # venv at .venv/mlflow (override: MLFLOW_VENV=/path)
#
# Reuse: when the venv exists and was built from the same scripts/mlflow-requirements.txt (its
# sha256 is stamped in the venv) and holds mlflow-skinny at the pinned version, nothing is installed. It also
# leaves an already migrated SQLite database (migrated.db) in the venv, which tests copy instead
# of paying MLflow's slow schema migrations at every server start.
set -euo pipefail

cd "$(dirname "$0")/../.."
REQUIREMENTS="scripts/setup/mlflow-requirements.txt"
VENV="${MLFLOW_VENV:-.venv/mlflow}"
PYTHON="${PYTHON:-python3.11}"
STAMP="$VENV/.runfacts-requirements.sha256"
WANT="$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)"
PINNED="$(grep -E '^mlflow-skinny==' "$REQUIREMENTS" | cut -d= -f3)"

venv_ok() {
  [[ -x "$VENV/bin/mlflow" && -f "$STAMP" && "$(cat "$STAMP")" == "$WANT" ]] &&
    compgen -G "$VENV/lib/python*/site-packages/mlflow_skinny-$PINNED.dist-info" >/dev/null
}

if venv_ok; then
  echo "mlflow-venv: reusing $VENV (mlflow $PINNED)"
else
  if ! command -v "$PYTHON" >/dev/null; then
    echo "mlflow-venv: $PYTHON not found; install Python 3.11 or set PYTHON=/path/to/python3" >&2
    exit 1
  fi
  echo "mlflow-venv: creating $VENV with mlflow $PINNED (about a minute)"
  started=$(date +%s)
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check --no-input -r "$REQUIREMENTS"
  echo "$WANT" >"$STAMP"
  echo "mlflow-venv: installed in $(($(date +%s) - started)) s"
fi

# A database MLflow has already migrated; built next to the venv, renamed into place when whole.
if [[ ! -f "$VENV/migrated.db" ]]; then
  tmp="$VENV/.migrating-$$.db"
  rm -f "$tmp"
  "$VENV/bin/mlflow" db upgrade "sqlite:///$(realpath "$VENV")/$(basename "$tmp")" >/dev/null 2>&1 || {
    rm -f "$tmp"
    echo "mlflow-venv: 'mlflow db upgrade' failed; rerun: $VENV/bin/mlflow db upgrade sqlite:///tmp/x.db" >&2
    exit 1
  }
  mv "$tmp" "$VENV/migrated.db"
fi
echo "mlflow-venv: ready: $VENV/bin/mlflow (mlflow $PINNED), template database $VENV/migrated.db"
