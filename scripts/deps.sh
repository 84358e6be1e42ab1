#!/bin/sh
# deps.sh - install the Debian 12 packages LBCare needs to build, test and
# run, if any are missing.  Safe to run again; runs apt only when needed.
# Usage: scripts/deps.sh [build|test]   (test adds the test-only tools)
set -eu

BUILD="gcc make meson ninja-build pkg-config python3 libmicrohttpd-dev
libjansson-dev libsqlite3-dev libpq-dev libsodium-dev libssl-dev libicu-dev
libxlsxwriter-dev libzip-dev libexpat1-dev libmagic-dev"
TEST="libcriterion-dev postgresql-15 curl clang libclang-rt-14-dev
python3-jsonschema libxml2-utils sqlite3 wrk chromium fonts-noto-core
fonts-noto-cjk jq"

want=$BUILD
[ "${1:-build}" = test ] && want="$BUILD $TEST"

missing=
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
	    grep -q 'install ok installed' || missing="$missing $p"
done
# Node.js for the browser test: Debian's, unless one is already there.
if [ "${1:-build}" = test ] && ! command -v npm >/dev/null 2>&1; then
	missing="$missing nodejs npm"
fi
[ -z "$missing" ] && exit 0

echo "deps.sh: installing:$missing" >&2
SUDO=
[ "$(id -u)" -ne 0 ] && SUDO=sudo
$SUDO apt-get update -q
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q $missing
