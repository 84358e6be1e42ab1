#!/bin/sh
# cli.sh [BINARY] - the commands of the lbcare binary, run for real on a
# scratch SQLite database.  Prints TAP.
set -u
BIN=${1:-build/lbcare}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T"
n=0
fails=0
ok() {	# ok DESCRIPTION COMMAND...: passes if COMMAND exits 0
	desc=$1
	shift
	n=$((n + 1))
	if "$@" >out 2>err; then
		echo "ok $n - $desc"
	else
		fails=$((fails + 1))
		echo "not ok $n - $desc"
		sed 's/^/# /' out err | head -n 10
	fi
}
has() { grep -q -- "$1" out; }
errhas() { grep -q -- "$1" err; }

echo "1..16"
ok "version names the schema" sh -c "'$BIN' version | grep -q 'schema 1'"
ok "help lists commands and options" sh -c \
    "'$BIN' --help | grep -q -- '--max-body' && '$BIN' help | grep -q 'demo'"
ok "config show: flag beats env beats default" sh -c \
    "LBCARE_PORT=9001 '$BIN' config show --threads 3 > o &&
     grep -q '^port *= 9001 *# env' o && grep -q '^threads *= 3 *# flag' o &&
     grep -q '^listen *= 127.0.0.1 *# default' o"
printf 'port = 9100\n# a comment\nlog-level = warn\n' > conf
ok "config file is read, env still wins" sh -c \
    "LBCARE_PORT=9002 '$BIN' --config conf config show > o &&
     grep -q '^port *= 9002' o && grep -q '^log-level *= warn *# file' o"
ok "out-of-range option is refused with its bounds" sh -c \
    "! '$BIN' config show --port 70000 2> e && grep -q '1 to 65535' e"
ok "unknown command is refused" sh -c "! '$BIN' frobnicate 2>/dev/null"
ok "migrate creates the schema" sh -c \
    "'$BIN' migrate --db t.db | grep -q 'version 1'"
ok "migrate again changes nothing" sh -c \
    "'$BIN' migrate --db t.db | grep -q 'version 1'"
ok "demo seeds a project and prints the logins" sh -c \
    "'$BIN' demo --db d.db --pwhash min > o && grep -q 'worker' o &&
     test \$(sqlite3 d.db 'SELECT COUNT(*) FROM children') -ge 300"
ok "demo refuses a database that is not empty" sh -c \
    "! '$BIN' demo --db d.db --pwhash min 2>/dev/null"
ok "user add reads the password from the environment" sh -c \
    "LBCARE_PASSWORD=another-pass-1 '$BIN' user add amy --role WORKER,SUPERVISOR --scope 630105 --db d.db --pwhash min &&
     '$BIN' user list --db d.db | grep -q '^amy .*active.*WORKER SUPERVISOR'"
ok "user add refuses a weak password" sh -c \
    "! LBCARE_PASSWORD=short '$BIN' user add bob --role WORKER --db d.db 2>e && grep -q '10 to 128' e"
ok "user disable" sh -c \
    "'$BIN' user disable amy --db d.db && '$BIN' user list --db d.db | grep -q '^amy .*disabled'"
ok "audit verify passes on an untouched log" sh -c \
    "'$BIN' audit verify --db d.db | grep -q 'intact'"
sqlite3 d.db "UPDATE audit_log SET detail = '{}' WHERE id = 5"
ok "audit verify names the edited entry" sh -c \
    "! '$BIN' audit verify --db d.db > o; grep -q 'BROKEN at entry 5' o"
sqlite3 d.db "DELETE FROM children WHERE id = 1" 2>/dev/null
ok "the database refuses a binary older than its schema" sh -c \
    "sqlite3 t.db \"INSERT INTO schema_migrations VALUES (999, 'future', 'x')\" &&
     ! '$BIN' migrate --db t.db 2> e && grep -qi 'newer' e"
exit $((fails > 0))
