#!/bin/sh
# Terminal ergonomics: results on a terminal go through the pager
# ($INTEGRA_PAGER, the configuration's `pager`, $PAGER, else less -FRX),
# never when standard output is not a terminal, never with --no-pager,
# `pager = ""` or for a command that writes; a table wider than the
# terminal (COLUMNS, or the terminal's own width) turns into one block per
# record, as psql's \x, and --vertical forces that.  participation list
# and person show give the titles of programmes and activities and the
# names of organisations, and write to -o FILE.  The terminal is a
# pty made by util-linux script(1); the pager is a fake that marks what
# it shows.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/report_seed.sh"

CFGDIR="$XDG_CONFIG_HOME/integra"
mkdir -p "$CFGDIR" "$T/bin"
if seed_reports; then pass "the report data"; else fail "the report data"; fi

# the fake pager: each line it shows, prefixed with "PAGER:"; its
# arguments and COLUMNS in $T/pager.env
cat >"$T/bin/fakepager" <<SH
#!/bin/sh
echo "args=\$* COLUMNS=\${COLUMNS:-} LESS=\${LESS:-}" >"$T/pager.env"
sed 's/^/PAGER:/'
SH
chmod 0755 "$T/bin/fakepager"
unset INTEGRA_PAGER PAGER COLUMNS

# tty CMD: runs the shell command line CMD on a pty 120 columns wide;
# its output (without carriage returns) in $OUT
tty() {
	if script -qec "stty cols 120 rows 24 2>/dev/null; $1" /dev/null </dev/null 2>&1 |
	    tr -d '\r' >"$OUT"; then RC=0; else RC=1; fi
}
if ! command -v script >/dev/null; then
	skip "pager on a terminal" "util-linux script(1) is not installed"
	finish
	exit $?
fi

tty "PAGER='$T/bin/fakepager' '$BIN' org list"
out_has "on a terminal the list goes through \$PAGER" "PAGER:MOU   Міністерство оборони"
out_has "and its header too" "PAGER:code  name"
same "the pager gets the terminal's width in COLUMNS" "$(cat "$T/pager.env")" "args= COLUMNS=120 LESS=FRX"
tty "PAGER='$T/bin/fakepager --marked' '$BIN' org list"
same "\$PAGER is a command line run by the shell" "$(cut -d' ' -f1-2 "$T/pager.env")" "args=--marked COLUMNS=120"
tty "PAGER='$T/bin/fakepager' '$BIN' org list --no-pager"
out_has "--no-pager: the list on the terminal" "MOU   Міністерство оборони"
out_lacks "--no-pager: no pager" "PAGER:"
tty "PAGER='$T/bin/fakepager' '$BIN' --no-pager org list"
out_lacks "--no-pager before the command, as git's" "PAGER:"
out_has "--no-pager before the command: the list" "MOU   Міністерство оборони"
tty "PAGER='$T/bin/fakepager' '$BIN' org list | cat"
out_lacks "not a terminal (a pipe): no pager" "PAGER:"
out_has "not a terminal: the list itself" "ODA   Одеська ОДА"
tty "PAGER=cat '$BIN' org list"
out_lacks "PAGER=cat: no pager" "PAGER:"
tty "PAGER='$T/bin/fakepager' INTEGRA_PAGER='' '$BIN' org list"
out_lacks "INTEGRA_PAGER empty: no pager" "PAGER:"
printf 'pager = "";\n' >"$CFGDIR/integra.cfg"
tty "PAGER='$T/bin/fakepager' '$BIN' org list"
out_lacks "pager = \"\" in the configuration: no pager" "PAGER:"
out_has "and the list is shown" "MOU"
printf 'pager = "%s";\n' "$T/bin/fakepager --from-config" >"$CFGDIR/integra.cfg"
tty "PAGER=cat '$BIN' org list"
out_has "the configuration's pager wins over \$PAGER" "PAGER:MOU"
same "it is the configured command" "$(cut -d' ' -f1 "$T/pager.env")" "args=--from-config"
printf 'pager = 1;\n' >"$CFGDIR/integra.cfg"
fails 4 "pager must be a string" org list
err_has "pager: file:line and what is wanted" "integra.cfg:1: 'pager' must be a string"
rm "$CFGDIR/integra.cfg"
tty "PAGER='$T/bin/fakepager' '$BIN' org add MHP 'Міністерство охорони здоров’я України' --kind ministry"
out_lacks "a command that writes is not paged" "PAGER:"
db_is "and it did its change" "SELECT count(*) FROM organisation WHERE code = 'MHP'" "1"
tty "PAGER='$T/bin/fakepager' '$BIN' report coverage --by org -o '$T/orgs.txt'"
out_lacks "-o FILE: no pager" "PAGER:"
same "-o FILE: the file has the report" "$(grep -c 'Міністерство оборони' "$T/orgs.txt")" "1"
tty "PAGER='$T/bin/fakepager' '$BIN' job list"
out_lacks "the jobs' verbs are not paged" "PAGER:"
tty "PAGER='$T/bin/fakepager' '$BIN' status"
out_has "a command that reads is" "PAGER:"
rm -f "$T/pager.env"
tty "PAGER='$T/bin/fakepager' '$BIN' --format xlsx report coverage"
out_has "a binary format on a terminal is still refused" "format 'xlsx' writes a file"
same "and no pager was started for it" "$(test -e "$T/pager.env" && echo started)" ""
tty "PAGER=/nonexistent/pager '$BIN' org list; echo rc=\$?"
out_has "a pager that cannot run: says so" "nonexistent"

