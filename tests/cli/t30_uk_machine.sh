#!/bin/sh
# The stable machine interface and the choice of language: csv and json
# are byte for byte the same in every language (identifiers, enumeration
# values, ISO dates), table and html are not; --labels gives csv the
# table's labels; the configuration key `language` sets the language over
# the environment; a missing or broken catalog leaves English, and never
# fails a command; without the uk_UA locale LANG still chooses Ukrainian.
. "$(dirname "$0")/lib.sh"
unset LC_ALL LC_MESSAGES LANGUAGE
export LANG=C
CFG="$XDG_CONFIG_HOME/integra/integra.cfg"
mkdir -p "$XDG_CONFIG_HOME/integra"

ok "init" init
ok "an organisation" org add MOU "Міністерство оборони України" --kind ministry --region Київ
ok "another" org add LODA "Львівська обласна державна адміністрація" \
	--kind oblast-administration --region "Львівська область"
ok "a person" person add HR-0001 "Ґрищенко Олена Петрівна" --org LODA --service civil-service --category В
ok "a programme" programme add civil_service EAI-2021 "Євроатлантична інтеграція" \
	--owner MOU --start 23.07.2021 --end 30.09.2021 --field kind=professional --field credits=2
ok "enrolled" enrol EAI-2021 HR-0001
ok "completed" participation set EAI-2021 HR-0001 --status enrolled
ok "attended" participation set EAI-2021 HR-0001 --status attended --hours 40
ok "completed" participation set EAI-2021 HR-0001 --status completed --date 30.09.2021

# every output of these commands in csv and json, under LANG=$1
machine() {
	for f in csv json; do
		for c in "org list" "person list" "programme list" "participation list" \
		    "programme show EAI-2021" "report participation --by status" \
		    "report coverage --by org" "status"; do
			# shellcheck disable=SC2086
			LANG=$1 "$BIN" --format $f $c
			echo "[$f $c: $?]"
		done
	done
}
machine C >"$T/c.txt" 2>&1
machine uk_UA.UTF-8 >"$T/uk.txt" 2>&1
if cmp -s "$T/c.txt" "$T/uk.txt"; then pass "csv and json identical under C and uk"; else
	diff "$T/c.txt" "$T/uk.txt" | head -20 >"$OUT"; fail "csv and json identical under C and uk"; fi
grep -q "oblast-administration" "$T/uk.txt" && pass "uk csv: kinds as identifiers" ||
	fail "uk csv: kinds as identifiers"
grep -q "2021-07-23" "$T/uk.txt" && pass "uk csv: dates ISO" || fail "uk csv: dates ISO"
grep -q '"status": "completed"' "$T/uk.txt" && pass "uk json: statuses as identifiers" ||
	fail "uk json: statuses as identifiers"
if grep -q "^code,name,kind,region,parent" "$T/uk.txt"; then pass "uk csv: column identifiers"; else
	fail "uk csv: column identifiers"; fi
if grep -q '"share_pct": 100' "$T/uk.txt"; then pass "uk json: numbers with a point"; else
	fail "uk json: numbers with a point"; fi

LANG=uk_UA.UTF-8 run --format table participation list
out_has "uk table: labels" "Статус"
out_has "uk table: names of values" "завершено"
out_has "uk table: dates" "30.09.2021"
LANG=uk_UA.UTF-8 run --format html report coverage --by org -o "$T/cov.html"
if grep -q "<th>Частка, %</th>" "$T/cov.html"; then pass "uk html: labels"; else
	cp "$T/cov.html" "$OUT"; fail "uk html: labels"; fi
if grep -q "Охоплення" "$T/cov.html"; then pass "uk html: the report's title"; else
	cp "$T/cov.html" "$OUT"; fail "uk html: the report's title"; fi

# --labels: csv for a person's spreadsheet.
LANG=uk_UA.UTF-8 run --format csv --labels org list
out_has "uk --labels: csv header of labels" "Код,Назва,Вид,Регіон,Вища організація"
out_has "uk --labels: names of values" "міністерство"
LANG=uk_UA.UTF-8 run --format csv --labels participation list
out_has "uk --labels: dates as the language writes them" "30.09.2021"
LANG=C run --format csv --labels org list
out_has "C --labels: English labels are the identifiers" "code,name,kind,region,parent"
LANG=uk_UA.UTF-8 run --labels --format json org list
out_has "--labels leaves json alone" '"kind": "ministry"'

