#!/bin/sh
# The README's tutorial ("Five minutes with integra"), its commands taken
# from README.md and run as it shows them (integra on the PATH), under
# LANG=uk_UA.UTF-8: help, summaries, an error, list and report headers,
# statuses, kinds and dates speak Ukrainian; the same under the C locale
# speaks English; the JSON report is the same in both.  An import's
# summary takes the Ukrainian plural forms (1 рядок, 2 рядки, 5 рядків).
. "$(dirname "$0")/lib.sh"
WORK="$T/work"
mkdir -p "$WORK"
PATH="$(dirname "$BIN"):$PATH"
export PATH

# The tutorial's commands, continuation lines joined, one per line.
awk '/^## Five minutes/ { on = 1; next } /^## / { on = 0 }
    on && /^    integra / { cmd = substr($0, 5)
	while (cmd ~ /\\$/) { sub(/\\$/, "", cmd); getline l; sub(/^ +/, "", l); cmd = cmd l }
	print cmd }' "$ROOT/README.md" >"$T/tutorial"
n=$(wc -l <"$T/tutorial")
if [ "$n" -ge 20 ]; then pass "the README has the tutorial ($n commands)"; else
	fail "the README has the tutorial (found $n commands)"; fi

# tutorial DIR: runs every command of the tutorial in DIR with a fresh
# database, each one's stdout, stderr and exit code kept as DIR/N.out,
# DIR/N.err, DIR/N.rc.
tutorial() {
	rm -rf "$XDG_DATA_HOME/integra" "$1"
	# on PostgreSQL the database is made anew, as the file is removed
	[ -z "$PG" ] || psql -X -q -h "$INTEGRA_TEST_PG" -U integra_admin -d postgres \
	    -c "DROP DATABASE $PG WITH (FORCE)" -c "CREATE DATABASE $PG" >/dev/null
	mkdir -p "$1"
	i=0
	while IFS= read -r cmd; do
		i=$((i + 1))
		(cd "$WORK" && eval "$cmd") >"$1/$i.out" 2>"$1/$i.err" </dev/null
		echo $? >"$1/$i.rc"
	done <"$T/tutorial"
}

# step DIR WORDS: the number of the first tutorial command holding WORDS.
step() { grep -nF -- "$2" "$T/tutorial" | head -n 1 | cut -d: -f1; }

# has DESC DIR STEP FILE TEXT: the output FILE (out, err) of STEP has TEXT.
has() {
	if grep -qF -- "$5" "$2/$3.$4"; then pass "$1"; else
		cp "$2/$3.out" "$OUT"; cp "$2/$3.err" "$ERR"; RC=$(cat "$2/$3.rc")
		fail "$1 (step $3 $4 lacks '$5')"; fi
}

if locale -a 2>/dev/null | grep -qi '^uk_UA\.utf-\?8$'; then
	pass "the locale uk_UA.UTF-8 is generated (make deps)"
else
	skip "the locale uk_UA.UTF-8 is generated (make deps)" \
	    "not generated here; integra still takes the language from LANG"
fi

