#!/bin/sh
# check.sh - every test suite, summed into one closing line:
#   N passed, N failed
# Suites: unit and API tests (Criterion) on SQLite and on a throw-away
# PostgreSQL cluster; the same under ASan+UBSan; fuzz corpora replayed;
# end-to-end over loopback with curl; the browser application in headless
# Chromium; exports validated against the official schemas.
# Exits non-zero if anything failed.  Logs go to build/check-logs/.
set -u
cd "$(dirname "$0")/.."
ROOT=$(pwd)
LOGS=$ROOT/build/check-logs
PASSED=0
FAILED=0
SUMMARY=""

note() { printf '%s\n' "$*" >&2; }
add() {	# add SUITE PASSED FAILED
	PASSED=$((PASSED + $2))
	FAILED=$((FAILED + $3))
	SUMMARY="$SUMMARY$(printf '  %-28s %5d passed, %3d failed' "$1" "$2" "$3")
"
}

# criterion SUITE BINARY [ENV=VALUE...]: run a Criterion binary, count.
criterion() {
	suite=$1 bin=$2
	shift 2
	log=$LOGS/$(echo "$suite" | tr / -).log
	env "$@" "$bin" --jobs 2 --short-filename >"$log" 2>&1
	rc=$?
	line=$(grep 'Synthesis:' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		note "$suite: no summary (exit $rc); see $log"
		tail -n 20 "$log" >&2
		add "$suite" 0 1
		return
	fi
	tested=$(echo "$line" | sed 's/.*Tested: \([0-9]*\).*/\1/')
	passing=$(echo "$line" | sed 's/.*Passing: \([0-9]*\).*/\1/')
	failed=$((tested - passing))
	[ "$failed" -eq 0 ] && [ "$rc" -ne 0 ] && failed=1
	[ "$failed" -ne 0 ] && grep -E '\[FAIL\]|CRASH|ERROR|Assertion' "$log" \
	    | head -n 30 >&2
	add "$suite" "$passing" "$failed"
}

# tap SUITE COMMAND...: run a TAP-printing script, count ok / not ok.
tap() {
	suite=$1
	shift
	log=$LOGS/$(echo "$suite" | tr / -).log
	"$@" >"$log" 2>&1
	rc=$?
	# A skipped check is not a pass: it is counted apart.
	ok=$(grep '^ok ' "$log" | grep -vc '# SKIP')
	skipped=$(grep '^ok ' "$log" | grep -c '# SKIP')
	[ "$skipped" -gt 0 ] && note "$suite: $skipped skipped (see $log)"
	nok=$(grep -c '^not ok ' "$log")
	[ "$nok" -eq 0 ] && [ "$rc" -ne 0 ] && nok=1
	[ "$nok" -ne 0 ] && { grep -A3 '^not ok ' "$log" | head -n 40 >&2;
	    tail -n 5 "$log" >&2; }
	add "$suite" "$ok" "$nok"
}

setup() {	# setup DIR [meson options...]
	dir=$1
	shift
	[ -f "$dir/build.ninja" ] || meson setup "$dir" "$@" >/dev/null ||
	    return 1
	ninja -C "$dir" >"$LOGS/ninja-$(basename "$dir").log" 2>&1 || {
		tail -n 40 "$LOGS/ninja-$(basename "$dir").log" >&2
		return 1
	}
}

mkdir -p "$LOGS"
note "== build"
if ! setup build; then
	add build 0 1
	echo "$PASSED passed, $FAILED failed"
	exit 1
fi
UNITS="core checks protect totp pinyin store api security audit consent needs workflow projects cases prefs referrals groups evidence registry sheet import lang"

note "== lint: both languages of every error take the same arguments"
tap lint/err-formats python3 scripts/check-err-formats.py

note "== unit and API tests on SQLite"
for t in $UNITS; do
	criterion "sqlite/$t" "build/tests/test_$t"
done

note "== the store and API tests again on PostgreSQL"
PGDIR=$(mktemp -d /tmp/lbcare-pg.XXXXXX)
if PGURI=$(sh scripts/pg-test.sh start "$PGDIR" 2>"$LOGS/pg-start.log" |
    tail -n 1) && [ -n "$PGURI" ]; then
	for t in store api security audit consent needs workflow projects cases prefs referrals groups evidence registry import lang; do
		criterion "postgresql/$t" "build/tests/test_$t" \
		    LBCARE_TEST_PG="$PGURI"
	done
else
	cat "$LOGS/pg-start.log" >&2
	add postgresql 0 1
fi

note "== end to end over loopback"
tap e2e/curl sh tests/e2e/e2e_curl.sh build/lbcare
tap cli sh tests/cli/cli.sh build/lbcare
tap cli/keys sh tests/cli/keys.sh build/lbcare
tap exports/hsds sh tests/cli/hsds.sh build/lbcare
tap cli/referrals sh tests/cli/referrals.sh build/lbcare
tap cli/import sh tests/cli/import.sh build/lbcare

note "== browser application in headless Chromium"
tap e2e/browser sh tests/e2e/browser.sh build/lbcare

note "== sanitizers (ASan + UBSan)"
if setup build-asan -Db_sanitize=address,undefined -Db_lundef=false; then
	for t in $UNITS; do
		criterion "asan/$t" "build-asan/tests/test_$t" \
		    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
	done
	criterion "asan/postgresql-api" "build-asan/tests/test_api" \
	    LBCARE_TEST_PG="${PGURI:-}" \
	    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
else
	add asan-build 0 1
fi
sh scripts/pg-test.sh stop "$PGDIR" >/dev/null 2>&1

note "== fuzz corpora replayed, then a short run of each harness"
if CC=clang setup build-fuzz -Dfuzz=true -Db_sanitize=address,undefined \
    -Db_lundef=false -Dpostgres=disabled; then
	tap fuzz sh tests/fuzz/replay.sh build-fuzz
else
	add fuzz-build 0 1
fi

printf '\n%s' "$SUMMARY" >&2
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
