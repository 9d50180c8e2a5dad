#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the browser tests (playwright-core cannot
# download browsers here). Prints the executable path.
set -euo pipefail
if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests…" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
fi
command -v chromium
