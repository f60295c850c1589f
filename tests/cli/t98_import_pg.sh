#!/bin/sh
# Import of participation on PostgreSQL (COPY into a staging table, one
# upsert a batch: core/import_pg.c): the same files give the same counts
# and the same `participation list` as on SQLite, first load, re-import
# and re-send alike, --last-wins too; a refused file changes nothing; two
# organisations' files imported at once both land whole, each row once.
. "$(dirname "$0")/lib.sh"
F="$ROOT/tests/fixtures/import"

if [ -z "$PG" ]; then
	skip "import on PostgreSQL" "PostgreSQL only (make check-pg)"
	finish
	exit
fi
LITE="$T/lite.db"

# both DESC ARGS...: integra ARGS on the server and on an SQLite file
# give the same exit code, stdout and stderr (the database's name aside).
both() {
	desc=$1
	shift
	"$BIN" "$@" >"$T/pg.out" 2>"$T/pg.err"
	pg_rc=$?
	"$BIN" -d "$LITE" "$@" >"$T/lite.out" 2>"$T/lite.err"
	lite_rc=$?
	for f in pg.out pg.err lite.out lite.err; do
		awk -v a="$DB" -v b="$LITE" '{
			while ((i = index($0, a)) > 0) $0 = substr($0, 1, i - 1) "DB" substr($0, i + length(a))
			while ((i = index($0, b)) > 0) $0 = substr($0, 1, i - 1) "DB" substr($0, i + length(b))
			print }' "$T/$f" >"$T/$f.n" && mv "$T/$f.n" "$T/$f"
	done
	if [ "$pg_rc" = "$lite_rc" ] && cmp -s "$T/pg.out" "$T/lite.out" &&
	    cmp -s "$T/pg.err" "$T/lite.err"; then
		pass "$desc"
	else
		cp "$T/pg.out" "$OUT"
		diff "$T/lite.out" "$T/pg.out" >"$ERR"
		diff "$T/lite.err" "$T/pg.err" >>"$ERR"
		RC=$pg_rc
		fail "$desc (exit $pg_rc on the server, $lite_rc on SQLite)"
	fi
}

both "init" init
for k in orgs people programmes; do
	both "the $k of the fixtures" import "$k" "$F/$k.csv"
done
both "participation, first load" import participation "$F/participation.csv"
same "counted as added" "$(cat "$T/pg.out")" "3 added, 0 updated, 0 unchanged, 0 rejected"
both "organisations take part" import participation "$F/participation_orgs.csv"
both "the list" participation list
both "the same file again" import participation "$F/participation.csv"
same "counted unchanged" "$(cat "$T/pg.out")" "0 added, 0 updated, 3 unchanged, 0 rejected"

# A re-send: one row changed, one new, one as it was; a text with a tab,
# a backslash and a line break goes through COPY as it is.
printf 'programme,person,status,start,end,status_date,hours,credits,result\n' >"$T/m2.csv"
printf 'EI-2021,P0001,completed,01.09.2021,30.11.2021,30.11.2021,45,"1,5",зараховано\n' >>"$T/m2.csv"
printf 'EI-2021,P0002,completed,01.09.2021,30.11.2021,30.11.2021,"7,5","0,3","так\\ні\tвкладка\nрядок"\n' >>"$T/m2.csv"
printf 'EI-2021,P0004,nominated,,,,,,\n' >>"$T/m2.csv"
both "a re-send" import participation "$T/m2.csv"
same "one added, one updated, one unchanged" "$(cat "$T/pg.out")" \
    "1 added, 1 updated, 1 unchanged, 0 rejected"
db_is "the text kept byte for byte" "SELECT result FROM participation p JOIN person s
    ON s.id = p.person_id WHERE s.key = 'P0002'" "$(printf 'так\\ні\tвкладка\nрядок')"
both "the list after it" --format csv participation list

