#!/bin/sh
# Bulk import: the header is checked before any row is read.  Unknown,
# duplicate and missing columns, an empty file, a file that is not there,
# a kind that does not exist and wrong option combinations are refused
# with one clear line, and nothing changes.
. "$(dirname "$0")/lib.sh"
F="$ROOT/tests/fixtures/import"

ok "init" init
ok "organisations" import orgs "$F/orgs.csv"
before=$(snapshot)
fails 4 "unknown column refused" import orgs "$F/bad_unknown_column.csv"
err_has "names the column and lists the valid names" "unknown column 'colour' in the header (valid for orgs: code, name, kind, region, parent, edrpou)"
fails 4 "a column twice refused" import orgs "$F/bad_duplicate_column.csv"
err_has "names the duplicate" "column 'code' appears twice in the header (columns 1 and 3)"
fails 4 "missing required column refused" import orgs "$F/bad_missing_column.csv"
err_has "names the missing column" "the header lacks the column code"
fails 4 "empty file refused" import orgs "$F/bad_empty.csv"
err_has "says it is empty" "is empty: the first line must name the columns"
fails 3 "a file that is not there" import orgs "$T/nothere.csv"
err_has "names the file" "cannot open '$T/nothere.csv'"
fails 1 "a directory is refused" import orgs "$T"
fails 2 "unknown kind is a usage error" import planets "$F/orgs.csv"
err_has "lists the kinds" "allowed: orgs, people, programmes, participation"
fails 2 "--keep-going without --rejects" import orgs "$F/orgs.csv" --keep-going
fails 2 "--rejects without --keep-going" import orgs "$F/orgs.csv" --rejects "$T/r.csv"
fails 2 "--area only for programmes and participation" import orgs "$F/orgs.csv" --area civil_service
fails 4 "participation needs a participant column" import participation "$F/bad_missing_column.csv"
printf 'code,title\nX,Y\n' >"$T/np.csv"
fails 4 "programmes need an area column or --area" import programmes "$T/np.csv"
err_has "says how" "area (or give --area)"
same "nothing changed" "$(snapshot)" "$before"
finish
