#!/bin/sh
# referrals.sh [BINARY] - `lbcare referrals escalate`, the daily job that
# escalates referrals past their reply date (the rule itself is tested in
# tests/api/test_referrals.c).  Prints TAP.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/tap.sh"

echo "1..3"
ok "escalate on a database with nothing due escalates nothing" sh -c \
    "'$BIN' demo --db d.db --children 5 --pwhash min >/dev/null 2>&1 &&
     '$BIN' referrals escalate --db d.db >o 2>/dev/null &&
     grep -qx 'escalated 0 referral(s) past their reply date (7 days)' o"
ok "the reply days come from referral-reply-days" sh -c \
    "LBCARE_REFERRAL_REPLY_DAYS=3 '$BIN' referrals escalate --db d.db 2>/dev/null |
     grep -q '(3 days)' &&
     ! '$BIN' referrals escalate --referral-reply-days 0 --db d.db 2>e &&
     grep -q '1 to 90' e"
ok "anything but escalate is a usage error" sh -c \
    "'$BIN' referrals frob --db d.db 2>e; test \$? -eq 2 &&
     grep -q 'usage: lbcare referrals escalate' e"
[ "$fails" -eq 0 ]
