#!/bin/sh
# browser.sh [BINARY] - the browser application in Debian's headless
# Chromium, driven by playwright-core (tests/e2e/browser.mjs), against a
# real lbcare serving a fresh demo database on a free loopback port.
# Prints TAP (from browser.mjs).  Screenshots: build/e2e-artifacts/.
set -u
BIN=${1:-build/lbcare}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
case $BIN in /*) ;; *) BIN=$ROOT/$BIN ;; esac
T=$(mktemp -d)
PID=
cleanup() {
	[ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT INT TERM

if [ ! -d "$ROOT/tests/e2e/node_modules/playwright-core" ] ||
    [ ! -d "$ROOT/tests/e2e/node_modules/axe-core" ]; then
	(cd "$ROOT/tests/e2e" && npm ci --no-audit --no-fund >/dev/null 2>&1) ||
	    { echo "1..1"; echo "not ok 1 - npm ci in tests/e2e failed"; exit 1; }
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" demo --db "$T/e2e.db" --pwhash min >/dev/null || {
	echo "1..1"; echo "not ok 1 - demo database"; exit 1; }
"$BIN" serve --db "$T/e2e.db" --listen 127.0.0.1 --port "$PORT" \
    --log-level warn 2>"$T/server.log" &
PID=$!
i=0
until curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null; do
	i=$((i + 1))
	[ $i -gt 100 ] && { echo "1..1"; echo "not ok 1 - server did not start";
	    sed 's/^/# /' "$T/server.log"; exit 1; }
	sleep 0.1
done
LBCARE_URL=http://127.0.0.1:$PORT \
LBCARE_ARTIFACTS=$ROOT/build/e2e-artifacts \
    timeout 200 node "$ROOT/tests/e2e/browser.mjs"
