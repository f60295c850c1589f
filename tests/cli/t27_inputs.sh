#!/bin/sh
# Inputs that lie (issue 12): keys that look alike but differ by an
# invisible character, refused in import as in the commands; a bare CR at
# the end of a CSV file; a key given twice in one import file, refused
# naming both lines unless --last-wins, for every kind of file.
. "$(dirname "$0")/lib.sh"
F="$ROOT/tests/fixtures/import"

ok "init" init

# Import checks keys and names with the commands' rules.
printf 'code,name\nU\342\200\2139,Нуль\nK\302\233,Сі-один\n' >"$T/zw.csv"
run import orgs "$T/zw.csv"
same "a zero-width key in an import is refused" "$RC" "4"
err_has "with the character number" "zw.csv:2: column 'code': value 'U"
err_has "naming the character" "contains a zero-width character U+200B (character 2)"
err_has "a C1 control in a key too" "zw.csv:3: column 'code': value 'K"
err_has "shown escaped" "value 'U\u200b9'"
if LC_ALL=C grep -q "$(printf '\342\200\213')" "$ERR" || LC_ALL=C grep -q "$(printf '\302\233')" "$ERR"; then
	fail "the invisible characters never reach the terminal"
else
	pass "the invisible characters never reach the terminal"
fi
printf 'key,name\nP1,Іван\342\200\256 Петренко\n' >"$T/bidi.csv"
run import people "$T/bidi.csv"
same "a bidi override in an imported name is refused" "$RC" "4"
err_has "with its position" "contains a bidirectional control character U+202E (character 5)"
db_is "nothing stored" "SELECT count(*) FROM organisation" "0"

# A bare CR as the last byte of the file.
printf 'code,name\nA1,Перша\r' >"$T/cr.csv"
run import orgs "$T/cr.csv"
same "a bare CR at the end of the file is refused" "$RC" "4"
err_has "as the docs say, with line and column" "cr.csv: line 2, column 9: a carriage return without a line feed after it, at the end of the file"
printf 'code,name\r\nA1,Перша\r\n' >"$T/crlf.csv"
ok "CRLF line ends stay fine" import orgs "$T/crlf.csv"

# A key twice in one file.
printf 'code,name\nB1,Перша\nB2,Друга\nB1,Третя\n' >"$T/orgs2.csv"
before=$(snapshot)
run import orgs "$T/orgs2.csv"
same "an organisation code twice is refused" "$RC" "4"
err_has "naming both lines" "orgs2.csv:4: column 'code': value 'B1': given twice in this file, on lines 2 and 4 (keep one of the rows, or pass --last-wins to store the later one over the earlier)"
same "nothing is stored" "$(snapshot)" "$before"
ok "with --last-wins" import orgs "$T/orgs2.csv" --last-wins
out_is "the later row counts as an update" "2 added, 1 updated, 0 unchanged, 0 rejected"
db_is "and wins" "SELECT name FROM organisation WHERE code = 'B1'" "Третя"
ok "--keep-going" import orgs "$T/orgs2.csv" --keep-going --rejects "$T/rej.csv"
out_is "rejects the later row" "0 added, 1 updated, 1 unchanged, 1 rejected"
if grep -q '^B1,Третя,4,"column .code.: value .B1.: given twice in this file, on lines 2 and 4' "$T/rej.csv"; then
	pass "the rejects file names both lines"; else fail "the rejects file names both lines"; fi

ok "organisations" import orgs "$F/orgs.csv"
printf 'key,name\nQ1,Іван\nQ1,Іван\n' >"$T/people2.csv"
run import people "$T/people2.csv"
same "a person key twice is refused, even with the same values" "$RC" "4"
err_has "naming both lines" "people2.csv:3: column 'key': value 'Q1': given twice in this file, on lines 2 and 3"
ok "people" import people "$F/people.csv"
head -2 "$F/programmes.csv" >"$T/prog2.csv"
sed -n 2p "$F/programmes.csv" >>"$T/prog2.csv"
run import programmes "$T/prog2.csv"
same "a programme code twice is refused" "$RC" "4"
err_has "naming both lines" "prog2.csv:3: column 'code': value 'EI-2021': given twice in this file, on lines 2 and 3"
ok "programmes" import programmes "$F/programmes.csv"
printf 'programme,person,status\nEI-2021,P0001,enrolled\nEI-2021,P0002,enrolled\nEI-2021,P0001,completed\n' >"$T/part2.csv"
run import participation "$T/part2.csv"
same "a participation key twice is refused" "$RC" "4"
err_has "naming both lines and the key" "part2.csv:4: programme 'EI-2021', person 'P0001' is given twice in this file, on lines 2 and 4"
db_is "nothing stored" "SELECT count(*) FROM participation" "0"
ok "with --last-wins" import participation "$T/part2.csv" --last-wins
db_is "the later row wins" "SELECT status FROM participation p JOIN person s ON s.id = p.person_id WHERE s.key = 'P0001'" "completed"
run import participation "$T/part2.csv"
same "into a table that holds rows, refused as well" "$RC" "4"
finish
