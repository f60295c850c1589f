#!/bin/sh
# The civil_service plugin end to end: programmes with credits bounded by
# kind and hours derived from them, completions with credits, and the
# three reports against hand-computed figures.
. "$(dirname "$0")/areas.sh"

ok "plugin listed" plugin list
out_has "civil_service is loaded" "civil_service"

ok "ministry" org add MIN "Міністерство оборони" --kind ministry --region Київ
ok "oblast administration" org add ODA "Львівська ОДА" --kind oblast-administration --region Львівська
ok "provider" org add VSPU "Вища школа публічного управління" --kind education-provider --region Київ
for p in "P1|Андрієнко Олена|MIN|civil-service|Б" "P2|Бондар Іван|MIN|civil-service|В" \
    "P3|Вакуленко Петро|MIN|civil-service|В" "P4|Ґудзь Ярина|MIN|civil-service|А" \
    "P5|Гнатюк Марія|ODA|local-self-government|" "P6|Дячук Ігор|ODA|civil-service|В" \
    "P7|Єременко Ліна|ODA|civil-service|Б" "P8|Жук Тарас|ODA|military|"; do
	IFS='|' read -r k n o s c <<EOP
$p
EOP
	if [ -n "$c" ]; then
		ok "person $k" person add "$k" "$n" --org "$o" --service "$s" --category "$c"
	else
		ok "person $k" person add "$k" "$n" --org "$o" --service "$s"
	fi
done

ok "professional programme" programme add civil_service CS1 "Євроатлантична інтеграція" \
    --owner VSPU --field kind=professional --field credits=2 --field format=blended \
    --field provider="Вища школа публічного управління" --field target_groups="категорії Б, В"
db_is "hours derived at 30 per credit" "SELECT json_extract(fields, '\$.hours') FROM programme WHERE code = 'CS1'" "60.0"
ok "short-term programme, decimal comma" programme add civil_service CS2 "НАТО: основи" \
    --field kind=short-term --field credits=0,5 --field format=online
db_is "short-term hours" "SELECT json_extract(fields, '\$.hours') FROM programme WHERE code = 'CS2'" "15.0"
ok "second professional programme" programme add civil_service CS3 "Стандарти НАТО" \
    --field kind=professional --field credits=3

before=$(snapshot)
fails 4 "professional with 1.5 credits refused" programme add civil_service X1 "Курс" \
    --field kind=professional --field credits=1.5
err_has "the error names field, value and range" "field 'credits' = 1.5 is out of range for kind 'professional' (allowed: 2 or more ECTS credits)"
fails 4 "short-term with 1.5 credits refused" programme add civil_service X2 "Курс" \
    --field kind=short-term --field credits=1.5
err_has "short-term range named" "(allowed: 0.2 to 1 ECTS credits)"
fails 4 "professional without credits refused" programme add civil_service X3 "Курс" --field kind=professional
err_has "credits required" "field 'credits' is required for kind 'professional'"
fails 4 "unknown kind refused" programme add civil_service X4 "Курс" --field kind=seminar --field credits=1
err_has "kinds listed" "(allowed: masters, qualification-upgrading, internship, self-education)"
fails 4 "unknown format refused" programme add civil_service X5 "Курс" --field kind=other --field format=postal
fails 4 "hours are derived, not typed" programme add civil_service X6 "Курс" --field kind=other --field hours=10
fails 4 "a field of another area refused" programme add civil_service X7 "Курс" --field kind=other --field headcount=5
err_has "the foreign field is named" "headcount"
fails 4 "a kind change that breaks the bounds is refused" programme set CS3 --field kind=short-term
same "failed commands changed nothing" "$(snapshot)" "$before"

