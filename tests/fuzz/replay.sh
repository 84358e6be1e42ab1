#!/bin/sh
# replay.sh BUILD_DIR - replay each harness's committed corpus, then fuzz
# it for a bounded time (FUZZ_SECONDS, default 15) from a scratch copy.
# A crash input is saved to tests/fuzz/crashes/ to be added to the corpus.
# Prints TAP.
set -u
B=${1:-build-fuzz}
SECS=${FUZZ_SECONDS:-15}
HERE=$(cd "$(dirname "$0")" && pwd)
n=0
set -- router resource auth transition upload import
echo "1..$(($# * 2))"
for h in "$@"; do
	bin=$B/tests/fuzz_$h
	n=$((n + 1))
	if "$bin" "$HERE"/corpus/"$h"/* >/tmp/fuzz-$h.log 2>&1; then
		echo "ok $n - $h: corpus replayed"
	else
		echo "not ok $n - $h: corpus replay failed"
		sed 's/^/# /' /tmp/fuzz-$h.log | tail -n 20
	fi
	n=$((n + 1))
	work=$(mktemp -d)
	cp "$HERE"/corpus/"$h"/* "$work"/
	mkdir -p "$HERE/crashes"
	if "$bin" -max_total_time="$SECS" -rss_limit_mb=1024 -timeout=10 \
	    -artifact_prefix="$HERE/crashes/$h-" "$work" \
	    >/tmp/fuzz-$h.log 2>&1; then
		echo "ok $n - $h: fuzzed ${SECS}s ($(ls "$work" | wc -l) inputs in the corpus)"
	else
		echo "not ok $n - $h: fuzzing found a failure"
		sed 's/^/# /' /tmp/fuzz-$h.log | tail -n 30
	fi
	rm -rf "$work"
done
