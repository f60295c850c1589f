#!/bin/sh
# The command line itself: --version, --help at every level (printed from
# the command table, exit 0), prefixes and the ambiguous-prefix error,
# global options, and the exit codes of integra(1).
. "$(dirname "$0")/lib.sh"

ok "--version" --version
out_has "--version prints the version" "integra 0.1.0"
out_has "and the plugin ABI" "plugin ABI"
ok "-V" -V
same "-V prints one line" "$(wc -l <"$OUT")" "1"
ok "--version after global options" -c /nonexistent --version

ok "--help" --help
out_has "top help shows the usage" "usage: integra [-c FILE] [-d DATABASE] [--format table|csv|json] COMMAND [ARGS]"
out_has "top help lists the global options" "-c, --config FILE"
out_has "top help lists the exit codes" "exit codes: 0 ok, 1 failure, 2 usage error, 3 not found, 4 invalid data, 5 locked or busy"
ok "-h" -h
same "--help writes nothing on stderr" "$(cat "$ERR")" ""

# Every command has --help, and every noun's verb too.
commands=$("$BIN" --help | awk '/^commands:/ {on = 1; next} on && /^  [a-z]/ {print $1} /^$/ {on = 0}')
same "the top help lists the commands" "$(echo $commands | cut -d' ' -f1-3)" "activity admit agency"
for c in $commands; do
	ok "integra $c --help exits 0" "$c" --help
	out_has "integra $c --help prints its usage" "usage: integra $c"
	verbs=$(awk '/^verbs:/ {on = 1; next} on && /^  [a-z]/ {print $1} /^$/ {on = 0}' "$OUT")
	for v in $verbs; do
		ok "integra $c $v --help exits 0" "$c" "$v" --help
		out_has "integra $c $v --help prints its usage" "usage: integra $c $v"
	done
done
ok "-h works for a verb too" org add -h
out_has "verb help lists its options" "--kind KIND"
ok "--help wins over missing arguments" org add --help
ok "--help wins over a missing database" -d "$T/none.db" org list --help
same "and creates nothing" "$(test -e "$T/none.db" && echo yes)" ""

# Prefixes.
ok "a unique command prefix works" conf show
ok "a unique verb prefix works" config sh
fails 2 "an ambiguous prefix is a usage error" p list
err_has "it names the candidates" "ambiguous command 'p' for 'integra': participation, person, plugin, programme"
fails 2 "an ambiguous verb prefix too" org s MOU
err_has "it names the verbs" "ambiguous command 's' for 'integra org': set, show"
fails 2 "an unknown command" frobnicate
err_has "it points at --help" "unknown command 'frobnicate' for 'integra' (see 'integra --help')"
fails 2 "an unknown verb" org frobnicate
err_has "it names the noun" "unknown command 'frobnicate' for 'integra org'"

# integra help COMMAND [VERB]: the same text as COMMAND [VERB] --help.
"$BIN" org add --help >"$T/want" 2>&1
ok "help of a verb" help org add
same "help org add is 'org add --help'" "$(cat "$OUT")" "$(cat "$T/want")"
"$BIN" --help >"$T/want" 2>&1
ok "help alone" help
same "help alone is the top-level help" "$(cat "$OUT")" "$(cat "$T/want")"
ok "help by a prefix" help part
out_has "a noun's help lists its verbs" "usage: integra participation VERB"
fails 2 "help of an unknown command" help frobnicate
err_has "it names the command" "unknown command 'frobnicate' for 'integra'"
fails 2 "help takes two words at most" help org add more
printf 'this is = not a configuration\n' >"$T/broken.cfg"
ok "help needs no configuration" -c "$T/broken.cfg" help org list
out_has "help without a configuration" "usage: integra org list"

# Usage errors: exit 2, one line.
fails 2 "no command" 
fails 2 "a noun without a verb" org
err_has "it says a verb is needed" "'integra org' needs a verb"
fails 2 "an unknown global option" -x org list
err_has "it names the option" "unknown global option '-x'"
fails 2 "-c without a value" -c
err_has "it says a value is needed" "option '-c' needs a value"
fails 2 "-d without a value" -d
fails 2 "--format without a value" --format
fails 2 "an unknown command option" org list --colour red
err_has "it names the option and the command" "unknown option '--colour' for 'integra org list'"
fails 2 "a missing argument" org add MOU
err_has "it shows the usage" "missing arguments for 'integra org add'; usage: integra org add CODE NAME"
fails 2 "too many arguments" config show extra
err_has "it says so" "too many arguments for 'integra config show'"
fails 2 "an option without its value" org add X "Y" --kind
err_has "names the option" "option '--kind' needs a value"

# The other exit codes, through real commands.
ok "init" init
fails 3 "not found exits 3" org show NOPE
err_has "not found names the code" "'NOPE'"
ok "add" org add MOU "Міністерство оборони України"
fails 4 "a duplicate exits 4" org add MOU "Міністерство"
fails 4 "invalid data exits 4" org add X1 "Щось" --kind club
printf 'busy_timeout = "x";\n' >"$T/bad.cfg"
fails 4 "a configuration error exits 4" -c "$T/bad.cfg" org list
fails 1 "a failure exits 1" -c "$T/none.cfg" org list

# Global options may come in either order and --format=NAME works.
ok "--format=json before the command" --format=json org list
if jq -e '.[0].code == "MOU"' "$OUT" >/dev/null; then pass "json output"; else fail "json output"; fi
ok "--format after the command" org list --format csv
out_has "csv header" "code,"
ok "--database=FILE" --database="$DB" org list
ok "-- ends the global options" -d "$DB" -- org list

# Output errors: a closed stdout is a failure, not silence.
"$BIN" config show >/dev/full 2>"$ERR"
RC=$?
same "writing to a full device fails with exit 1" "$RC" "1"
err_has "with a message" "integra: cannot write to standard output"
finish
