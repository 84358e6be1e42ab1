# tap.sh - sourced by the command-line tests: the binary under test as an
# absolute path, a scratch folder to run in (removed on exit), and ok(),
# which runs one check and prints its TAP line.
#   . "$(dirname "$0")/tap.sh" "$@"
BIN=${1:-build/lbcare}
case $BIN in /*) ;; *) BIN=$(pwd)/$BIN ;; esac
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
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
