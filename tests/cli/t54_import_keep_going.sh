#!/bin/sh
# Bulk import with --keep-going --rejects FILE: good rows stored, bad rows
# written with their line and reason to a CSV that can be fixed and
# imported again; --dry-run checks and stores nothing.
. "$(dirname "$0")/lib.sh"
F="$ROOT/tests/fixtures/import"

ok "init" init
ok "organisations" import orgs "$F/orgs.csv"
before=$(snapshot)
ok "dry run" import orgs "$F/bad_orgs_mixed.csv" --dry-run --keep-going --rejects "$T/dry.csv"
out_has "dry run says so" "dry run, nothing stored: 1 added, 0 updated, 0 unchanged, 4 rejected"
same "dry run changed nothing" "$(snapshot)" "$before"

ok "keep going" import orgs "$F/bad_orgs_mixed.csv" --keep-going --rejects "$T/rej.csv"
out_is "summary" "1 added, 0 updated, 0 unchanged, 4 rejected"
err_has "errors still reported" "bad_orgs_mixed.csv:3: column 'kind': value 'club'"
db_is "the good row is stored" "SELECT name FROM organisation WHERE code='X5'" "Пʼятий"
same "rejects: header plus line and reason" "$(head -1 "$T/rej.csv" | tr -d '\r')" "code,name,kind,region,parent,line,reason"
same "rejects: one row per bad row" "$(wc -l <"$T/rej.csv")" "5"
same "rejects: the line of the row" "$(sed -n 3p "$T/rej.csv" | cut -d, -f6)" "3"
if grep -q "invalid organisation kind 'club'" "$T/rej.csv"; then pass "rejects: the reason"; else fail "rejects: the reason"; fi
db_is "one audit row" "SELECT json_extract(new, '\$.rejected') FROM audit WHERE entity='import' ORDER BY id DESC LIMIT 1" "4"

# A rejects file that cannot be written in full fails the import with its
# cause, and the import stores nothing: no rejects silently lost.
before=$(snapshot)
run import orgs "$F/bad_orgs_mixed.csv" --keep-going --rejects /dev/full
same "--rejects /dev/full fails: exit 1" "$RC" "1"
err_has "names the file and the cause" "integra: cannot write the rejects file '/dev/full': No space left on device; nothing stored"
same "--rejects /dev/full changed nothing" "$(snapshot)" "$before"
run import orgs "$F/orgs.csv" --keep-going --rejects /dev/full
same "--rejects /dev/full with no bad row: the header alone fails too" "$RC" "1"
err_has "and says why" "cannot write the rejects file '/dev/full'"

# The user fixes the rejects and imports them again.
sed -e 's/Атлантида/Одеська/' -e 's/,club,/,agency,/' -e 's/^X 3,/X3,/' \
    -e 's/^X4,,/X4,Четвертий,/' -e 's/,NOPE,/,MOU,/' "$T/rej.csv" >"$T/fixed.csv"
run import orgs "$T/fixed.csv"
same "extra columns line and reason are refused as unknown" "$RC" "4"
err_has "the first unknown column is named" "fixed.csv: unknown column 'line' in the header"
cut -d, -f1-5 "$T/fixed.csv" >"$T/fixed5.csv"
ok "fixed rows import" import orgs "$T/fixed5.csv"
out_is "four added" "4 added, 0 updated, 0 unchanged, 0 rejected"
cp "$F/bad_orgs_mixed.csv" "$T/same.csv"
fails 2 "--rejects naming the input file is refused" import orgs "$T/same.csv" --keep-going --rejects "$T/same.csv"
same "the input file is intact" "$(cat "$T/same.csv")" "$(cat "$F/bad_orgs_mixed.csv")"

# Participation goes through the reader thread: its refusals, and a
# record with a field too many, reach --rejects in the order of the file.
ok "people" import people "$F/people.csv"
ok "programmes" import programmes "$F/programmes.csv"
printf 'programme,person,status,result\n' >"$T/empty.csv"
ok "a participation file with a header only" import participation "$T/empty.csv"
out_is "stores nothing, says so" "0 added, 0 updated, 0 unchanged, 0 rejected"
db_is "the table is still empty" "SELECT count(*) FROM participation" "0"
if [ -n "$PG" ]; then	# the primary key's index and the agency guard's three triggers too
	db_is "and its indexes and triggers are all there" \
		"SELECT (SELECT count(*) FROM pg_indexes WHERE tablename = 'participation') + (SELECT count(*) FROM pg_trigger WHERE tgrelid = CAST('participation' AS regclass) AND NOT tgisinternal)" "11"
else
	db_is "and its indexes and triggers are all there" \
		"SELECT count(*) FROM sqlite_master WHERE tbl_name = 'participation' AND type IN ('index', 'trigger')" "7"
fi
{
	printf 'programme,person,status,result\n'
	printf 'EI-2021,P0001,completed,зараховано\n'
	printf 'EI-2021,P0404,completed,зараховано\n'
	printf 'EI-2021,P0002,enrolled,"так, з відзнакою",зайве\n'
	printf 'EI-2021,P0002,passed,\n'
	printf 'RT-2021,P0003,attended,"присутній, 3 дні"\n'
} >"$T/part.csv"
ok "participation, keep going" import participation "$T/part.csv" --keep-going --rejects "$T/prej.csv"
out_is "two stored, three refused" "2 added, 0 updated, 0 unchanged, 3 rejected"
same "rejects: header, then the bad rows in file order" \
	"$(cut -d, -f1,2 "$T/prej.csv" | tr -d '\r')" "$(printf 'programme,person\nEI-2021,P0404\nEI-2021,P0002\nEI-2021,P0002')"
same "rejects: the lines" "$(python3 -c 'import csv, sys
print(" ".join(r[-2] for r in list(csv.reader(open(sys.argv[1], encoding="utf-8")))[1:]))' "$T/prej.csv")" "3 4 5"
if grep -q "no such person" "$T/prej.csv" && grep -q "invalid participation status 'passed'" "$T/prej.csv" &&
	grep -q "5 fields, expected 4" "$T/prej.csv"; then
	pass "rejects: each reason"
else
	fail "rejects: each reason"
fi
db_is "the good rows, Cyrillic and all" \
	"SELECT group_concat(result, ' | ') FROM (SELECT result FROM participation ORDER BY id) AS s" \
	"зараховано | присутній, 3 дні"
finish
