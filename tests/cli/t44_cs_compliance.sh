#!/bin/sh
# civil_service: annual compliance and the needs summary against the
# hand-computed figures of cs_seed.sh (everyone in scope counted, those
# with nothing too; self-education capped with a warning; local
# self-government officials apart), the one credits figure in person show
# and the reports alike, and the refusals of bad plan items.
. "$(dirname "$0")/areas.sh"
. "$(dirname "$0")/cs_seed.sh"

report_is "compliance per person, 2025" \
    '[.[] | [.person, .service, .category, .planned, .earned, .self_education, .counted, .target, .met]]' \
    '[["A1","civil-service","Б",3,2,0,2,1,"yes"],["A2","civil-service","В",1,0.5,0,0.5,1,"no"],["A3","civil-service","В",2,0,0,0,1,"no"],["A4","civil-service","А",0,1.5,1,1.25,1,"yes"],["A5","civil-service","Б",1,0,0,0,1,"no"],["L1","local-self-government",null,1,1.5,0,1.5,1,"yes"],["L2","local-self-government",null,0,0,0,0,1,"no"]]' \
    cs_compliance --as-of 2025-12-31
json_is "the self-education cap is a warning, not a refusal" \
    '[.[] | select(.warning != null) | [.person, .warning]]' \
    '[["A4","self-education-over-cap"]]'
json_is "the officer is out of scope" '[.[] | select(.person == "M1")] | length' '0'
LC_ALL=uk_UA.UTF-8 run --format table report cs_compliance --as-of 2025-12-31
out_has "uk table: the warning named (t34's gap 5)" "самоосвіта понад допустиму частку кредитів"
LC_ALL=uk_UA.UTF-8 run --format csv report cs_compliance --as-of 2025-12-31
out_has "uk csv: the warning's identifier" ",self-education-over-cap"
report_is "compliance by organisation, local self-government apart" \
    '[.[] | [.org, .service, .people, .met_count, .share, .planned, .counted]]' \
    '[["RNBO","civil-service",5,2,40,7,3.75],["LMR","local-self-government",2,1,50,1,1.5]]' \
    cs_compliance --by org --as-of 2025-12-31
report_is "compliance by category" \
    '[.[] | [.service, .category, .people, .met_count, .share, .planned, .counted]]' \
    '[["civil-service","А",1,1,100,0,1.25],["civil-service","Б",2,1,50,4,2],["civil-service","В",2,0,0,3,0.5],["local-self-government","-",2,1,50,1,1.5]]' \
    cs_compliance --by category --as-of 2025-12-31
report_is "compliance by region" '[.[] | [.region, .service, .orgs, .people, .met_count]]' \
    '[["Київ","civil-service",1,5,2],["Львівська","local-self-government",1,2,1]]' \
    cs_compliance --by region --as-of 2025-12-31
report_is "compliance by service" '[.[] | [.service, .year, .people, .met_count, .share]]' \
    '[["civil-service","2025",5,2,40],["local-self-government","2025",2,1,50]]' \
    cs_compliance --by service --as-of 2025-12-31
report_is "2024: only A5 met, everyone counted" '[.[] | [.year, .people, .met_count]]' \
    '[["2024",5,1],["2024",2,0]]' cs_compliance --by service --to 2024-12-31
run --format csv report cs_compliance --by service --as-of 2025-12-31
out_has "every format: CSV" "civil-service,2025,5,2,40"

# The configured target and cap.
mkdir -p "$XDG_CONFIG_HOME/integra"
cat >"$XDG_CONFIG_HOME/integra/integra.cfg" <<EOC
civil_service = { annual_credits_target = 1.5; self_education_cap = 100.0; };
EOC
report_is "target 1.5, no cap" '[.[] | select(.service == "civil-service") | [.person, .counted, .target, .met, .warning]]' \
    '[["A1",2,1.5,"yes",null],["A2",0.5,1.5,"no",null],["A3",0,1.5,"no",null],["A4",1.5,1.5,"yes",null],["A5",0,1.5,"no",null]]' \
    cs_compliance --as-of 2025-12-31
cat >"$XDG_CONFIG_HOME/integra/integra.cfg" <<EOC
civil_service = { lengths = "professional 2-, short-term 0.2-1, long 5"; };
EOC
run status
err_has "a malformed list is refused with its key" "civil_service.lengths: entry 'long 5' is not NAME or NAME LOW-HIGH"
run report cs_compliance
if [ "$RC" -eq 2 ] && grep -q "unknown report 'cs_compliance'" "$ERR"; then
	pass "and the plugin's reports are not there"
else
	fail "and the plugin's reports are not there"
fi
rm "$XDG_CONFIG_HOME/integra/integra.cfg"