# --last-wins: every row of a key counted against the one before it.
printf 'programme,person,status\nEI-2021,P0001,failed\nEI-2021,P0001,withdrawn\nEI-2021,P0002,completed\nEI-2021,P0002,completed\nEI-2021,P0003,enrolled\nEI-2021,P0003,enrolled\n' >"$T/rep.csv"
both "a key repeated without --last-wins" import participation "$T/rep.csv"
same "refused" "$pg_rc" "4"
both "with --last-wins" import participation "$T/rep.csv" --last-wins
both "the list after --last-wins" --format csv participation list

# A refused file changes nothing.
before=$(snapshot)
both "a file with a bad row" import participation "$F/bad_status.csv"
same "refused: exit 4" "$pg_rc" "4"
same "nothing changed" "$(snapshot)" "$before"

# Two organisations' files at once: neither waits for the other's rows,
# both land whole, no row twice.
{
	echo "code,name"
	echo "ORG1,Перша організація"
	echo "ORG2,Друга організація"
} >"$T/o.csv"
awk 'BEGIN { print "key,name,org"; for (i = 1; i <= 3000; i++)
	printf "A%05d,Особа %d,ORG%d\n", i, i, (i % 2) + 1 }' >"$T/p.csv"
ok "two organisations" import orgs "$T/o.csv"
ok "their people" import people "$T/p.csv"
for o in 1 2; do
	awk -v o="$o" 'BEGIN { print "programme,person,status,hours"
		for (g = 0; g < 2; g++) for (i = 1; i <= 3000; i++) if ((i % 2) + 1 == o)
			printf "%s,A%05d,completed,%d\n", g ? "RT-2021" : "EI-2021", i, 8 + g }' >"$T/part$o.csv"
done
"$BIN" import participation "$T/part1.csv" >"$T/c1.out" 2>"$T/c1.err" &
p1=$!
"$BIN" import participation "$T/part2.csv" >"$T/c2.out" 2>"$T/c2.err" &
p2=$!
wait "$p1"
rc1=$?
wait "$p2"
rc2=$?
same "the first organisation's import: exit 0" "$rc1 $(cat "$T/c1.err")" "0 "
same "the second's: exit 0" "$rc2 $(cat "$T/c2.err")" "0 "
same "each adds its rows" "$(cat "$T/c1.out") / $(cat "$T/c2.out")" \
    "3000 added, 0 updated, 0 unchanged, 0 rejected / 3000 added, 0 updated, 0 unchanged, 0 rejected"
db_is "every row stored once" "SELECT count(*), count(DISTINCT programme_id || '/' ||
    person_id) FROM participation p JOIN person s ON s.id = p.person_id WHERE s.key LIKE 'A%'" "6000|6000"
db_is "with its own values" "SELECT sum(hours) FROM participation p JOIN person s ON
    s.id = p.person_id WHERE s.key LIKE 'A%'" "51000"

# New rows into a table that holds rows, each looked up first (the
# area's plugin checks them against the stored fields): the COPY begun
# for the rows staged is ended by the next look-up and begun again, more
# than once in a file of this size.
printf 'area,code,title,kind,credits\ncivil_service,EI-2023,Курс 2023,professional,3\n' >"$T/g.csv"
ok "a programme more" import programmes "$T/g.csv"
awk 'BEGIN { print "programme,person,status,result"; for (i = 1; i <= 3000; i++)
	printf "EI-2023,A%05d,enrolled,%s %d\n", i, "навчається за індивідуальним планом; відділ кадрів погодив; наказ від 23.07.2021 № 1234", i }' >"$T/big.csv"
ok "3,000 new rows, over half a megabyte" import participation "$T/big.csv"
out_is "all added" "3000 added, 0 updated, 0 unchanged, 0 rejected"
db_is "each with its own text" "SELECT count(*), count(DISTINCT result) FROM participation
    WHERE programme_id = (SELECT id FROM programme WHERE code = 'EI-2023')" "3000|3000"
finish