ok "enrol into CS1" enrol CS1 P1 P2 P3 P6
ok "enrol into CS2" enrol CS2 P1 P5
ok "enrol into CS3" enrol CS3 P2
complete CS1 P1 2021-05-10
complete CS2 P1 02.11.2021 --field credits_earned=0.5
complete CS1 P2 2021-06-15 --field credits_earned=2 --field certificate=ВШПУ-2021-0002
complete CS3 P2 2021-12-20 --field credits_earned=2
complete CS2 P5 2022-01-15
ok "P3 only attended" participation set CS1 P3 --status enrolled
ok "P6 withdrew" participation set CS1 P6 --status withdrawn
before=$(snapshot)
fails 4 "more credits than the programme gives refused" participation set CS2 P5 --field credits_earned=0.75
err_has "the error names the programme's credits" "(allowed: 0 to 0.5 ECTS credits)"
fails 4 "negative credits refused" participation set CS1 P1 --field credits_earned=-1
same "nothing changed" "$(snapshot)" "$before"

report_is "coverage by organisation" '[.[] | [.org, .people, .completed, .share]]' \
    '[["ODA",3,1,33.3],["MIN",4,2,50]]' cs_coverage --by org
report_is "coverage as of the end of 2021" '[.[] | [.org, .completed, .share]]' \
    '[["ODA",0,0],["MIN",2,50]]' cs_coverage --by org --as-of 2021-12-31
report_is "coverage by region" '[.[] | [.region, .orgs, .people, .completed, .share]]' \
    '[["Київ",1,4,2,50],["Львівська",1,3,1,33.3]]' cs_coverage --by region
# The annual target is 1 ECTS credit unless configured (NADS guidance).
report_is "credits per person per year" '[.[] | [.person, .year, .credits, .target, .met]]' \
    '[["P1","2021",2.5,1,"yes"],["P2","2021",4,1,"yes"],["P5","2022",0.5,1,"no"]]' cs_credits
report_is "credits by organisation" '[.[] | [.org, .year, .people, .met, .avg_credits]]' \
    '[["MIN","2021",2,2,3.25],["ODA","2022",1,0,0.5]]' cs_credits --by org
report_is "completions by month" '[.[] | [.period, .completions, .credits]]' \
    '[["2021-05",1,2],["2021-06",1,2],["2021-11",1,0.5],["2021-12",1,2],["2022-01",1,0.5]]' cs_completions
report_is "completions by year" '[.[] | [.period, .completions, .people, .credits]]' \
    '[["2021",4,2,6.5],["2022",1,1,0.5]]' cs_completions --by year
report_is "completions within --from/--to" '[.[] | [.period, .completions]]' \
    '[["2021",2]]' cs_completions --by year --from 2021-06-01 --to 2021-12-01

# The configuration: 40 hours per credit, a target of 3 credits a year.
mkdir -p "$XDG_CONFIG_HOME/integra"
cat >"$XDG_CONFIG_HOME/integra/integra.cfg" <<EOC
plugins = { enabled = [ "civil_service", "exercises", "procurement", "decree" ]; };
civil_service = { hours_per_credit = 40; annual_credits_target = 3.0; };
EOC
ok "a programme under the new configuration" programme add civil_service CS4 "Кібербезпека" \
    --field kind=short-term --field credits=0.25
db_is "hours at 40 per credit" "SELECT json_extract(fields, '\$.hours') FROM programme WHERE code = 'CS4'" "10.0"
report_is "the configured target" '[.[] | [.person, .target, .met]]' \
    '[["P1",3,"no"],["P2",3,"yes"],["P5",3,"no"]]' cs_credits
cat >"$XDG_CONFIG_HOME/integra/integra.cfg" <<EOC
plugins = { enabled = [ "civil_service", "exercises", "procurement", "decree" ]; };
civil_service = { hours_per_credit = 0; };
EOC
run status
if [ "$RC" -ne 0 ] && grep -q "hours_per_credit" "$ERR"; then
	pass "hours_per_credit out of range refused"
else
	fail "hours_per_credit out of range refused"
fi
rm "$XDG_CONFIG_HOME/integra/integra.cfg"
finish
