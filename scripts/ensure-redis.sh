#!/usr/bin/env bash
# Makes sure Redis answers on 127.0.0.1:6379 (the chat gateway's session store tests):
# starts the installed server, or installs Debian's package when there is none.
set -euo pipefail
ready() { (exec 3<>/dev/tcp/127.0.0.1/6379 && printf 'PING\r\n' >&3 && head -c 5 <&3 | grep -q PONG) 2>/dev/null; }
if ! ready; then
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "Redis is not installed; installing Debian's package"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  fi
  redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save '' --appendonly no >/dev/null
  for _ in $(seq 1 30); do ready && break; sleep 0.5; done
fi
ready || { echo "Redis did not start on 127.0.0.1:6379" >&2; exit 1; }
