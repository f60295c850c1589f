#!/bin/sh
# Every report in every text format: the JSON of every report and
# dimension parses with jq and python3 -m json.tool and keeps numbers
# typed; the CSV round-trips through Python's csv module byte for byte;
# --excel adds a byte-order mark and keeps formula-looking text cells text
# (a leading apostrophe), plain csv writes them byte for byte; html goes
# to stdout or a file.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/report_seed.sh"

seed_reports || fail "seed the data set"
PY=python3

for spec in participation:status participation:area participation:programme \
    participation:org participation:region participation:month participation:none \
    coverage:org coverage:region deadlines:none deadlines:area; do
	r=${spec%%:*}
	by=${spec#*:}
	run --format json report "$r" --by "$by" --as-of 2022-03-01
	if [ "$RC" -eq 0 ] && jq -e 'type == "array" and length > 0' "$OUT" >/dev/null &&
	    $PY -m json.tool "$OUT" >/dev/null; then
		pass "json of $r by $by parses with jq and json.tool"
	else
		fail "json of $r by $by parses with jq and json.tool"
	fi
	run --format csv report "$r" --by "$by" --as-of 2022-03-01
	if [ "$RC" -eq 0 ] && $PY -c '
import csv, io, sys
raw = open(sys.argv[1], "rb").read().decode("utf-8")
rows = list(csv.reader(io.StringIO(raw, newline="")))
assert len(rows) >= 2 and all(len(r) == len(rows[0]) for r in rows), rows
buf = io.StringIO(newline="")
csv.writer(buf, lineterminator="\r\n").writerows(rows)
assert buf.getvalue() == raw, (buf.getvalue(), raw)
' "$OUT"; then
		pass "csv of $r by $by round-trips through csv"
	else
		fail "csv of $r by $by round-trips through csv"
	fi
done

ok "json numbers are numbers" --format json report coverage
if jq -e '.[1] == {"org": "MOU", "name": "Міністерство оборони", "people": 3, "completed": 3, "share_pct": 100}' "$OUT" >/dev/null; then
	pass "coverage json is typed"; else fail "coverage json is typed"; fi
ok "json nulls stay null" --format json report deadlines --as-of 2022-03-01
if jq -e '.[2].days_late == null and .[0].days_late == 159' "$OUT" >/dev/null; then
	pass "days_late is null when not late"; else fail "days_late is null when not late"; fi
ok "json of none has real hours" --format json report participation --by none
if jq -e '[.[].hours | numbers] | add == 150' "$OUT" >/dev/null; then
	pass "hours sum to 150"; else fail "hours sum to 150"; fi

ok "csv quotes a comma and doubles quotes" --format csv report participation --by programme
out_has "quoted title" '"Короткий курс, ""НАТО"""'
ok "csv without --excel has no byte-order mark" --format csv report coverage
same "starts with the header" "$(head -c 3 "$OUT")" "org"
ok "csv --excel adds a byte-order mark" --format csv report coverage --excel
same "starts with EF BB BF" "$(head -c 3 "$OUT" | od -An -tx1 | tr -d ' ')" "efbbbf"
ok "--excel with -o" --format csv report coverage --excel -o "$T/c.csv"
same "the file starts with the mark" "$(head -c 3 "$T/c.csv" | od -An -tx1 | tr -d ' ')" "efbbbf"

ok "html to stdout" --format html report coverage
out_has "a whole page" "</html>"
out_has "an inline chart" "<svg xmlns="
out_lacks "nothing fetched" "https://"
ok "table of an empty result" report deadlines --as-of 2020-01-01 --overdue
same "header and rule only" "$(wc -l <"$OUT")" "2"
ok "json of an empty result" --format json report deadlines --as-of 2020-01-01 --overdue
same "an empty array" "$(cat "$OUT")" "[]"
fails 2 "xlsx needs -o, or is not loaded" --format xlsx report coverage

# Formula injection: names a spreadsheet would run.  With --excel a text
# cell starting with = + - @ tab or CR gets a leading apostrophe (numbers,
# negative ones too, stay numbers); plain csv stays byte for byte.
seed_formulas || fail "seed formula-looking names"
ok "formula-looking names as csv --excel" --format csv report coverage --excel
cp "$OUT" "$T/excel.csv"
for line in "F1;'=1+1;1;0;0" "F2;'+cmd|' /C calc'!A0;1;0;0" \
    "F3;\"'=HYPERLINK(\"\"http://x\"\")\";1;0;0" "F4;'@SUM(A1);1;0;0" \
    "F5;'-2+3;1;0;0" "F6;'$(printf '\t')TAB;1;0;0"; do
	if grep -qxF -- "$line$(printf '\r')" "$T/excel.csv"; then
		pass "--excel keeps it text: $line"; else fail "--excel keeps it text: $line"; fi
done
ok "the same names as plain csv" --format csv report coverage
for line in "F1,=1+1,1,0,0" "F2,+cmd|' /C calc'!A0,1,0,0" \
    "F3,\"=HYPERLINK(\"\"http://x\"\")\",1,0,0" "F4,@SUM(A1),1,0,0" \
    "F5,-2+3,1,0,0" "F6,$(printf '\t')TAB,1,0,0"; do
	if grep -qxF -- "$line$(printf '\r')" "$OUT"; then
		pass "plain csv writes it as stored: $line"; else
		fail "plain csv writes it as stored: $line"; fi
done
same "plain csv is --excel without the mark, the apostrophes and ';'" \
    "$(tail -c +4 "$T/excel.csv" | sed "s/^\(F[1-6];\"\{0,1\}\)'/\1/" | tr ';' ',')" \
    "$(sed 's/\.\([0-9]\)/,\1/g' "$OUT")"
if $PY -c '
import csv, sys
rows = {r[0]: r for r in csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline=""), delimiter=";")}
assert rows["F1"][1] == "\x27=1+1" and rows["F5"][1] == "\x27-2+3", rows
assert rows["F3"][1] == "\x27=HYPERLINK(\"http://x\")", rows
' "$T/excel.csv"; then pass "a csv reader sees the apostrophe and the whole name"; else
	fail "a csv reader sees the apostrophe and the whole name"; fi

finish
