#!/bin/sh
# One statement means one statement: a report's SQL and a plugin's query()
# and exec() refuse a second statement after the first (nothing of it
# runs, no row is printed, no file written), and the refusal names the
# report or the plugin and quotes the statement found; comments and white
# space after the one statement are accepted.  A change refused by the
# authorizer names the table it is on, for an index too.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/report_seed.sh"
umask 022
P="$T/plugins"
mkdir -p "$P" "$XDG_CONFIG_HOME/integra"
cp "$FIXDIR/good.so" "$FIXDIR/twostmt.so" "$P/"
cat >"$XDG_CONFIG_HOME/integra/integra.cfg" <<CFGEOF
plugins = { dir = "$P"; enabled = [ "good", "twostmt" ]; };
CFGEOF
ok "init" init
seed <<'SQL' || fail "seed a programme"
INSERT INTO programme (area, code, title, start, status)
 VALUES ('testing', 'T1', 'Курс', '2021-09-01', 'active');
SQL
# err_lacks DESC TEXT: the last stderr does not contain TEXT.
err_lacks() {
	if grep -qF -- "$2" "$ERR"; then fail "$1 (stderr has '$2')"; else pass "$1"; fi
}

# Reports.
fails 1 "a report with a DELETE after its SELECT is refused" report twostmt_delete
err_has "the refusal names the report, its plugin and the statement" \
    "integra: report 'twostmt_delete' by 'none' of plugin 'twostmt': expected exactly one SQL statement, found another after it: 'DELETE FROM programme'"
out_is "not even the first statement's row is printed" ""
db_is "nothing deleted" "SELECT count(*) FROM programme" "1"
fails 1 "the same report to a file" --format csv report twostmt_delete -o "$T/r.csv"
same "no file written" "$(ls -A "$T" | grep -c 'r\.csv')" "0"
fails 1 "a DELETE behind comments is refused" report twostmt_hidden
err_has "quoted from its first word" "found another after it: 'DELETE FROM programme'"
db_is "nothing deleted" "SELECT count(*) FROM programme" "1"
fails 1 "two SELECTs in one dimension are refused" report twostmt_second --by twice
err_has "the refusal names the dimension" "report 'twostmt_second' by 'twice' of plugin 'twostmt': expected exactly one SQL statement, found another after it: 'SELECT 2 AS b;'"
ok "the report's other dimension runs" --format csv report twostmt_second
same "its row" "$(tr -d '\r' <"$OUT")" "$(printf 'a\n1')"
ok "comments and white space after the statement are accepted" --format csv report twostmt_comment
same "its row" "$(tr -d '\r' <"$OUT")" "$(printf 'a\n1')"
ok "the core reports still run" report coverage

# query()
fails 1 "query() refuses a second statement" testing sql "SELECT 1; DELETE FROM programme"
err_has "the refusal names the plugin and the statement" \
    "integra: plugin 'good': expected exactly one SQL statement, found another after it: 'DELETE FROM programme'"
out_is "the first statement did not run" ""
db_is "nothing deleted" "SELECT count(*) FROM programme" "1"
ok "query() accepts comments after the statement" testing sql "SELECT count(*) FROM programme; -- how many
/* the end */ "
out_is "its row" "1"
ok "an unclosed comment after the statement is only a comment" testing sql "SELECT 2; /* DELETE FROM programme"
out_is "its row" "2"
fails 1 "a lone dash after the statement is not a comment" testing sql "SELECT 2; -"
fails 1 "query() refuses an empty statement" testing sql " -- nothing"
err_has "and says so" "integra: plugin 'good': expected exactly one SQL statement, found none"

# exec()
fails 1 "exec() refuses a second statement" testing exec "INSERT INTO good_note (text) VALUES ('x'); DELETE FROM programme"
err_has "the refusal names the plugin and the statement" \
    "integra: plugin 'good': expected exactly one SQL statement, found another after it: 'DELETE FROM programme'"
db_is "nothing deleted" "SELECT count(*) FROM programme" "1"
db_is "nor the first statement run" "SELECT count(*) FROM good_note" "0"
fails 1 "a long second statement is cut in the message" testing exec "DELETE FROM good_note; UPDATE programme SET title = 'Дуже довга назва програми, яку ніхто не хотів' WHERE 1"
err_has "cut on a character, marked" "found another after it: 'UPDATE programme SET title = 'Дуже довг...' (run each statement by itself)"
ok "exec() accepts comments after the statement" testing exec "INSERT INTO good_note (text) VALUES ('y'); -- a note
/* done */ "
out_has "one row changed" "changed 1"

# Refusals name the table the change is on.
fails 1 "an index of the plugin's on a core table is refused" testing exec "CREATE INDEX good_idx ON programme(code)"
err_has "the refusal names the table" "not 'programme'"
err_lacks "not the index" "good_idx"
# The catalogue of indexes: SQLite's sqlite_master, the server's pg_indexes.
if [ -n "$PG" ]; then
	IDX="SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema()
	    AND indexname NOT LIKE '%pkey' AND indexname NOT LIKE '%key'"
	idx=$(sql "$IDX AND tablename = 'programme' LIMIT 1")
else
	IDX="SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
	idx=$(sql "$IDX AND tbl_name = 'programme' LIMIT 1")
fi
fails 1 "dropping a core table's index is refused" testing exec "DROP INDEX $idx"
err_has "the refusal names the table" "not 'programme'"
fails 1 "an index not named for the plugin on its own table" testing exec "CREATE INDEX other_idx ON good_note(text)"
err_has "names the index, as the table is the plugin's" "not 'other_idx'"
db_is "no index made" "SELECT count(*) FROM ($IDX) i WHERE name IN ('good_idx', 'other_idx')" "0"
finish
