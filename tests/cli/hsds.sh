#!/bin/sh
# hsds.sh [BINARY] - the demo's partner directory exported as HSDS 3.0
# (`lbcare export hsds -o DIR`) and checked against the official HSDS
# schemas with the shared offline validator.  The standards are not in
# this repository (CC BY-SA 4.0, kept beside it): they are looked for in
# $LBCARE_STANDARDS, else ../shared/standards next to the checkout.  When
# they or python3-jsonschema are missing, the checks print "# SKIP" with
# the reason, never a silent "ok".  Prints TAP.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
STD=${LBCARE_STANDARDS:-$HERE/../../../shared/standards}
[ -d "$STD" ] && STD=$(cd "$STD" && pwd)
. "$HERE/tap.sh"

skip() {	# skip DESCRIPTION REASON
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
}

echo "1..7"
ok "demo seeds the partner directory" sh -c \
    "'$BIN' demo --db d.db --pwhash min >/dev/null 2>&1 &&
     test \$(sqlite3 d.db 'SELECT COUNT(*) FROM partners') -ge 5"
ok "export hsds writes one file per record" sh -c \
    "'$BIN' export hsds -o hsds --db d.db 2>msg &&
     grep -q 'partners written to hsds as HSDS 3.0' msg &&
     n=\$(sqlite3 d.db 'SELECT COUNT(*) FROM partners') &&
     test \$(ls hsds/organizations | wc -l) -eq \$n &&
     test \$(ls hsds/services | wc -l) -eq \$n &&
     test \$(ls hsds/locations | wc -l) -eq \$n"
ok "ids are version-5 UUIDs, the same on every export" sh -c \
    "ls hsds/organizations hsds/services hsds/locations | grep json |
     grep -vqx '[0-9a-f]\{8\}-[0-9a-f]\{4\}-5[0-9a-f]\{3\}-[89ab][0-9a-f]\{3\}-[0-9a-f]\{12\}\.json' && exit 1;
     '$BIN' export hsds -o hsds2 --db d.db 2>/dev/null && diff -r hsds hsds2"

why=""
if [ ! -f "$STD/validate.sh" ] || [ ! -d "$STD/hsds/schema" ]; then
	why="HSDS standards not found at $STD (set LBCARE_STANDARDS)"
elif ! python3 -c 'import jsonschema' 2>/dev/null; then
	why="python3 jsonschema missing (apt-get install python3-jsonschema)"
fi
V="sh $STD/validate.sh --strict --quiet"
H=$STD/hsds/schema
for kind in organization service location; do
	case $kind in
	location) schema=$H/location.json ;;
	*) schema=$H/compiled/$kind.json ;;
	esac
	if [ -n "$why" ]; then
		skip "${kind}s valid against HSDS $kind schema" "$why"
	else
		ok "${kind}s valid against HSDS $kind schema" \
		    $V "$schema" hsds/${kind}s/*.json
	fi
done
# The validator must catch a broken record, or a pass means nothing.
f=$(ls hsds/services/*.json | head -n 1)
sed 's/"status": "active"/"status": "open"/' "$f" >broken.json
if [ -n "$why" ]; then
	skip "a service with a wrong status fails validation" "$why"
else
	ok "a service with a wrong status fails validation" sh -c \
	    "grep -q '\"open\"' broken.json &&
	     ! $V '$H/compiled/service.json' broken.json >o 2>&1 &&
	     grep -q 'status' o"
fi
[ "$fails" -eq 0 ]
