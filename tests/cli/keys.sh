#!/bin/sh
# keys.sh [BINARY] - the data keys of protected fields, from the command
# line, on a scratch SQLite database.  Prints TAP.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/tap.sh"

echo "1..9"
ok "demo creates a key file beside the database, mode 600" sh -c \
    "'$BIN' demo --db d.db --pwhash min >/dev/null 2>&1 &&
     test \"\$(stat -c %a d.db.key)\" = 600"
ok "protected columns hold sealed text only" sh -c \
    "test \$(sqlite3 d.db \"SELECT COUNT(*) FROM children WHERE id_number IS NOT NULL AND id_number NOT LIKE 'v1:1:%'\") -eq 0 &&
     test \$(sqlite3 d.db \"SELECT COUNT(*) FROM children WHERE id_number LIKE 'v1:1:%'\") -gt 250"
ok "no ID number of the demo appears in the database file" sh -c \
    "! grep -aEq '6301052[0-9]{10}[0-9X]' d.db"
ok "key status counts values per key" sh -c \
    "'$BIN' key status --db d.db > o && grep -q 'newest data key: 1' o &&
     grep -q '\"id_number\":{\"1\":' o"
ok "key new adds key 2" sh -c \
    "'$BIN' key new --db d.db | grep -q 'added data key 2' &&
     grep -c '^data ' d.db.key | grep -q 2"
ok "rotate re-seals everything under key 2, in batches" sh -c \
    "'$BIN' key rotate --batch 50 --db d.db > o && grep -q 'under key 2' o &&
     test \$(sqlite3 d.db \"SELECT COUNT(*) FROM children WHERE id_number LIKE 'v1:1:%' OR address LIKE 'v1:1:%'\") -eq 0"
ok "rotate again has nothing to do" sh -c \
    "'$BIN' key rotate --db d.db > o && ! grep -q 're-sealed' o"
ok "audit chain still intact after rotation" sh -c \
    "'$BIN' audit verify --db d.db | grep -q intact"
cp d.db.key other.key && chmod 644 other.key
ok "a key file readable by others is refused" sh -c \
    "! '$BIN' key status --db d.db --key-file other.key 2> e && grep -q 'chmod 600' e"
exit $((fails > 0))
