#!/usr/bin/env bash
# Finds or brings a Chromium for the browser tests (GraphiQL, dashboard), so a fresh clone needs
# nothing else. In order: $RUNFACTS_BROWSER, a system chromium/google-chrome, the binary shipped
# inside the @sparticuz/chromium npm package (a devDependency), and as a last resort Debian's
# `chromium` through apt-get (needs root). The one that launches is remembered in
# .cache/browser-path; test/helpers/browser.ts reads it.
set -euo pipefail
cd "$(dirname "$0")/../.."

find_browser() { npx --no-install tsx scripts/setup/find-browser.ts; }

if path=$(find_browser); then
  echo "browser: $path"
  exit 0
fi
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "browser: none launches; installing Debian's chromium with apt-get"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  if path=$(find_browser); then
    echo "browser: $path"
    exit 0
  fi
fi
echo "browser: no Chromium launches here; install chromium or set RUNFACTS_BROWSER to a Chrome/Chromium binary" >&2
exit 1
