#!/bin/sh
# import.sh [BINARY] - `lbcare import children` and the spreadsheet
# exports, run for real on a scratch SQLite database.  Prints TAP.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/tap.sh"

echo "1..13"
"$BIN" demo --db d.db --pwhash min --children 40 >/dev/null 2>&1
n0=$(sqlite3 d.db 'SELECT COUNT(*) FROM children')
ok "export children as CSV in the import's layout" sh -c \
    "'$BIN' export children --format csv -o c.csv --db d.db &&
     head -1 c.csv | grep -q '^.*name,name_bo,sex,birth_date' &&
     test \$(wc -l < c.csv) -eq \$(($n0 + 1))"
ok "export children as XLSX, one village" sh -c \
    "'$BIN' export children --format xlsx -o v.xlsx --region 630105101205 --db d.db 2> e &&
     grep -q 'rows written to v.xlsx' e && test \$(stat -c %a v.xlsx) = 600"
ok "re-importing the CSV export changes nothing" sh -c \
    "'$BIN' import children c.csv --db d.db > o &&
     grep -q \"committed: $n0 rows, 0 created, 0 updated, $n0 unchanged\" o"
ok "re-importing the XLSX export changes nothing" sh -c \
    "'$BIN' import children v.xlsx --db d.db > o && grep -q ' 0 created, 0 updated' o"
printf '姓名,性别,出生日期,居住村(居)\n新童,女,2016年5月6日,630105101205\n' > new.csv
ok "dry run reports, writes nothing, exits 0" sh -c \
    "'$BIN' import children new.csv --dry-run --db d.db > o &&
     grep -q 'dry run, nothing written: 1 rows, 1 created' o &&
     test \$(sqlite3 d.db 'SELECT COUNT(*) FROM children') -eq $n0"
ok "commit creates the child" sh -c \
    "'$BIN' import children new.csv --db d.db > o &&
     test \$(sqlite3 d.db \"SELECT COUNT(*) FROM children WHERE name = '新童'\") -eq 1"
printf '姓名,性别,出生日期,居住村(居)\n甲,女,2016-05-06,630105101205\n乙,男,2016-02-30,630105101205\n' > bad.csv
ok "a bad row refuses the whole file, exit 1, line and column named" sh -c \
    "! '$BIN' import children bad.csv --db d.db > o &&
     grep -q 'line 3, column C (出生日期)' o && grep -q 'refused, nothing written' o &&
     test \$(sqlite3 d.db \"SELECT COUNT(*) FROM children WHERE name = '甲'\") -eq 0"
ok "--json prints the report" sh -c \
    "! '$BIN' import children bad.csv --json --db d.db > o && grep -q '\"rejected\": 1' o"
printf '姓名,性别,出生日期,居住村(居),父亲是否外出务工,父亲务工地点,委托监护人姓名,与儿童关系\n户童,男,2016-05-06,630105101205,是,广东省,户奶奶,奶奶\n' > hh.csv
ok "household columns write the father and the caregiver" sh -c \
    "'$BIN' import children hh.csv --json --db d.db > o &&
     test \$(sqlite3 d.db \"SELECT COUNT(*) FROM parents p JOIN children c ON c.id = p.child_id
       WHERE c.name = '户童' AND p.role = 'FATHER' AND p.migrant = 1 AND p.work_province = '广东省'\") -eq 1 &&
     test \$(sqlite3 d.db \"SELECT COUNT(*) FROM caregivers g JOIN children c ON c.id = g.child_id
       WHERE c.name = '户童' AND g.name = '户奶奶' AND g.relation = 'GRANDPARENT_P'\") -eq 1"
ok "re-importing the household file changes nothing" sh -c \
    "'$BIN' import children hh.csv --json --db d.db > o &&
     python3 -c 'import json,sys; r=json.load(open(\"o\")); sys.exit(not (r[\"parents\"][\"unchanged\"] == 1 and r[\"caregivers\"][\"unchanged\"] == 1 and r[\"parents\"][\"created\"] == 0))' &&
     test \$(sqlite3 d.db \"SELECT MAX(p.revision) FROM parents p JOIN children c ON c.id = p.child_id WHERE c.name = '户童'\") -eq 1"
head -c 300 v.xlsx > trunc.xlsx
ok "a truncated XLSX is a clean refusal" sh -c \
    "! '$BIN' import children trunc.xlsx --db d.db > o && grep -q 'damaged' o"
ok "needs profile as CSV and XLSX" sh -c \
    "'$BIN' export needs-profile --region 630105000000 --on 2026-01-01 --format csv -o p.csv --db d.db &&
     grep -q '^total,,儿童总数' p.csv &&
     '$BIN' export needs-profile --region 630105000000 --format xlsx -o p.xlsx --db d.db &&
     test -s p.xlsx"
ok "export usage errors" sh -c \
    "! '$BIN' export children --format pdf -o x --db d.db 2>/dev/null &&
     ! '$BIN' export needs-profile --format csv -o x --db d.db 2>/dev/null"
[ "$fails" -eq 0 ]