# One credits figure: person show and the reports read the same.
ok "person show A4" --format json person show A4
json_is "person show: A4's credits (all years, uncapped)" '.[0].credits' '1.5'
ok "person show A5" --format json person show A5
json_is "person show: A5's credits of 2024" '.[0].credits' '2'
report_is "cs_credits agrees" '[.[] | select(.person == "A5" or .person == "A4") | [.person, .year, .credits]]' \
    '[["A5","2024",2],["A4","2025",1.5]]' cs_credits

# The needs of categories Б and В from the plans.
report_is "needs by topic" '[.[] | [.topic, .people, .items, .planned]]' \
    '[["Англійська мова",2,2,2],["Євроатлантична інтеграція",1,1,2],["Кібербезпека",1,1,2],["Основи НАТО",1,1,0.5],["Стратегічні комунікації",1,1,0.5]]' \
    cs_needs --as-of 2025-12-31
report_is "needs by category" '[.[] | [.category, .people, .topics, .items, .planned]]' \
    '[["Б",2,2,3,4],["В",2,3,3,3]]' cs_needs --by category --as-of 2025-12-31
report_is "needs by kind" '[.[] | [.kind, .people, .items, .planned]]' \
    '[["qualification-upgrading",4,6,7]]' cs_needs --by kind --as-of 2025-12-31

# Plans: show, close, and what is refused.
ok "plan show" --format json civil_service plan show A1 2025
json_is "A1's items with what was earned" '[.[] | [.item, .topic, .programme, .planned, .earned, .status]]' \
    '[[1,"Євроатлантична інтеграція","CS1",2,2,"planned"],[2,"Англійська мова",null,1,0,"planned"]]'
ok "plan close" civil_service plan close A1 2025 1 --status done --date 12.03.2025
db_is "closed with its date" "SELECT status, status_date FROM civil_service_plan WHERE item = 1 AND person_id = (SELECT id FROM person WHERE key = 'A1')" "done|2025-03-12"
ok "a dropped item" civil_service plan close A3 2025 1 --status not-done
report_is "a not-done item is no longer planned" '[.[] | select(.person == "A3") | .planned]' \
    '[0]' cs_compliance --as-of 2025-12-31
before=$(snapshot)
fails 4 "plan credits outside the length's bounds" civil_service plan add A2 2025 \
    --topic "НАТО" --kind qualification-upgrading --length short-term --credits 1.5
err_has "the bounds named" "planned credits = 1.5 is out of range for length 'short-term' (allowed: 0.2 to 1 ECTS credits)"
fails 4 "a plan for an officer" civil_service plan add M1 2025 --topic "НАТО" \
    --kind internship --credits 1
err_has "the service named" "person 'M1' is in service 'military', not in the civil or local self-government service"
fails 4 "an unknown kind" civil_service plan add A2 2025 --topic "НАТО" --kind seminar --credits 1
fails 4 "qualification upgrading without a length" civil_service plan add A2 2025 \
    --topic "НАТО" --kind qualification-upgrading --credits 1
fails 3 "a programme of another area or none" civil_service plan add A2 2025 --programme NOPE
fails 2 "a year out of range" civil_service plan add A2 1999 --programme CS2
fails 2 "both a programme and a topic" civil_service plan add A2 2025 --programme CS2 --topic X
fails 3 "closing an item twice" civil_service plan close A1 2025 1 --status done
fails 4 "closing with a bad status" civil_service plan close A1 2025 2 --status finished
fails 3 "no such person" civil_service plan show NOBODY
same "refused plan commands changed nothing" "$(snapshot)" "$before"

# Import of plans from CSV: all rows or none.
cat >"$T/plans.csv" <<EOC
person,year,programme,topic,kind,length,content,credits
A4,2025,,Протокол і етикет,internship,,,1
A4,2025,CS2,,,,,
EOC
ok "plans imported" civil_service plan import "$T/plans.csv"
# credits in tenths: the shells print a real differently (1.0 and 1)
db_is "two items for A4" "SELECT group_concat(CAST(item AS TEXT) || ':' || topic || ':' || CAST(CAST(round(credits * 10) AS INTEGER) AS TEXT), ';') FROM (SELECT * FROM civil_service_plan WHERE person_id = (SELECT id FROM person WHERE key = 'A4') ORDER BY item) AS i" "1:Протокол і етикет:10;2:Основи НАТО:5"
cat >"$T/bad.csv" <<EOC
person,year,topic,kind,length,credits
L2,2025,Бюджетний процес,qualification-upgrading,short-term,1
L2,2025,Бюджетний процес,qualification-upgrading,short-term,3
EOC
before=$(snapshot)
fails 4 "a bad row refuses the file" civil_service plan import "$T/bad.csv"
err_has "the line is named" "bad.csv: line 3: "
same "nothing of the file was kept" "$(snapshot)" "$before"
printf 'person,year,colour\nL2,2025,red\n' >"$T/cols.csv"
fails 4 "an unknown column" civil_service plan import "$T/cols.csv"
err_has "the column named" "unknown column 'colour'"
finish
