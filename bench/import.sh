#!/bin/sh
# import.sh - `make bench-import` (or by hand): the roster import of
# ROWS children (default 100,000) against raw SQLite inserts of the same
# rows, in one run, plus name/pinyin search and needs-profile latency on
# what was imported.  Builds nothing: expects $BUILD/bench/bench_import.
# Writes the figures to bench/results/import.txt as well.
#
# Knobs (environment): BUILD=build ROWS=100000 NO_DRY_RUN=1 (skip the
# dry run) SEARCH=1 (default on).
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
ROWS=${ROWS:-100000}
BIN=$BUILD/bench/bench_import
[ -x "$BIN" ] || { echo "bench: $BIN is missing (make build)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lbcare-bench-import.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p bench/results
out=bench/results/import.txt
echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, load" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" > "$out"
if ! SEARCH=${SEARCH:-1} "$BIN" "$ROWS" "$tmp" >> "$out" 2>"$tmp/stderr"
then
	cat "$out" "$tmp/stderr" >&2
	exit 1
fi
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out"
cat "$out"
