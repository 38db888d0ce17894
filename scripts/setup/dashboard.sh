#!/usr/bin/env bash
# Builds the dashboard (web/ -> web/dist) that `runfacts serve` serves at /, so the browser
# tests see the current sources. `npm install` builds it too (the root package's prepare script).
set -euo pipefail
cd "$(dirname "$0")/../.."
npm run --silent build -w web -- --logLevel warn
echo "dashboard: built web/dist"
