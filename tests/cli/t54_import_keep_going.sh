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

# The user fixes the rejects and imports them again.
sed -e 's/Атлантида/Одеська/' -e 's/,club,/,agency,/' -e 's/^X 3,/X3,/' \
    -e 's/^X4,,/X4,Четвертий,/' -e 's/,NOPE,/,MOU,/' "$T/rej.csv" >"$T/fixed.csv"
run import orgs "$T/fixed.csv"
same "extra columns line and reason are refused as unknown" "$RC" "4"
cut -d, -f1-5 "$T/fixed.csv" >"$T/fixed5.csv"
ok "fixed rows import" import orgs "$T/fixed5.csv"
out_is "four added" "4 added, 0 updated, 0 unchanged, 0 rejected"
cp "$F/bad_orgs_mixed.csv" "$T/same.csv"
fails 2 "--rejects naming the input file is refused" import orgs "$T/same.csv" --keep-going --rejects "$T/same.csv"
same "the input file is intact" "$(cat "$T/same.csv")" "$(cat "$F/bad_orgs_mixed.csv")"
finish
