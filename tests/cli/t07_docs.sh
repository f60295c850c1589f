#!/bin/sh
# The documentation is kept in step with the code: both man pages render
# without groff warnings, integra(1) names every command, verb and option
# that --help lists and every exit code, integra.cfg(5) names every core
# key that `config show` prints, and the README's commands exist.
. "$(dirname "$0")/lib.sh"

MAN1="$ROOT/docs/integra.1"
MAN5="$ROOT/docs/integra.cfg.5"
render() { groff -man -Tutf8 -P-cbou -rLL=300n "$1" 2>/dev/null; }

for page in "$MAN1" "$MAN5"; do
	warnings=$(groff -ww -man -Tutf8 "$page" 2>&1 >/dev/null)
	same "$(basename "$page") renders without warnings" "$warnings" ""
done
TEXT1="$T/integra.1.txt"
TEXT5="$T/integra.cfg.5.txt"
render "$MAN1" >"$TEXT1"
render "$MAN5" >"$TEXT5"

# in_page DESC FILE TEXT: the rendered page contains TEXT.
in_page() {
	if grep -qF -- "$3" "$2"; then pass "$1"; else fail "$1 ('$3' not in $(basename "$2"))"; fi
}

"$BIN" --help >"$T/help" 2>/dev/null
commands=$(awk '/^commands:/ {on = 1; next} on && /^  [a-z]/ {print $1} /^$/ {on = 0}' "$T/help")
same "--help lists the commands to look for" "$(echo $commands | cut -d' ' -f1-3)" "activity admit agency"
for opt in $(grep -o -- '--[a-z-]*' "$T/help" | sort -u); do
	in_page "integra(1) describes the global option $opt" "$TEXT1" "$opt"
done
for c in $commands; do
	in_page "integra(1) describes 'integra $c'" "$TEXT1" "integra $c"
	"$BIN" "$c" --help >"$T/chelp" 2>/dev/null
	for opt in $(awk '/^options:/ {on = 1; next} on {print}' "$T/chelp" | grep -o -- '--[a-z-]*' | sort -u); do
		in_page "integra(1) describes $opt of 'integra $c'" "$TEXT1" "$opt"
	done
	verbs=$(awk '/^verbs:/ {on = 1; next} on && /^  [a-z]/ {print $1} /^$/ {on = 0}' "$T/chelp")
	for v in $verbs; do
		in_page "integra(1) describes 'integra $c $v'" "$TEXT1" "integra $c $v"
		"$BIN" "$c" "$v" --help >"$T/vhelp" 2>/dev/null
		for opt in $(awk '/^options:/ {on = 1; next} on {print}' "$T/vhelp" | grep -o -- '--[a-z-]*' | sort -u); do
			in_page "integra(1) describes $opt of 'integra $c $v'" "$TEXT1" "$opt"
		done
	done
done
for code in 0 1 2 3 4 5; do
	if awk '/^EXIT STATUS/ {on = 1} /^ENVIRONMENT/ {on = 0} on' "$TEXT1" | grep -qE "^ +$code( |\$)"; then
		pass "integra(1) documents exit status $code"
	else
		fail "integra(1) documents exit status $code"
	fi
done
for v in INTEGRA_CONFIG INTEGRA_DATABASE XDG_CONFIG_HOME XDG_DATA_HOME; do
	in_page "integra(1) documents \$$v" "$TEXT1" "$v"
done

# Every core key of `config show` is in integra.cfg(5).
"$BIN" config show >"$T/show" 2>/dev/null
same "config show lists the keys to look for" "$(grep -c '^database = ' "$T/show")" "1"
for key in $(grep -v '^#' "$T/show" | sed 's/ =.*//; s/^plugins\.//'); do
	in_page "integra.cfg(5) describes '$key'" "$TEXT5" "$key"
done
for word in @include jobs schedule keep hours_per_credit base_date; do
	in_page "integra.cfg(5) describes '$word'" "$TEXT5" "$word"
done

# The README's examples (indented lines) use only commands that exist.
for c in $(sed -n 's/^    integra \([a-z][a-z]*\).*/\1/p' "$ROOT/README.md" | sort -u); do
	case " $commands " in
	*" $c "*) pass "the README's 'integra $c' exists" ;;
	*) if grep -q "^  $c " "$T/help"; then pass "the README's 'integra $c' exists"
	   else fail "the README's 'integra $c' exists"; fi ;;
	esac
done
finish
