#!/bin/sh
# The gaps of the Ukrainian interface (issue 13, helper pol13): the
# report heading names its dimension and area filter in words, the html
# page says the language it is written in, and `integra help CMD` prints
# the summaries and option help of the core commands in Ukrainian.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/report_seed.sh"
unset LC_ALL LC_MESSAGES LANGUAGE
export LANG=uk_UA.UTF-8
seed_reports || fail "seed the data set"

# 1. the dimension and the area of the heading as labels
ok "coverage by region" --format table report coverage --by region
out_has "uk heading: the dimension's label" "Групування: Регіон"
out_lacks "uk heading: no identifier for the dimension" "Групування: region"
ok "participation by org of an area" --format table report participation --by org \
	--area civil_service
out_has "uk heading: org as Організація" "Групування: Організація"
out_has "uk heading: the area's name, not its identifier" "Відбір: напрям «професійний розвиток державних службовців»"
LANG=C run --format table report coverage --by region
out_has "C heading: the identifier" "By: region"

# 2. <html lang> follows the language of the messages
LANG=uk_UA.UTF-8 run --format html report coverage -o "$T/uk.html"
if grep -q '<html lang="uk">' "$T/uk.html"; then pass "uk html: lang=uk"; else
	head -3 "$T/uk.html" >"$OUT"; fail "uk html: lang=uk"; fi
LANG=C run --format html report coverage -o "$T/c.html"
if grep -q '<html lang="en">' "$T/c.html"; then pass "C html: lang=en"; else
	head -3 "$T/c.html" >"$OUT"; fail "C html: lang=en"; fi

# 3. the status listing's details and a refused removal, whole sentences
run status
out_has "uk status: an area's programmes with a status" "напрям civil_service: триває"
out_lacks "uk status: no English status" "civil_service active"
LANG=C run --format csv status
out_has "C csv status: the detail as an identifier" "programmes,civil_service active,1"
fails 4 "uk: an organisation referred to is kept" org remove NAU
err_has "uk: the record in the accusative" "не вдалося вилучити організацію «NAU»"
err_has "uk: counts with their plural forms" "0 осіб, 0 організацій, 2 програми"
db_is "the organisation still there" "SELECT count(*) FROM organisation WHERE code = 'NAU'" 1
fails 4 "uk: a person referred to is kept" person remove P4
err_has "uk: participation records in programmes" "запис про участь у 1 програмі"
LANG=C run person remove P4
if grep -q "1 participation record in 1 programme" "$ERR"; then
	pass "C: singular forms"; else fail "C: singular forms"; fi

fails 4 "uk: an unknown kind of organisation" org add X1 "Тестова установа" --kind foo \
	--region Київ
err_has "uk: the option's noun translated" "integra: вид організації: неприпустиме значення «foo»"

fails 1 "uk: a report to a missing directory" report coverage -o "$T/nowhere/x.csv"
err_has "uk: the failure to write, whole" "не вдалося записати «$T/nowhere/x.csv»: "
if grep -q "Nemaye\|No such file" "$ERR"; then fail "uk: the system's reason in Cyrillic"
else pass "uk: the system's reason in Cyrillic"; fi

fails 4 "uk: enrolled twice" enrol CS1 P1
err_has "uk: the participant's kind translated" "особа «P1» уже зарахована до програми «CS1»"
fails 2 "uk: missing arguments" org add X2
err_has "uk: the usage error whole" "бракує аргументів для «integra org add»; використання:"

# 4. the decree plugin's reasons, translated whole
before=$(snapshot)
fails 4 "uk: a rule that can never fire" decree duty add FEB "Звіт" \
	--rule "щороку 31.02" --basis "Указ Президента України № 307/2021" --recipient "КМУ"
err_has "uk: the reason in Ukrainian, the month named" \
	"--rule: правило повторення «щороку 31.02» ніколи не настане: немає 31-го числа у лютому"
fails 4 "uk: an unknown rule" decree duty add W "Звіт" --rule "щотижня 3" \
	--basis "Указ" --recipient "КМУ"
err_has "uk: the rules allowed" "невідоме правило повторення «щотижня 3» (допустимо:"
fails 4 "uk: an unknown term" programme add decree D9 "Доручення" --start 23.07.2021 \
	--field decree=307/2021 --field term="2 декади"
err_has "uk: the term's reason" "поле «term»: невідомий строк «2 декади» (допустимо: N днів"
same "uk: the refusals change nothing" "$(snapshot)" "$before"

# 6. help of the core commands in Ukrainian
for c in "org" "org add" "person" "participation set" "report" "import" "status" "deadlines" "nominate"; do
	# shellcheck disable=SC2086
	LANG=C "$BIN" help $c >"$T/help.c" 2>&1
	# shellcheck disable=SC2086
	run help $c
	if [ -s "$OUT" ] && ! cmp -s "$OUT" "$T/help.c" && grep -q '[А-Яа-яІіЇїЄєҐґ]' "$OUT"
	then pass "uk help $c: translated"; else fail "uk help $c: translated"; fi
done
run help report
out_has "uk help report: an option's help" "групувати за цим розрізом"
out_has "uk help report: option names as they are" "--by"

finish