# the vertical view
export COLUMNS=120
ok "wide enough (COLUMNS=120): a table" org list
out_has "the table's header" "code  name"
out_lacks "no record blocks" "RECORD"
export COLUMNS=40
ok "too narrow (COLUMNS=40): one block per record" org list
out_has "record 1's line" "-[ RECORD 1 ]"
out_has "a field of record 1" "name   | Міністерство оборони"
out_has "the empty parent" "parent |"
same "a record for each of the five organisations" "$(grep -c '^-\[ RECORD' "$OUT")" "5"
ok "COLUMNS=40 with -o: a file is not a terminal, a table" report coverage --by org -o "$T/t.txt"
same "the file has the table" "$(head -c 3 "$T/t.txt")" "org"
unset COLUMNS
ok "without COLUMNS and not a terminal: a table" org list
out_lacks "no limit off a terminal" "RECORD"
ok "--vertical before the command" --vertical org list
out_has "--vertical before: blocks" "-[ RECORD 1 ]"
ok "--vertical forces it" org list --vertical
out_has "--vertical: blocks" "-[ RECORD 2 ]"
ok "--vertical before the verb's options too" org list --vertical --kind ministry
out_has "--vertical with a filter" "-[ RECORD 1 ]"
ok "--vertical does not change csv" --format csv org list --vertical
out_has "csv header" "code,name,kind,region,parent"
out_lacks "csv has no blocks" "RECORD"
ok "--vertical with -o writes blocks to the file" report coverage --by org --vertical -o "$T/v.txt"
same "the file has a block per organisation" "$(grep -c '^-\[ RECORD' "$T/v.txt")" "$(grep -c '^[A-Z]' "$T/orgs.txt")"
ok "no rows, vertical" org list --vertical --kind military-unit
out_is "(no rows)" "(no rows)"
# titles, not only codes: participation list and person show
unset COLUMNS
ok "participation list --person" participation list --person P1
out_has "the programme's title" "CS1        Євроатлантична інтеграція"
out_has "the other programme's title" "Короткий курс, \"НАТО\""
ok "participation list as csv" --format csv participation list --person P1
out_has "csv: titles beside the codes" "participant,name,kind,programme,programme_title,activity,activity_title,role,status"
ok "participation list -o" participation list --person P1 -o "$T/p1.txt"
same "-o: nothing on stdout" "$(cat "$OUT")" ""
same "-o: the file has the titles" "$(grep -c 'Євроатлантична інтеграція' "$T/p1.txt")" "1"
ok "participation list --format json -o" --format json participation list --person P1 -o "$T/p1.json"
if jq -e 'length == 2 and .[0].programme_title == "Євроатлантична інтеграція"' "$T/p1.json" >/dev/null; then
	pass "-o json: the titles"; else fail "-o json: the titles"; fi
ok "person show" person show P1
out_has "the organisation's name" "org_name:      Міністерство оборони"
out_has "the programmes by title" "CS1        Євроатлантична інтеграція"
out_has "the owner's name" "Нацагентство з питань державної служби"
out_has "the status" "completed"
ok "person show -o" person show P1 -o "$T/person.txt"
same "-o: nothing on stdout" "$(cat "$OUT")" ""
same "-o: the record and the programmes in the file" "$(grep -c 'Петро Іваненко\|Євроатлантична інтеграція' "$T/person.txt")" "2"
ok "person show as json stays one record" --format json person show P1
if jq -e 'length == 1 and .[0].org_name == "Міністерство оборони"' "$OUT" >/dev/null; then
	pass "json: one record with the organisation's name"; else fail "json: one record with the organisation's name"; fi
ok "a person without participation" person show P7
fails 3 "person show of nobody" person show P99 -o "$T/nobody.txt"
same "no file for nobody" "$(test -e "$T/nobody.txt" && echo exists)" ""

tty "stty cols 40; PAGER=cat '$BIN' org list"
out_has "a terminal 40 wide: blocks" "-[ RECORD 1 ]"
tty "stty cols 40; PAGER='$T/bin/fakepager' '$BIN' org list"
out_has "through the pager, still laid out for the terminal" "PAGER:-[ RECORD 1 ]"
finish
