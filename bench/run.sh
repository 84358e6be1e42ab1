#!/bin/sh
# run.sh - `make bench`: lbcare's read API against bare libmicrohttpd
# (bench_hello, same threading mode) on this machine, in one run, with
# wrk.  Bounded: REPEAT x CONNS x 4 cases x DURATION (2 min by default).
# Builds nothing: expects $BUILD/lbcare and $BUILD/bench/bench_hello.
# Prints a table (requests/s, p99, ratio to hello at the same connection
# count, lbcare's memory) and writes it to bench/results/latest.md.
# Afterwards it checks the audit log: the chain verifies, and it holds at
# least one entry per audited answer wrk counted as a success.
#
# Knobs (environment): BUILD=build THREADS=<nproc> DURATION=5s REPEAT=3
# CONNS="16 256" WRK_THREADS=2 CHILDREN=<demo default> LOG_LEVEL=info
set -eu
cd "$(dirname "$0")/.."

BUILD=${BUILD:-build}
THREADS=${THREADS:-$(nproc)}
DURATION=${DURATION:-5s}
CONNS=${CONNS:-16 256}
WRK_THREADS=${WRK_THREADS:-2}
LOG_LEVEL=${LOG_LEVEL:-info}
REPEAT=${REPEAT:-3}
OUT=bench/results/latest.md
LBCARE=$BUILD/lbcare
HELLO=$BUILD/bench/bench_hello

for f in "$LBCARE" "$HELLO"; do
	[ -x "$f" ] || { echo "bench: $f is missing (make build)" >&2; exit 1; }
done
if ! command -v wrk >/dev/null 2>&1; then
	SUDO=
	[ "$(id -u)" -ne 0 ] && SUDO=sudo
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q wrk >&2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/lbcare-bench.XXXXXX")
lb_pid=
hello_pid=
stop() {
	for p in $lb_pid $hello_pid; do
		kill -TERM "$p" 2>/dev/null && wait "$p" 2>/dev/null
	done
	lb_pid=
	hello_pid=
	return 0
}
trap 'stop; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM HUP

