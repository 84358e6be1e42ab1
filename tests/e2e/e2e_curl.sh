#!/bin/sh
# e2e_curl.sh - one smoke test over loopback: a demo database, a real
# `lbcare serve`, curl against it, then SIGTERM and a clean exit.
# Usage: tests/e2e/e2e_curl.sh [path/to/lbcare]   (default build/lbcare)
# Prints TAP; exits non-zero if any check fails.
set -u

BIN=${1:-build/lbcare}
PLAN=13
n=0
failed=0
pid=
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lbcare-e2e.XXXXXX")

cleanup() {
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill -KILL "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# ok CONDITION-STATUS DESCRIPTION [DIAGNOSTIC]
check() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		[ -n "${3:-}" ] && printf '%s\n' "$3" | sed 's/^/# /'
		failed=$((failed + 1))
	fi
}

# A free loopback port: bind to 0, read it back, release it.
free_port() {
	python3 -c 'import socket; s = socket.socket();
s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# req NAME CURL-ARGS...: response headers in NAME.h, body in NAME.b;
# prints the status code.
req() {
	name=$1
	shift
	curl -s -m 10 -D "$tmp/$name.h" -o "$tmp/$name.b" -w '%{http_code}' \
	    "$@" 2>/dev/null
}

# hdr NAME HEADER: value of a response header (first one, no CR).
hdr() {
	grep -i "^$2:" "$tmp/$1.h" | head -n 1 | sed 's/^[^:]*: *//' |
	    tr -d '\r'
}

# body NAME: the response body, if there was one.
body() {
	cat "$tmp/$1.b" 2>/dev/null
}

# json NAME PYTHON-EXPR: evaluate an expression over the body as `d`.
json() {
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(eval(sys.argv[2]))' "$tmp/$1.b" "$2" 2>/dev/null
}

echo "1..$PLAN"

"$BIN" demo --db "$tmp/e2e.db" >"$tmp/demo.log" 2>&1
check $? "lbcare demo creates a database" "$(tail -n 5 "$tmp/demo.log")"

port=$(free_port)
U="http://127.0.0.1:$port"
"$BIN" serve --db "$tmp/e2e.db" --listen 127.0.0.1 --port "$port" \
    --max-body 65536 >"$tmp/serve.log" 2>&1 &
pid=$!

up=1
i=0
while [ $i -lt 100 ]; do
	kill -0 "$pid" 2>/dev/null || break
	if [ "$(req health -o /dev/null "$U/healthz")" = 200 ]; then
		up=0
		break
	fi
	sleep 0.1
	i=$((i + 1))
done
check $up "server answers /healthz within 10 s" "$(tail -n 5 "$tmp/serve.log")"

st=$(req health "$U/healthz")
[ "$st" = 200 ] && hdr health Content-Type | grep -q '^application/json' &&
    grep -q '"ok"' "$tmp/health.b"
check $? "GET /healthz is 200 JSON with \"ok\"" "status $st: $(body health)"

st=$(req index "$U/")
etag=$(hdr index ETag)
[ "$st" = 200 ] && hdr index Content-Type | grep -q '^text/html' &&
    [ -n "$etag" ]
check $? "GET / is text/html with an ETag" "status $st, etag '$etag'"

st=$(req index304 -H "If-None-Match: $etag" "$U/")
[ -n "$etag" ] && [ "$st" = 304 ] && [ ! -s "$tmp/index304.b" ]
check $? "GET / with If-None-Match is 304 without a body" "status $st"

st=$(req anon "$U/api/v1/children")
[ "$st" = 401 ] && hdr anon Content-Type | grep -q '^application/problem+json'
check $? "GET /api/v1/children without a session is 401 problem+json" \
    "status $st: $(body anon)"

st=$(req login -c "$tmp/jar" -H 'Content-Type: application/json' \
    --data '{"login":"worker","password":"demo-pass-2026"}' \
    "$U/api/v1/session")
cookie=$(hdr login Set-Cookie)
[ "$st" = 200 ] || [ "$st" = 201 ]
okst=$?
[ $okst -eq 0 ] && printf '%s' "$cookie" | grep -qi 'HttpOnly' &&
    printf '%s' "$cookie" | grep -qi 'SameSite=Strict'
check $? "login sets an HttpOnly SameSite=Strict cookie" \
    "status $st, Set-Cookie: $cookie"

csrf=$(json login 'd["csrf_token"]')
[ $okst -eq 0 ] && [ -n "$csrf" ]
check $? "login returns a csrf_token" "$(body login)"

st=$(req list -b "$tmp/jar" "$U/api/v1/children?limit=5")
count=$(json list 'len(d["items"])')
[ "$st" = 200 ] && [ "$count" = 5 ]
check $? "GET /api/v1/children?limit=5 with the cookie has 5 items" \
    "status $st, items '$count'"

# A machine client: a token from the CLI, no cookie and no CSRF token.
tok=$("$BIN" token create worker --name e2e --days 1 --db "$tmp/e2e.db" \
    2>"$tmp/token.log")
tid=$("$BIN" token list worker --db "$tmp/e2e.db" |
    awk '$NF == "e2e" { print $1 }')
st=$(req bearer -H "Authorization: Bearer $tok" "$U/api/v1/children?limit=3")
count=$(json bearer 'len(d["items"])')
"$BIN" token revoke "$tid" --db "$tmp/e2e.db" >>"$tmp/token.log" 2>&1
st2=$(req revoked -H "Authorization: Bearer $tok" -H 'Accept-Language: en' \
    "$U/api/v1/children?limit=3")
[ "$st" = 200 ] && [ "$count" = 3 ] && [ "$st2" = 401 ] &&
    grep -q revoked "$tmp/revoked.b"
check $? "a CLI token lists children over HTTP, and is 401 once revoked" \
    "token $tid: status $st, items '$count'; after revoke $st2: $(body revoked)
$(cat "$tmp/token.log")"

# max-body is 65536 above: send more, as a signed-in write.
head -c 70000 /dev/zero | tr '\0' 'x' >"$tmp/big.json"
st=$(req big -b "$tmp/jar" -H "X-CSRF-Token: $csrf" \
    -H 'Content-Type: application/json' --data-binary "@$tmp/big.json" \
    "$U/api/v1/children")
[ "$st" = 413 ]
check $? "a body over max-body is 413" "status $st: $(body big)"

st=$(req badjson -H 'Content-Type: application/json' --data '{"login":' \
    "$U/api/v1/session")
[ "$st" = 400 ]
check $? "invalid JSON is 400" "status $st: $(body badjson)"

# wait, with a watchdog that kills the server after 10 s (a zombie would
# fool kill -0, so wait for the status itself).
rc=1
if kill -TERM "$pid" 2>/dev/null; then
	(
		i=0
		while [ $i -lt 100 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		kill -KILL "$pid" 2>/dev/null
	) &
	dog=$!
	wait "$pid"
	rc=$?
	pid=
	kill "$dog" 2>/dev/null
	wait "$dog" 2>/dev/null
fi
check $rc "SIGTERM stops the server with status 0 within 10 s" \
    "$(tail -n 5 "$tmp/serve.log")"

[ $n -eq $PLAN ] || { echo "# ran $n of $PLAN checks"; failed=$((failed + 1)); }
[ $failed -eq 0 ] || echo "# $failed check(s) failed"
[ $failed -eq 0 ]
