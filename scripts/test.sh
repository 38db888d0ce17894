#!/usr/bin/env bash
# The README's test command (`npm test`): brings everything the tests need, then runs them.
# A fresh clone needs nothing else: each scripts/setup/*.sh creates or reuses one piece
# (the pinned MLflow venv, the Python SDK's venv, a browser) and is idempotent.
#
#   npm test                 # set-up, then every vitest and pytest test
#   npm test -- FILTER       # set-up, then only vitest files matching FILTER (no pytest)
set -euo pipefail
cd "$(dirname "$0")/.."

for setup in scripts/setup/*.sh; do
  bash "$setup"
done

if [[ $# -gt 0 ]]; then
  exec npx vitest run "$@"
fi
npx vitest run
for suite in scripts/test-*.sh; do
  [[ -e "$suite" ]] && bash "$suite"
done
