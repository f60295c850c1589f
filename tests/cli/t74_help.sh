#!/bin/sh
# `integra help CMD [VERB]` and `integra CMD [VERB] --help` print the same
# text, for every command and verb, the plugins' included; a mistyped
# command, verb (a plugin's too) or option gets "did you mean ...?" from
# the edit distance, and a word near nothing gets no guess.
. "$(dirname "$0")/lib.sh"

ok "init" init
"$BIN" --help >"$T/top"
commands=$(awk '/^commands:/ {on = 1; next} on && /^  [a-z]/ {print $1} /^$/ {on = 0}' "$T/top")
pcommands=$(awk '/^plugin commands:/ {on = 1; next} on && /^  [a-z]/ {print $1} /^$/ {on = 0}' "$T/top" | sort -u)
same "the top-level help lists core and plugin commands" \
    "$(echo $commands | wc -w | awk '$1 > 10 {print "many"}')$(echo $pcommands | grep -c exercises)" "many1"

# same_help DESC WORDS...: `help WORDS` and `WORDS --help` agree, both exit 0
same_help() {
	desc=$1; shift
	"$BIN" help "$@" >"$T/a" 2>"$T/ae"; ra=$?
	"$BIN" "$@" --help >"$T/b" 2>"$T/be"; rb=$?
	if [ "$ra$rb" = "00" ] && cmp -s "$T/a" "$T/b" && [ -s "$T/a" ] &&
	    [ ! -s "$T/ae" ] && [ ! -s "$T/be" ]; then
		pass "$desc"
	else
		cp "$T/a" "$OUT"; cat "$T/be" "$T/b" >"$ERR"; RC="$ra/$rb"
		fail "$desc (help and --help differ)"
	fi
}
n=0
for c in $commands $pcommands; do
	same_help "integra help $c = integra $c --help" "$c"
	n=$((n + 1))
	"$BIN" "$c" --help >"$T/chelp"
	for v in $(awk '/^verbs:/ {on = 1; next} on && /^  [a-z]/ {print $1} /^$/ {on = 0}' "$T/chelp"); do
		same_help "integra help $c $v = integra $c $v --help" "$c" "$v"
		n=$((n + 1))
	done
done
same "commands and verbs compared" "$([ "$n" -gt 40 ] && echo many)" "many"
ok "help alone is the top-level help" help
same "help = --help" "$(cat "$OUT")" "$(cat "$T/top")"
fails 2 "help of an unknown command" help orgg
err_has "help orgg: did you mean" "unknown command 'orgg' for 'integra'; did you mean 'org'?"

# did you mean
fails 2 "a mistyped command" orgg list
err_has "orgg: did you mean 'org'" "unknown command 'orgg' for 'integra'; did you mean 'org'? (see 'integra --help')"
fails 2 "a transposition" reprot coverage
err_has "reprot: did you mean 'report'" "did you mean 'report'?"
fails 2 "a letter missing" partcipation list
err_has "partcipation: did you mean 'participation'" "did you mean 'participation'?"
fails 2 "a mistyped verb" org lsit
err_has "lsit: did you mean 'list'" "unknown command 'lsit' for 'integra org'; did you mean 'list'? (see 'integra org --help')"
fails 2 "a mistyped verb of a plugin" exercises lesons
err_has "lesons: did you mean 'lesson'" "unknown command 'lesons' for 'integra exercises'; did you mean 'lesson'?"
fails 2 "a mistyped plugin area" exercisse lessons
err_has "exercisse: did you mean 'exercises'" "unknown command 'exercisse' for 'integra'; did you mean 'exercises'?"
fails 2 "a mistyped option" org list --regoin Київ
err_has "--regoin: did you mean '--region'" "unknown option '--regoin' for 'integra org list'; did you mean '--region'? (see 'integra org list --help')"
fails 2 "a mistyped global option after the command" org list --vertcal
err_has "--vertcal: did you mean '--vertical'" "did you mean '--vertical'?"
fails 2 "--fromat=csv" org list --fromat=csv
err_has "--fromat: did you mean '--format'" "unknown option '--fromat=csv' for 'integra org list'; did you mean '--format'?"
fails 2 "a word near nothing" zzzzzz
err_is_plain() {
	if grep -q "did you mean" "$ERR"; then fail "$1 (a guess was made)"; else pass "$1"; fi
}
err_is_plain "zzzzzz: no guess"
err_has "zzzzzz: the plain error" "unknown command 'zzzzzz' for 'integra' (see 'integra --help')"
fails 2 "an unknown short option" org list -q
err_is_plain "-q: no guess"
fails 2 "an ambiguous prefix is still named as such" p
err_has "ambiguous" "ambiguous command 'p' for 'integra'"
finish
