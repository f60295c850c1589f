#!/bin/sh
# Bulk import of malformed CSV: a stray quote, an unterminated quote, a
# wrong number of fields, invalid UTF-8, a 10 MB field.  Each is refused
# with its line and column and the database keeps exactly what it had.
. "$(dirname "$0")/lib.sh"
F="$ROOT/tests/fixtures/import"

ok "init" init
ok "organisations" import orgs "$F/orgs.csv"
before=$(snapshot)

fails 4 "stray quote in an unquoted field" import orgs "$F/bad_stray_quote.csv"
err_has "line and column of the quote" "bad_stray_quote.csv: line 2, column 9: a quote inside an unquoted field"
fails 4 "unterminated quote at end of file" import orgs "$F/bad_unterminated_quote.csv"
err_has "where the quote opened" "line 3, column 4: a quoted field is not closed at the end of the file"

run import orgs "$F/bad_field_count.csv"
same "wrong field count exits 4" "$RC" "4"
err_has "too many fields, with line and column" "bad_field_count.csv: line 3, column 15: 4 fields, expected 3"
err_has "too few fields" "line 4, column 10: 2 fields, expected 3"
err_has "a summary, nothing stored" "integra: $F/bad_field_count.csv: 2 errors in 2 rows; nothing stored"

run import orgs "$F/bad_utf8.csv"
same "invalid UTF-8 exits 4" "$RC" "4"
err_has "line and column of the bad byte" "bad_utf8.csv: line 3, column 4: invalid UTF-8"

{ printf 'code,name\nBIG,'; head -c 10485760 /dev/zero | tr '\0' 'x'; printf '\n'; } >"$T/big.csv"
fails 4 "a 10 MB field" import orgs "$T/big.csv"
err_has "the field limit is named" "line 2, column 5: field longer than 65536 bytes"

printf 'code,name\r\nX1,a\rb\r\n' >"$T/cr.csv"
fails 4 "a bare carriage return" import orgs "$T/cr.csv"
same "nothing changed" "$(snapshot)" "$before"

# Participation is read by a second thread: the same faults, the same
# messages, in the order of the file.
ok "people" import people "$F/people.csv"
ok "programmes" import programmes "$F/programmes.csv"
before=$(snapshot)
printf 'programme,person,status\nEI-2021,P0001,completed\nEI-2021,"P0002,enrolled\n' >"$T/pq.csv"
fails 4 "participation: unterminated quote at end of file" import participation "$T/pq.csv"
err_has "where the quote opened" "pq.csv: line 3, column 9: a quoted field is not closed at the end of the file; nothing stored"
printf 'programme,person,status\nEI-2021,P0009,completed\nEI-2021,P0001,completed,x\nEI-2021,P0002,passed\n' >"$T/pf.csv"
run import participation "$T/pf.csv"
same "participation: bad rows exit 4" "$RC" "4"
same "the errors in the order of the file" "$(head -3 "$ERR")" "$(printf '%s\n' "$T/pf.csv:2: column 'person': value 'P0009': no such person" "$T/pf.csv: line 3, column 24: 4 fields, expected 3 as in the header (a comma in an unquoted field?)" "$T/pf.csv:4: column 'status': value 'passed': invalid participation status 'passed' (allowed: nominated, enrolled, attended, completed, failed, withdrawn)")"
{ printf 'programme,person,result\nEI-2021,P0001,'; head -c 10485760 /dev/zero | tr '\0' 'x'; printf '\n'; } >"$T/pbig.csv"
fails 4 "participation: a 10 MB field" import participation "$T/pbig.csv"
err_has "the field limit is named" "line 2, column 15: field longer than 65536 bytes"
same "nothing changed" "$(snapshot)" "$before"
finish
