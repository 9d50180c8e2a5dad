#!/usr/bin/env bash
# Makes sure an nginx binary is installed (the replica test's load balancer): installs
# Debian's package when there is none. It starts no server: each test runs its own nginx,
# in the foreground, with a generated config in a temp folder and loopback ports only.
set -euo pipefail
found() { command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; }
if ! found; then
  echo "nginx is not installed; installing Debian's package"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
fi
found || { echo "nginx is not installed and could not be installed" >&2; exit 1; }