unset LC_ALL LC_MESSAGES LANGUAGE
UK="$T/uk"
LANG=uk_UA.UTF-8 tutorial "$UK"
s_init=$(step x "integra init")
s_list=$(step x "integra org list")
s_show=$(step x "integra programme show")
s_bad=$(step x "HR-0002 --status completed")
s_plist=$(step x "integra participation list")
s_cov=$(step x "report coverage --area civil_service --by org")
s_json=$(step x "--format json report participation")
s_rlist=$(step x "integra report list")
bad=0
for f in "$UK"/*.rc; do
	k=$(basename "$f" .rc)
	[ "$k" = "$s_bad" ] && continue
	[ "$(cat "$f")" = 0 ] || { bad=1; echo "# step $k: exit $(cat "$f")"; }
done
if [ "$bad" = 0 ]; then pass "uk: every step but the refused one succeeds"; else
	fail "uk: every step but the refused one succeeds"; fi
has "uk: init's summary" "$UK" "$s_init" out "створено базу даних «"
has "uk: a plugin's schema step" "$UK" "$s_init" out "модуль «"
has "uk: org list header" "$UK" "$s_list" out "Код   Назва"
has "uk: an organisation kind by its name" "$UK" "$s_list" out "обласна адміністрація"
has "uk: show's labels" "$UK" "$s_show" out "Статус:"
has "uk: a status by its name" "$UK" "$s_show" out "заплановано"
has "uk: a date as Ukrainians write it" "$UK" "$s_show" out "01.02.2022"
same "uk: the refused move exits 4" "$(cat "$UK/$s_bad.rc")" 4
has "uk: the refusal in Ukrainian" "$UK" "$s_bad" err "integra: участь «HR-0002» у «EAI-2022» не може перейти з «nominated» до «completed» (допустимі наступні: enrolled, withdrawn)"
has "uk: participation statuses" "$UK" "$s_plist" out "завершено"
has "uk: the date of a status" "$UK" "$s_plist" out "30.06.2022"
has "uk: report header" "$UK" "$s_cov" out "Код організації"
has "uk: report share column" "$UK" "$s_cov" out "Частка, %"
has "uk: report totals row" "$UK" "$s_cov" out "усього"
has "uk: report list summaries" "$UK" "$s_rlist" out "скільки осіб взяли участь"
has "uk: json keeps the identifiers" "$UK" "$s_json" out '{"status": "nominated", "participations": 1}'

# The README's Ukrainian session shows what the tutorial prints: each of
# its commands that is a tutorial step, with its output as shown.
awk '/^### The same in Ukrainian/ { on = 1; next } /^##/ { on = 0 }
    on && /^    / { print substr($0, 5) }' "$ROOT/README.md" >"$T/session"
for cmd in "integra org list" \
    "integra participation set EAI-2022 HR-0002 --status completed" \
    "integra report coverage --area civil_service --by org"; do
	k=$(step x "$cmd")
	# the time a report was made differs from run to run; the README's
	# indented block cannot hold an empty line
	awk -v c="\$ $cmd" '$0 == c { on = 1; next } /^\$ / { on = 0 } on' \
	    "$T/session" | grep -v '^Сформовано: ' >"$T/shown"
	cat "$UK/$k.out" "$UK/$k.err" | grep -v '^Сформовано: ' | grep -v '^$' >"$T/printed"
	if [ -s "$T/shown" ] && cmp -s "$T/shown" "$T/printed"; then
		pass "README's Ukrainian session: $cmd"
	else
		cp "$T/printed" "$OUT"; cp "$T/shown" "$ERR"
		fail "README's Ukrainian session: $cmd"
	fi
done

C="$T/c"
LANG=C tutorial "$C"
has "C: init's summary" "$C" "$s_init" out "created database '"
has "C: org list header" "$C" "$s_list" out "code  name"
has "C: kinds as identifiers" "$C" "$s_list" out "oblast-administration"
has "C: dates ISO" "$C" "$s_show" out "2022-02-01"
has "C: the refusal in English" "$C" "$s_bad" err "integra: participation of 'HR-0002' in 'EAI-2022' cannot move from 'nominated' to 'completed' (allowed next: enrolled, withdrawn)"
has "C: report header" "$C" "$s_cov" out "Share, %"
same "json identical in both languages" "$(cat "$UK/$s_json.out")" "$(cat "$C/$s_json.out")"

# Help, as `integra --help` and a command's --help print it.
LANG=uk_UA.UTF-8 run --help
out_has "uk: help's usage line" "використання: integra [-c FILE]"
out_has "uk: help's options" "загальні параметри:"
out_has "uk: a command's summary" "організації: міністерства, обласні адміністрації, підрозділи"
out_has "uk: exit codes" "коди завершення: 0 успіх"
LANG=uk_UA.UTF-8 run org add --help
out_has "uk: a verb's summary" "додати організацію"
out_has "uk: an option's help" "організація, до якої вона належить"
LANG=C run --help
out_has "C: help in English" "global options:"
LANG=uk_UA.UTF-8 run nosuchcommand
same "uk: a usage error exits 2" "$RC" 2
err_has "uk: a usage error in Ukrainian" "integra: невідома команда «nosuchcommand» для «integra» (див. «integra --help»)"

# An import's summary: the count takes the Ukrainian plural forms.
people() {
	printf 'key,name,service\n'
	i=0
	while [ "$i" -lt "$1" ]; do
		i=$((i + 1))
		printf 'P%s-%04d,Особа %s %d,civil-service\n' "$2" "$i" "$2" "$i"
	done
}
people 1 a >"$T/p1.csv"
people 2 b >"$T/p2.csv"
people 5 c >"$T/p5.csv"
people 11 d >"$T/p11.csv"
people 22 e >"$T/p22.csv"
LANG=uk_UA.UTF-8 run import people "$T/p1.csv"
out_is "uk: 1 рядок" "1 рядок додано, оновлено: 0, без змін: 0, відхилено: 0"
LANG=uk_UA.UTF-8 run import people "$T/p2.csv"
out_is "uk: 2 рядки" "2 рядки додано, оновлено: 0, без змін: 0, відхилено: 0"
LANG=uk_UA.UTF-8 run import people "$T/p5.csv"
out_is "uk: 5 рядків" "5 рядків додано, оновлено: 0, без змін: 0, відхилено: 0"
LANG=uk_UA.UTF-8 run import people "$T/p11.csv"
out_is "uk: 11 рядків" "11 рядків додано, оновлено: 0, без змін: 0, відхилено: 0"
LANG=uk_UA.UTF-8 run import people "$T/p22.csv" --dry-run
out_is "uk: 22 рядки, a dry run" "пробний прогін, нічого не збережено: 22 рядки додано, оновлено: 0, без змін: 0, відхилено: 0"
printf 'key,name,service\nX-1,Тест Тестович,military-x\nX-2,,civil-service\n' >"$T/bad.csv"
LANG=uk_UA.UTF-8 run import people "$T/bad.csv"
same "uk: a refused import exits 4" "$RC" 4
err_has "uk: a bad row named in Ukrainian" "bad.csv:3: стовпець «name»: значення «»: не може бути порожнім"
err_has "uk: the refusal with plural forms" "bad.csv: 2 помилки (2 рядки); нічого не збережено"
LANG=C run import people "$T/p22.csv" --dry-run
out_is "C: the same in English" "dry run, nothing stored: 22 added, 0 updated, 0 unchanged, 0 rejected"
finish