# The configuration key sets the language over the environment.
printf 'language = "uk";\n' >"$CFG"
LANG=C run org list
out_has "language = uk under LANG=C: Ukrainian labels" "Код"
out_has "and names of values" "міністерство"
LANG=C run --format csv org list
out_has "csv unchanged by the key" "MOU,Міністерство оборони України,ministry,Київ,"
LANG=C run config show
out_has "config show: the key and its line" "language = \"uk\";	# $CFG:1"
out_has "config show: comments in Ukrainian" "# файл налаштувань: $CFG"
LANG=C run participation set EAI-2021 NOBODY --status failed
err_has "errors in the key's language" "integra: "
err_has "in Ukrainian" "integra: не знайдено: особа «NOBODY»"
printf 'language = "en";\n' >"$CFG"
LANG=uk_UA.UTF-8 run org list
out_has "language = en under uk: English" "code  name"
printf 'language = "у";\n' >"$CFG"
before=$(snapshot)
fails 4 "a language that is no name" org list
err_has "says where and what" "integra: $CFG:1: 'language' must be a language name as a string, such as \"uk\" or \"en\" (found \"у\")"
printf 'language = 7;\n' >"$CFG"
fails 4 "a language that is no string" org list
same "nothing changed" "$(snapshot)" "$before"
LANG=C run config show
rm -f "$CFG"
LANG=C run config show
out_has "config show without the key: the environment's" "# language = \"\";	# default (LC_ALL, LC_MESSAGES, LANG)"

# Without the locale generated, LANG still chooses the catalog.
LANG=uk_UA.NOSUCH run org list
out_has "a locale not installed: still Ukrainian" "Код"
LANG=xx_YY.UTF-8 run org list
out_has "a language without a catalog: English" "code  name"
LC_ALL=uk_UA.UTF-8 LANG=C run org list
out_has "LC_ALL wins over LANG" "Код"
LC_ALL=C.UTF-8 LANGUAGE=uk run org list
out_has "LANGUAGE under a UTF-8 C locale, as for coreutils" "Код"
LC_ALL=C LANGUAGE=uk run org list
out_has "the C locale stays English" "code  name"

# A missing or broken catalog: English, and the command still succeeds.
mkdir -p "$T/empty" "$T/broken/uk/LC_MESSAGES"
INTEGRA_LOCALEDIR="$T/empty" LANG=uk_UA.UTF-8 run org list
same "missing catalog: succeeds" "$RC" 0
out_has "missing catalog: English" "code  name"
printf 'this is not a message catalog\n' >"$T/broken/uk/LC_MESSAGES/integra.mo"
INTEGRA_LOCALEDIR="$T/broken" LANG=uk_UA.UTF-8 run org list
same "broken catalog: succeeds" "$RC" 0
out_has "broken catalog: English" "code  name"
INTEGRA_LOCALEDIR="$T/broken" LANG=uk_UA.UTF-8 run participation set EAI-2021 NOBODY --status failed
err_has "broken catalog: errors in English" "integra: no"
head -c 64 "$ROOT/$BUILD/locale/uk/LC_MESSAGES/integra.mo" >"$T/broken/uk/LC_MESSAGES/integra.mo"
INTEGRA_LOCALEDIR="$T/broken" LANG=uk_UA.UTF-8 run org list
same "truncated catalog: succeeds" "$RC" 0
out_has "truncated catalog: English" "code  name"
python3 - "$ROOT/$BUILD/locale/uk/LC_MESSAGES/integra.mo" \
    "$T/broken/uk/LC_MESSAGES/integra.mo" <<'PYEOF'
import struct, sys
d = bytearray(open(sys.argv[1], 'rb').read())
d[12:16] = struct.pack('<I', len(d) + 4096)	# the table of msgids past the end
open(sys.argv[2], 'wb').write(d)
PYEOF
INTEGRA_LOCALEDIR="$T/broken" LANG=uk_UA.UTF-8 run org list
same "catalog with an offset past its end: succeeds" "$RC" 0
out_has "catalog with an offset past its end: English" "code  name"
cp "$ROOT/$BUILD/locale/uk/LC_MESSAGES/integra.mo" "$T/broken/uk/LC_MESSAGES/integra.mo"
INTEGRA_LOCALEDIR="$T/broken" LANG=uk_UA.UTF-8 run org list
out_has "the same directory with a whole catalog: Ukrainian" "Код"
finish