free_port() {
	python3 -c 'import socket; s = socket.socket();
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wait_up URL: at most 10 s.
wait_up() {
	i=0
	while [ $i -lt 100 ]; do
		curl -s -o /dev/null -m 1 "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "bench: $1 does not answer" >&2
	exit 1
}

# mem FIELD: lbcare's VmRSS or VmHWM in MiB.
mem() {
	awk -v f="$1:" '$1 == f { printf "%.1f", $2 / 1024 }' \
	    "/proc/$lb_pid/status"
}

# bench NAME CONNS URL [HEADER]: one wrk run; prints "rps p99ms errors
# ok" (ok: requests wrk counted complete, less the non-2xx/3xx ones).
bench() {
	if [ $# -ge 4 ]; then
		wrk -t"$WRK_THREADS" -c"$2" -d"$DURATION" --timeout 2s \
		    --latency -H "$4" "$3" >"$tmp/$1-$2.wrk" 2>&1
	else
		wrk -t"$WRK_THREADS" -c"$2" -d"$DURATION" --timeout 2s \
		    --latency "$3" >"$tmp/$1-$2.wrk" 2>&1
	fi
	awk '
	function ms(v) {
		if (v ~ /us$/) return v / 1000
		if (v ~ /ms$/) return v + 0
		if (v ~ /m$/) return v * 60000
		return v * 1000		# seconds
	}
	$1 == "99%" { p99 = ms($2) }
	$1 == "Requests/sec:" { rps = $2 }
	$2 == "requests" && $3 == "in" { done = $1 }
	/Non-2xx or 3xx responses:/ { err += $NF; bad = $NF }
	/Socket errors:/ { gsub(",", ""); err += $4 + $6 + $8 + $10 }
	END { printf "%.0f %.2f %d %d\n", rps, p99, err, done - bad }' \
	    "$tmp/$1-$2.wrk"
}

# Data and servers.
if [ -n "${CHILDREN:-}" ]; then
	"$LBCARE" demo --db "$tmp/bench.db" --children "$CHILDREN" >/dev/null
else
	"$LBCARE" demo --db "$tmp/bench.db" >/dev/null
fi
lb_port=$(free_port)
hello_port=$(free_port)
L="http://127.0.0.1:$lb_port"
H="http://127.0.0.1:$hello_port"
"$LBCARE" serve --db "$tmp/bench.db" --listen 127.0.0.1 --port "$lb_port" \
    --threads "$THREADS" --log-level "$LOG_LEVEL" 2>"$tmp/lbcare.log" &
lb_pid=$!
"$HELLO" "$hello_port" "$THREADS" 2>"$tmp/hello.log" &
hello_pid=$!
wait_up "$L/healthz"
wait_up "$H/"

# Sign in as the demo worker; the cookie goes to wrk as a header.
cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    --data '{"login":"worker","password":"demo-pass-2026"}' \
    "$L/api/v1/session" | grep -i '^set-cookie:' | head -n 1 |
    sed 's/^[^:]*: *//; s/;.*//' | tr -d '\r')
[ -n "$cookie" ] || { echo "bench: demo login failed" >&2; exit 1; }
curl -s -H "Cookie: $cookie" "$L/api/v1/children?limit=1" >"$tmp/one.json"
# shellcheck disable=SC2046 # three words wanted
set -- $(python3 -c 'import json, sys
c = json.load(open(sys.argv[1]))["items"][0]
v = [k for k in sorted(c) if "village" in k]
print(c["id"], v[0], c[v[0]])' "$tmp/one.json")
[ $# -eq 3 ] || { echo "bench: no child in the demo list" >&2; exit 1; }
child_id=$1
village_field=$2
village=$3
# The list filter is ?village=; fall back to the field's own name.
vparam=village
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" \
    "$L/api/v1/children?village=$village")" = 200 ] || vparam=$village_field

rss_idle=$(mem VmRSS)
load=$(cut -d' ' -f1 /proc/loadavg)

# name|label|url|needs-cookie; hello is the base of the ratio.
cases="hello|hello JSON (bare libmicrohttpd)|$H/|
healthz|lbcare \`GET /healthz\`|$L/healthz|
get|lbcare \`GET /api/v1/children/:id\`|$L/api/v1/children/$child_id|y
list|lbcare \`GET /api/v1/children?$vparam=CODE\`|$L/api/v1/children?$vparam=$village|y"

# Rounds go through every case in turn, so a disturbance from outside
# hits all alike; each case then keeps its best round, the least
# disturbed.  Errors are summed over all rounds.
: >"$tmp/runs"
r=0
while [ $r -lt "$REPEAT" ]; do
	for c in $CONNS; do
		echo "$cases" | while IFS='|' read -r name label url auth; do
			if [ -n "$auth" ]; then
				res=$(bench "$name" "$c" "$url" "Cookie: $cookie")
			else
				res=$(bench "$name" "$c" "$url")
			fi
			echo "$name $c $res" >>"$tmp/runs"
		done
	done
	r=$((r + 1))
done
rss_load=$(mem VmRSS)
rss_peak=$(mem VmHWM)

# Every audited answer (the get and list cases) must have left its entry,
# and the chain must verify.  The server's last log lines say how many
# commits its audit writer needed for them.
stop
audited=$(awk '$1 == "get" || $1 == "list" { n += $6 } END { print n + 0 }' \
    "$tmp/runs")
if ! verify=$("$LBCARE" audit verify --db "$tmp/bench.db" 2>&1); then
	echo "bench: $verify" >&2
	exit 1
fi
entries=$(echo "$verify" | sed -n 's/.*intact: \([0-9]*\) entries.*/\1/p')
if [ "${entries:-0}" -lt "$audited" ]; then
	echo "bench: $audited audited answers but $entries audit entries" >&2
	exit 1
fi
writer=$(sed -n 's/.*audit: writer stopped; //p' "$tmp/lbcare.log" | tail -n 1)

{
	echo "# lbcare bench: $(date -u +%Y-%m-%dT%H:%MZ)"
	echo
	echo "$(nproc) CPUs ($(awk -F': ' '/^model name/ { print $2; exit }' \
	    /proc/cpuinfo)), $(uname -sr), libmicrohttpd" \
	    "$(pkg-config --modversion libmicrohttpd 2>/dev/null || echo '?')," \
	    "load average before the runs $load."
	echo "Server threads $THREADS; wrk -t$WRK_THREADS -d$DURATION, best of" \
	    "$REPEAT rounds; client and servers on the same machine over" \
	    "loopback; lbcare log level $LOG_LEVEL."
	echo
	echo "| case | connections | requests/s | p99 ms | errors | ratio to hello |"
	echo "|---|---:|---:|---:|---:|---:|"
	for c in $CONNS; do
		echo "$cases" | while IFS='|' read -r name label url auth; do
			awk -v n="$name" -v c="$c" -v label="$label" '
			$1 == "hello" && $2 == c && $3 > base { base = $3 }
			$1 == n && $2 == c {
				err += $5
				if ($3 > rps) { rps = $3; p99 = $4 }
			}
			END {
				printf "| %s | %s | %d | %.2f | %d | %.2f |\n",
				    label, c, rps, p99, err,
				    (base > 0 ? rps / base : 0)
			}' "$tmp/runs"
		done
	done
	echo
	echo "lbcare memory: idle VmRSS $rss_idle MiB; after the runs VmRSS" \
	    "$rss_load MiB, peak VmHWM $rss_peak MiB."
	echo
	echo "Audit log after the runs: $(echo "$verify" | tail -n 1)" \
	    "($audited audited answers counted by wrk);" \
	    "audit writer: ${writer:-not in this build}."
	echo
	echo "errors = non-2xx/3xx responses plus socket errors, from wrk."
} >"$tmp/table.md"

mkdir -p bench/results
cp "$tmp/table.md" "$OUT"
cat "$OUT"
echo "bench: written to $OUT" >&2
