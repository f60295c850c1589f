#!/bin/sh
# Bash completion (completion/integra.bash) driven as bash drives it: the
# script sourced, COMP_WORDS and COMP_CWORD set, _integra called and
# COMPREPLY read.  Commands (the plugins' too), verbs, options, report
# names and dimensions, formats, areas, import kinds, closed lists (the
# same as the binary's own), codes from the database with -d followed;
# and `make install` puts it where bash-completion looks.
# run alone: make install writes the build directory, as t22 does
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/report_seed.sh"
SCRIPT="$ROOT/completion/integra.bash"

if ! command -v bash >/dev/null 2>&1; then
	skip "bash completion" "bash is not installed"
	finish
	exit
fi
seed_reports || fail "seed the data set"

# completes WORD... : what _integra offers for the last word (may be "")
# of "integra WORD...", sorted, on one line.
completes() {
	bash -c '
		. "$1"; shift
		COMP_WORDS=("$@")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMPREPLY=()
		_integra
		printf "%s\n" "${COMPREPLY[@]}" | LC_ALL=C sort | tr "\n" " "
	' bash "$SCRIPT" "$BIN" "$@" 2>"$ERR" | sed 's/ $//'
}

# offers DESC WANT WORD...: the completion of WORD... is exactly WANT.
offers() {
	desc=$1 want=$2; shift 2
	got=$(completes "$@")
	same "$desc" "$got" "$want"
}

# includes DESC WANT WORD...: the completion of WORD... has WANT among others.
includes() {
	desc=$1 want=$2; shift 2
	got=" $(completes "$@") "
	case $got in *" $want "*) pass "$desc" ;; *) RC=0; fail "$desc ('$want' not in '$got')" ;; esac
}

includes "commands" "import" ""
includes "the core's nouns" "participation" ""
includes "the plugins' nouns" "exercises" ""
offers "a command by its prefix" "org" "o"
offers "verbs of a noun" "add list remove set show" org ""
offers "verbs by prefix" "remove" programme "r"
offers "a plugin's verbs" "lesson objective stage" exercises ""
offers "global options" "--config" "--con"
offers "options of a verb" "--edrpou --format --help --kind --parent --region" org add X Y "--"
offers "import's options" "--delimiter --dry-run" import orgs f.csv "--d"
offers "import kinds" "orgs participation people programmes" import ""
offers "report names" "coverage cs_certificates cs_completions cs_compliance cs_coverage cs_credits cs_needs" report "c"
includes "report list" "list" report ""
offers "a report's dimensions" "org person" report cs_credits --by ""
offers "another report's dimensions" "area month none org programme region status" report participation --by ""
offers "formats, with the format plugins" "csv html json pdf table xlsx" --format ""
offers "formats after the command" "csv" report coverage --format c
offers "areas" "civil_service decree exercises posts procurement" report participation --area ""
offers "organisation kinds" "agency education-provider government local-council military-unit ministry oblast-administration other" org add X Y --kind ""
offers "services" "civil-service local-self-government military other" person list --service ""
offers "programme statuses" "active cancelled completed planned" programme set CS1 --status ""
offers "participation statuses" "attended completed enrolled failed nominated withdrawn" enrol CS1 P1 --status ""
offers "import's encodings" "cp1251 utf-8" import orgs f.csv --encoding ""
offers "organisation codes from the database" "LODA MOU NAU ODA" org show ""
offers "parents by prefix" "LODA" org set X --parent L
offers "people's keys" "P1 P2 P3 P4 P5 P6 P7" person show ""
offers "programme codes" "CS1 CS2" programme show "CS"
offers "help of a command" "add list remove set show" help org ""

# -d is followed: the codes come from the database named.
# On PostgreSQL the other database is a copy made by the server.
if [ -n "$PG" ]; then
	other="postgresql:///${PG}_other?host=$INTEGRA_TEST_PG&user=integra_admin"
	psql -X -q -h "$INTEGRA_TEST_PG" -U integra_admin -d postgres \
	    -c "CREATE DATABASE ${PG}_other TEMPLATE $PG" >/dev/null
	psql -X -q -v ON_ERROR_STOP=1 "$other" -c "BEGIN" \
	    -c "SELECT set_config('integra.audit_on', '0', true)" \
	    -c "INSERT INTO organisation (code, name) VALUES ('ZZZ', 'Інша')" -c "COMMIT" >/dev/null
else
	other="$T/other.db"
	cp "$DB" "$other"
	sqlite3 "$other" "DROP TRIGGER IF EXISTS organisation_audit_add; INSERT INTO organisation (code, name) VALUES ('ZZZ', 'Інша')"
fi
offers "codes from the database given with -d" "ZZZ" -d "$other" org show "Z"
offers "and not from the default one" "" org show "Z"
[ -z "$PG" ] || psql -X -q -h "$INTEGRA_TEST_PG" -U integra_admin -d postgres \
    -c "DROP DATABASE ${PG}_other WITH (FORCE)" >/dev/null

# The closed lists are the binary's own: its refusals list the same.
allowed() { sed -n 's/.*(allowed: \(.*\))$/\1/p' "$ERR" | sed 's/, /\n/g' | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//'; }
run org add X Y --kind zz
same "org kinds as the binary has them" "$(allowed)" "$(completes org add X Y --kind "")"
run person add X Y --service zz
same "services as the binary has them" "$(allowed)" "$(completes person add X Y --service "")"
run person add X Y --service civil-service --category zz
same "categories as the binary has them" "$(allowed)" "$(completes person add X Y --category "")"
run programme set CS1 --status zz
same "programme statuses as the binary has them" "$(allowed)" "$(completes programme set CS1 --status "")"
run participation list --status zz
same "participation statuses as the binary has them" "$(allowed)" "$(completes participation list --status "")"

# Installed where bash-completion looks for it.
R="$T/root"
if make -C "$ROOT" --no-print-directory install DESTDIR="$R" PREFIX=/usr \
    BUILD="$BUILD" >"$T/install.log" 2>&1; then
	pass "make install"
else
	RC=$?; fail "make install ($(tail -3 "$T/install.log"))"
fi
if cmp -s "$SCRIPT" "$R/usr/share/bash-completion/completions/integra"; then
	pass "installed as share/bash-completion/completions/integra"
else
	fail "installed as share/bash-completion/completions/integra"
fi
if bash -c '. "$1" && complete -p integra' bash "$R/usr/share/bash-completion/completions/integra" \
    >"$OUT" 2>"$ERR"; then
	out_has "it registers _integra for integra" "-F _integra integra"
else
	fail "the installed script loads in bash"
fi

finish
