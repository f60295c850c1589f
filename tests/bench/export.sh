#!/bin/sh
# Export benchmark: 200,000 people and 1,000,000 participation rows made
# with plain SQL, then `integra report participation --by none` in csv,
# json and xlsx, timed against `sqlite3 -csv` running the report's own
# SELECT on the same rows.  Prints the seconds, the ratio to sqlite3 and
# the peak memory (maximum resident set, /usr/bin/time %M).  The target:
# csv at most 1.2 times sqlite3, memory flat whatever the row count.
# Usage: tests/bench/export.sh [ROWS]  (BUILD=build by default)
# Not part of `make bench` (tests/bench/run.sh times every report and list
# in one table); kept for the xlsx export, which the shell cannot do.
set -eu
: "${BUILD:=build}"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BIN="$ROOT/$BUILD/integra"
ROWS=${1:-1000000}
PEOPLE=$((ROWS / 5))
T=$(mktemp -d "${TMPDIR:-/tmp}/integra-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
export HOME="$T" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data" LC_ALL=C.UTF-8
unset INTEGRA_CONFIG
DB="$XDG_DATA_HOME/integra/integra.db"

"$BIN" init >/dev/null
# The audit triggers call functions only integra registers: set them aside.
trig=$(sqlite3 "$DB" "SELECT sql || ';' FROM sqlite_master WHERE type = 'trigger'
    AND name LIKE '%\_audit\_%' ESCAPE '\'")
drop=$(sqlite3 "$DB" "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master
    WHERE type = 'trigger' AND name LIKE '%\_audit\_%' ESCAPE '\'")
echo "generating $PEOPLE people and $ROWS participation rows..."
sqlite3 "$DB" <<SQL
BEGIN;
$drop
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
INSERT INTO organisation (code, name, kind, region)
SELECT 'ORG' || i, 'Організація № ' || i, 'agency',
  CASE i % 4 WHEN 0 THEN 'Київ' WHEN 1 THEN 'Львівська' WHEN 2 THEN 'Одеська' ELSE NULL END
FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
INSERT INTO programme (area, code, title, owner_id, start, due, status)
SELECT 'civil_service', 'PRG' || i, 'Програма "' || i || '", курс', i % 500 + 1,
  date('2021-01-01', '+' || (i % 365) || ' days'), NULL, 'active' FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $PEOPLE)
INSERT INTO person (key, name, org_id)
SELECT printf('HR%07d', i), 'Особа Прізвище ' || i, i % 500 + 1 FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS - 1)
INSERT INTO participation (programme_id, person_id, role, status, start, status_date,
  hours, credits)
SELECT (i / $PEOPLE) * 400 + (i % $PEOPLE) % 400 + 1, i % $PEOPLE + 1, 'participant',
  CASE i % 6 WHEN 0 THEN 'nominated' WHEN 1 THEN 'enrolled' WHEN 2 THEN 'attended'
    WHEN 3 THEN 'completed' WHEN 4 THEN 'failed' ELSE 'withdrawn' END,
  date('2021-01-01', '+' || (i % 700) || ' days'),
  CASE WHEN i % 3 = 0 THEN date('2021-03-01', '+' || (i % 600) || ' days') END,
  CASE WHEN i % 2 = 0 THEN (i % 40) * 1.5 END, CASE WHEN i % 2 = 0 THEN i % 4 END
FROM n;
$trig
COMMIT;
SQL

# The SELECT of `report participation --by none` (core/report.c) with its
# parameters left unbound (NULL), as the sqlite3 shell runs it.
PA_DATE="coalesce(pa.status_date, pa.start, p.start)"
SQL="SELECT p.code AS programme, p.area AS area,
 coalesce(pe.key, po.code) AS participant,
 CASE WHEN pa.person_id IS NULL THEN 'organisation' ELSE 'person' END AS kind,
 coalesce(pe.name, po.name) AS name, o.code AS org, o.region AS region,
 pa.role AS role, pa.status AS status, pa.start AS start, pa.end AS \"end\",
 pa.status_date AS status_date, pa.hours AS hours, pa.credits AS credits,
 pa.result AS result
 FROM participation pa JOIN programme p ON p.id = pa.programme_id
 LEFT JOIN person pe ON pe.id = pa.person_id
 LEFT JOIN organisation o ON o.id = coalesce(pa.org_id, pe.org_id)
 LEFT JOIN organisation po ON po.id = pa.org_id
 WHERE (:area IS NULL OR p.area = :area) AND (:from IS NULL OR $PA_DATE >= :from)
 AND (:to IS NULL OR $PA_DATE <= :to) ORDER BY pa.id"

# best of three: prints "seconds peak_kB"
best() {
	b=""
	for k in 1 2 3; do
		/usr/bin/time -f "%e %M" -o "$T/time" "$@" >/dev/null 2>"$T/err" ||
		    return 1
		r=$(tail -1 "$T/time")
		if [ -z "$b" ] || [ "$(echo "$r $b" | awk '{print ($1 < $3)}')" = 1 ]; then b=$r; fi
	done
	echo "$b"
}

base=$(best sqlite3 -csv -header "$DB" "$SQL")
lines_sqlite=$(sqlite3 -csv -header "$DB" "$SQL" | wc -l)
lines_integra=$("$BIN" --format csv report participation --by none | wc -l)
printf '%-8s %8s %8s %10s\n' what seconds ratio peak_kB
printf '%-8s %8s %8s %10s\n' sqlite3 ${base% *} 1.00 ${base#* }
for f in csv json xlsx; do
	out="$T/export.$f"
	if ! r=$(best "$BIN" --format "$f" report participation --by none -o "$out"); then
		printf '%-8s %s\n' "$f" "skipped (format not available)"
		continue
	fi
	ratio=$(echo "${r% *} ${base% *}" | awk '{printf "%.2f", ($2 > 0 ? $1 / $2 : 0)}')
	printf '%-8s %8s %8s %10s\n' "$f" "${r% *}" "$ratio" "${r#* }"
done
echo "lines: sqlite3 $lines_sqlite, integra csv $lines_integra (header included)"
