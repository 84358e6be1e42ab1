#!/bin/sh
# pg-test.sh - a throw-away PostgreSQL 15 cluster for the store tests.
#
#   scripts/pg-test.sh start DIR   create and start it in DIR; the last
#                                  line on stdout is its URI
#   scripts/pg-test.sh stop DIR    stop it and remove DIR
#
# The cluster listens on a Unix socket and on 127.0.0.1 at a free port,
# trusts every local connection and does not fsync: test data only.  As
# root it runs as the postgres user (or lbcare-test, created if need be).
# The system's own cluster is never touched.
set -eu

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
DBUSER=lbcare
DBNAME=lbcare_test

die() {
	echo "pg-test.sh: $*" >&2
	exit 1
}

# The OS user the cluster runs as.
pick_user() {
	if [ "$(id -u)" -ne 0 ]; then
		id -un
	elif id postgres >/dev/null 2>&1; then
		echo postgres
	else
		id lbcare-test >/dev/null 2>&1 ||
		    useradd --system --no-create-home --home-dir /nonexistent \
		    --shell /usr/sbin/nologin lbcare-test
		echo lbcare-test
	fi
}

# Run a command as the cluster's user, from a directory it may enter.
as_user() {
	u=$1
	shift
	if [ "$(id -u)" -eq 0 ]; then
		(cd / && runuser -u "$u" -- "$@")
	else
		(cd / && "$@")
	fi
}

# A TCP port nothing listens on now (the kernel's choice).
free_port() {
	python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

# Where the cluster lives: DIR itself if its user can work there, else a
# fresh directory under /tmp that DIR/home points to (DIR may sit under a
# private home directory, or be too long for a Unix socket's 107 bytes).
cluster_home() {
	dir=$1
	user=$2
	case $dir in
	*[!A-Za-z0-9/._-]*) ;;
	*)
		if [ ${#dir} -le 80 ] && as_user "$user" test -w "$dir"; then
			echo "$dir"
			return
		fi
		;;
	esac
	home=$(mktemp -d /tmp/lbcare-pg.XXXXXX)
	[ "$(id -u)" -ne 0 ] || chown "$user" "$home"
	ln -s "$home" "$dir/home"
	echo "$home"
}

start() {
	dir=$1
	[ -x "$PGBIN/initdb" ] || die "no $PGBIN/initdb: install postgresql-15"
	if [ -e "$dir/data" ] || [ -e "$dir/home" ]; then
		die "$dir holds a cluster: stop it first"
	fi
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	user=$(pick_user)
	[ "$(id -u)" -ne 0 ] || chown "$user" "$dir"
	home=$(cluster_home "$dir" "$user")

	as_user "$user" "$PGBIN/initdb" -D "$home/data" -U "$DBUSER" \
	    --auth=trust -E UTF8 --locale=C.UTF-8 -N >"$dir/initdb.log" 2>&1 ||
	    { cat "$dir/initdb.log" >&2; die "initdb failed"; }
	{
		echo "listen_addresses = '127.0.0.1'"
		echo "unix_socket_directories = '$home'"
		echo "fsync = off"
		echo "synchronous_commit = off"
		echo "full_page_writes = off"
		echo "max_connections = 200"
	} >>"$home/data/postgresql.conf"
	# Another process may take the port between choice and bind: retry.
	n=0
	while :; do
		port=$(free_port)
		as_user "$user" "$PGBIN/pg_ctl" -D "$home/data" \
		    -l "$home/log" -o "-p $port" -w -t 60 start >&2 && break
		n=$((n + 1))
		[ $n -lt 5 ] || { cat "$home/log" >&2; die "cannot start"; }
	done
	as_user "$user" "$PGBIN/createdb" -h "$home" -p "$port" -U "$DBUSER" \
	    "$DBNAME" || die "createdb failed"
	echo "postgresql://$DBUSER@127.0.0.1:$port/$DBNAME"
}

stop() {
	dir=$1
	[ -d "$dir" ] || return 0
	home=$dir
	[ ! -L "$dir/home" ] || home=$(readlink "$dir/home")
	# Refuse to delete what this script did not make.
	[ -f "$home/data/PG_VERSION" ] || [ -f "$dir/initdb.log" ] ||
	    [ -z "$(ls -A "$dir")" ] ||
	    die "$dir does not look like a pg-test.sh cluster"
	if [ -f "$home/data/postmaster.pid" ]; then
		user=$(stat -c %U "$home/data")
		as_user "$user" "$PGBIN/pg_ctl" -D "$home/data" -m fast -w \
		    stop >&2
	fi
	[ "$home" = "$dir" ] || rm -rf "$home"
	rm -rf "$dir"
}

[ $# -eq 2 ] || die "usage: pg-test.sh start|stop DIR"
case $1 in
start) start "$2" ;;
stop) stop "$2" ;;
*) die "usage: pg-test.sh start|stop DIR" ;;
esac
