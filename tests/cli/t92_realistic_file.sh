#!/bin/sh
# The realistic participation file of the benchmarks (gen --style
# realistic: BOM, CRLF, both date forms, decimal commas and points, a
# Cyrillic result on every row, quoted commas) is read whole, its values
# stored as values; a month's re-send of it (gen --changed 10 --new 2)
# adds the new rows, updates the changed ones and leaves the rest, and
# sending it again changes nothing.
. "$(dirname "$0")/lib.sh"
GEN="$ROOT/$BUILD/bench/gen"

if [ ! -x "$GEN" ]; then
	skip "the realistic file" "$GEN is not built (make fixtures)"
	finish
	exit
fi
"$GEN" --orgs 30 --people 300 --participation 2000 --seed 7 --style realistic \
    --out "$T/m1" && "$GEN" --orgs 30 --people 300 --participation 2000 --seed 7 \
    --style realistic --changed 10 --new 2 --out "$T/m2" && pass "generated" ||
    fail "generated"
P1="$T/m1/participation.csv"
P2="$T/m2/participation.csv"
same "a BOM first" "$(head -c 3 "$P1" | od -An -tx1 | tr -d ' ')" "efbbbf"
same "CRLF on every line" "$(grep -c "$(printf '\r')\$" "$P1")" "2001"
if grep -q ',20[0-9][0-9]-[01][0-9]-[0-3][0-9],' "$P1" &&
    grep -q ',[0-3][0-9]\.[01][0-9]\.20[0-9][0-9],' "$P1"; then
	pass "both date forms"
else
	fail "both date forms"
fi
if grep -q '"[0-9]*,[0-9]"' "$P1" && grep -q ',[0-9]*\.[0-9],' "$P1"; then
	pass "decimal commas and points"
else
	fail "decimal commas and points"
fi
same "the same file but for the re-send's rows" "$(diff "$P1" "$P2" | grep -c '^>')" \
    "$(($(diff "$P1" "$P2" | grep -c '^<') + 40))"

ok "init" init
for k in orgs people programmes; do
	ok "the $k" import "$k" "$T/m1/$k.csv"
done
ok "the realistic file" import participation "$P1"
out_is "every row added" "2000 added, 0 updated, 0 unchanged, 0 rejected"
db_is "dates stored in one form" "SELECT count(*) FROM participation WHERE start NOT
    LIKE '20__-__-__' OR length(start) <> 10 OR CAST(substr(start, 6, 2) AS INTEGER) NOT
    BETWEEN 1 AND 12 OR CAST(substr(start, 9, 2) AS INTEGER) NOT BETWEEN 1 AND 31" "0"
if [ -n "$PG" ]; then	# a column of one type; typeof is SQLite's
	db_is "decimal commas stored as numbers" "SELECT count(*) FROM participation
    WHERE pg_typeof(hours) <> CAST('double precision' AS regtype) OR hours <> round(hours * 2) / 2" "0"
else
	db_is "decimal commas stored as numbers" "SELECT count(*) FROM participation
    WHERE typeof(hours) <> 'real' OR hours <> round(hours * 2) / 2" "0"
fi
db_is "a result with a comma kept whole" "SELECT CASE WHEN count(*) > 0 THEN 1 ELSE 0 END
    FROM participation WHERE result = 'відраховано, за власним бажанням'" "1"
ok "the same file again" import participation "$P1"
out_is "every row unchanged" "0 added, 0 updated, 2000 unchanged, 0 rejected"
changed=$(diff "$P1" "$P2" | grep -c '^<')
ok "the month's re-send" import participation "$P2"
# A changed row may by chance give the values it had: it is unchanged.
upd=$(sed -n 's/^40 added, \([0-9]*\) updated, \([0-9]*\) unchanged, 0 rejected$/\1 \2/p' "$OUT")
if [ -n "$upd" ] && [ "${upd% *}" -le "$changed" ] &&
    [ "${upd% *}" -ge $((changed * 9 / 10)) ] && [ $((${upd% *} + ${upd#* })) = 2000 ]; then
	pass "40 new rows added, the changed ones updated ($upd of $changed lines)"
else
	fail "40 new rows added, the changed ones updated (got '$(cat "$OUT")', $changed changed lines)"
fi
ok "the re-send again" import participation "$P2"
out_is "every row unchanged" "0 added, 0 updated, 2040 unchanged, 0 rejected"
db_is "the rows of the file" "SELECT count(*) FROM participation" "2040"

finish
