#!/usr/bin/env bash
# The compose setup without Docker: MLflow from the pinned virtualenv and runfacts mirroring to it.
#   docker/run-native.sh [facts root]     (Ctrl-C stops both)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="${1:-./runfacts-data}"
MLFLOW_DIR="${MLFLOW_DIR:-./.runfacts-mlflow}"
bash scripts/setup/mlflow-venv.sh
mkdir -p "$MLFLOW_DIR"
[ -f "$MLFLOW_DIR/mlflow.db" ] || cp .venv/mlflow/migrated.db "$MLFLOW_DIR/mlflow.db"
MLFLOW_SERVER_ENABLE_JOB_EXECUTION=false .venv/mlflow/bin/mlflow server \
  --backend-store-uri "sqlite:///$(realpath "$MLFLOW_DIR")/mlflow.db" \
  --default-artifact-root "$(realpath "$MLFLOW_DIR")/artifacts" \
  --host 127.0.0.1 --port "${MLFLOW_PORT:-5000}" --workers 1 &
MLFLOW_PID=$!
trap 'kill $MLFLOW_PID 2>/dev/null' EXIT
until curl -sf "http://127.0.0.1:${MLFLOW_PORT:-5000}/health" >/dev/null; do sleep 1; done
echo "MLflow: http://127.0.0.1:${MLFLOW_PORT:-5000}"
node server/bin/runfacts.js serve --root "$ROOT" --demo --mirror-mlflow "http://127.0.0.1:${MLFLOW_PORT:-5000}"
