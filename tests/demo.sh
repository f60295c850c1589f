#!/bin/sh
# `make demo`: loads a realistic demonstration into a fresh database under
# $BUILD/demo (never the user's own database), then prints the status, the
# deadlines (with recurring duties and remedial actions) and one report
# of each area.  Everything is deterministic: the
# organisations come from tests/fixtures/demo/orgs.txt, the people from an
# awk loop over Ukrainian surnames and first names, the rest is below.
# Public facts (Decree 307/2021, Rapid Trident and Sea Breeze 2021, Law
# 808-IX and Cabinet Resolutions No. 363 and No. 1275) are as published;
# people, headcounts, orders and completions are illustrative.
set -u
: "${BUILD:=build}"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
case $BUILD in /*) B=$BUILD ;; *) B="$ROOT/$BUILD" ;; esac
BIN="$B/integra"
DIR="$B/demo"
CFG="$DIR/integra.cfg"
FIX="$ROOT/tests/fixtures/demo"
ORG=--org	# how an organisation is named as a participant
export LC_ALL=C.UTF-8
unset INTEGRA_CONFIG

rm -rf "$DIR"
mkdir -p "$DIR"
cat >"$CFG" <<EOF
# Configuration of the demonstration (written by tests/demo.sh).
database = "$DIR/integra.db";
plugins = { dir = "$B/plugins";
            enabled = [ "civil_service", "exercises", "procurement", "decree",
                        "posts" ]; };
civil_service = { hours_per_credit = 30; annual_credits_target = 3.0; };
decree = { base_date = "2021-07-23"; };
EOF

# i ARGS...: runs integra quietly; stops the demo on the first failure.
i() {
	if ! "$BIN" -c "$CFG" "$@" >"$DIR/last.out" 2>"$DIR/last.err"; then
		echo "demo: 'integra $*' failed:" >&2
		cat "$DIR/last.err" >&2
		exit 1
	fi
}

# show TITLE ARGS...: runs integra and prints its output under a heading.
show() {
	title=$1; shift
	printf '\n== %s\n$ integra %s\n' "$title" "$*"
	if ! "$BIN" -c "$CFG" "$@"; then
		echo "demo: 'integra $*' failed" >&2
		exit 1
	fi
}

# Participation moves nominated -> enrolled -> attended -> completed.
complete() {
	prog=$1; who=$2; date=$3; shift 3
	i participation set "$prog" "$who" --status enrolled
	i participation set "$prog" "$who" --status attended
	i participation set "$prog" "$who" --status completed --date "$date" "$@"
}

echo "demo: database $DIR/integra.db"
i init

echo "demo: organisations"
grep -v '^#' "$FIX/orgs.txt" | while IFS='|' read -r code name kind region parent; do
	if [ -n "$parent" ]; then
		i org add "$code" "$name" --kind "$kind" --region "$region" --parent "$parent"
	else
		i org add "$code" "$name" --kind "$kind" --region "$region"
	fi
done || exit 1

echo "demo: the instructions of Decree No. 307/2021"
i decree load

# People: key|name|org|service|category|position, 320 of them.
awk 'BEGIN {
	ns = split("Коваленко Шевченко Бондаренко Ткаченко Кравченко Олійник Шевчук " \
	    "Поліщук Бойко Мельник Лисенко Марченко Руденко Савченко Петренко " \
	    "Кравчук Гнатюк Мороз Левченко Павленко Приходько Кушнір Зінченко " \
	    "Остапчук Ярошенко Ґонта Єременко Іваненко Їжакевич Гордієнко", sur, " ")
	nf = split("Олена Іван Марія Андрій Оксана Тарас Наталія Богдан Ірина Юрій " \
	    "Світлана Олег Ганна Дмитро Людмила Василь Катерина Сергій Тетяна Ярослав", fst, " ")
	nc = split("MOD MFA MIA MOJ MOE MOF MON MSI MDT NADS GOCEI NSDC KMDA LVODA " \
	    "ODODA KHODA DPODA VNODA VLODA ZTODA IFODA PLODA CHODA MKODA ZKODA", civ, " ")
	split("LVMR ODMR VNMR", loc, " ")
	split("NAVY IPSC A1001 A1002 A1003 A1004 A1005 A1006", unit, " ")
	split("солдат сержант лейтенант капітан майор", rank, " ")
	for (i = 1; i <= 320; i++) {
		name = sur[(i * 7) % ns + 1] " " fst[(i * 11 + int(i / 30) * 3) % nf + 1]
		if (i <= 250) {
			cat = i % 15 == 0 ? "А" : i % 3 == 0 ? "Б" : "В"
			pos = cat == "А" ? "заступник керівника" : cat == "Б" ? \
			    "начальник відділу" : "головний спеціаліст"
			printf "HR%05d|%s|%s|civil-service|%s|%s\n", i, name, civ[(i - 1) % nc + 1], cat, pos
		} else if (i <= 280) {
			printf "HR%05d|%s|%s|local-self-government||спеціаліст\n", i, name, loc[(i - 251) % 3 + 1]
		} else {
			printf "HR%05d|%s|%s|military|%s|військовослужбовець\n", i, name,
			    unit[(i - 281) % 8 + 1], rank[(i - 281) % 5 + 1]
		}
	}
}' >"$DIR/people.txt"
echo "demo: $(wc -l <"$DIR/people.txt") people"
while IFS='|' read -r key name org service cat pos; do
	if [ -n "$cat" ]; then
		i person add "$key" "$name" --org "$org" --service "$service" --category "$cat" --position "$pos"
	else
		i person add "$key" "$name" --org "$org" --service "$service" --position "$pos"
	fi
done <"$DIR/people.txt" || exit 1

echo "demo: civil-service training"
i programme add civil_service CS-PRO-EAI "Євроатлантична інтеграція: професійна програма" \
    --owner VSPU --start 2021-09-01 --end 2021-12-15 --field kind=professional \
    --field credits=3 --field format=blended --field provider="Вища школа публічного управління" \
    --field target_groups="державні службовці категорій Б і В"
i programme add civil_service CS-ST-NATO "НАТО і Україна: короткострокова програма" \
    --owner USG --start 2021-10-04 --end 2021-10-08 --field kind=short-term \
    --field credits=0.5 --field format=online --field provider="Українська школа урядування"
i programme add civil_service CS-ST-STD "Стандарти НАТО в публічному управлінні" \
    --owner VSPU --start 2022-02-07 --end 2022-02-11 --field kind=short-term \
    --field credits=1 --field format=in-person --field provider="Вища школа публічного управління"
i programme add civil_service CS-PRO-LSG "Євроатлантична інтеграція для органів місцевого самоврядування" \
    --owner USG --start 2022-03-01 --end 2022-06-10 --field kind=professional \
    --field credits=2 --field format=blended --field provider="Українська школа урядування" \
    --field target_groups="посадові особи місцевого самоврядування"

# Who takes which programme: a deterministic rule on the HR number.
# prog|end|credits|rule over n (the number), one line per programme.
cat >"$DIR/cs.txt" <<'EOF'
CS-PRO-EAI|2021-12-15|3|n <= 250 && n % 3 == 0
CS-ST-NATO|2021-10-08|0.5|n <= 250 && n % 2 == 0
CS-ST-STD|2022-02-11|1|n <= 250 && n % 5 == 0
CS-PRO-LSG|2022-06-10|2|n > 250 && n <= 280
EOF
while IFS='|' read -r prog end credits rule; do
	keys=$(awk -F'|' "{ n = substr(\$1, 3) + 0; if ($rule) print \$1 }" "$DIR/people.txt")
	# shellcheck disable=SC2086
	i enrol "$prog" $keys
	for k in $keys; do
		n=$(( $(echo "$k" | sed 's/^HR0*//') ))
		if [ $((n % 7)) -eq 0 ]; then
			i participation set "$prog" "$k" --status enrolled
		else
			complete "$prog" "$k" "$end" --field credits_earned="$credits" \
			    --field certificate="$prog-$k"
		fi
	done
done <"$DIR/cs.txt" || exit 1

echo "demo: NATO exercises"
i programme add exercises RT21 "Rapid Trident 2021" --owner MOD --start 2021-09-20 \
    --end 2021-10-01 --field kind=exercise --field type=FTX --field lead=multinational \
    --field host_nation=Україна --field domain=land --field nations=15 --field troops=6000 \
    --field location="Міжнародний центр миротворчості та безпеки, Яворів, Львівська область" \
    --field source="public reports, September 2021: about 6,000 troops from 15 nations"
i programme add exercises SB21 "Sea Breeze 2021" --owner MOD --start 2021-06-28 \
    --end 2021-07-10 --field kind=exercise --field type=LIVEX --field lead=multinational \
    --field host_nation="Україна; США (6-й флот)" --field domain=maritime --field nations=32 \
    --field troops=5000 --field ships=32 --field aircraft=40 --field location="Одеська область" \
    --field source="co-hosts' announcements, June 2021: 32 countries, about 5,000 troops, 32 ships, 40 aircraft"
i programme add exercises STAFF22 "Курс штабних процедур НАТО (приклад)" --owner MOD \
    --start 2022-04-04 --end 2022-04-15 --field kind=training --field type=CAX \
    --field lead=NATO --field domain=joint --field source="demo data"
i enrol RT21 IPSC $ORG --role host
i enrol RT21 A1001 A1002 A1003 $ORG --role participant
i enrol SB21 NAVY $ORG --role host
i enrol SB21 A1004 A1005 $ORG --role participant
i enrol STAFF22 A1001 A1006 $ORG --role participant
for x in RT21:IPSC:300 RT21:A1001:400 RT21:A1002:250 RT21:A1003:350 SB21:NAVY:800 \
    SB21:A1004:150 SB21:A1005:200 STAFF22:A1001:60 STAFF22:A1006:40; do
	IFS=: read -r prog unit n <<EOF
$x
EOF
	i participation set "$prog" "$unit" $ORG --field headcount="$n"
done
i enrol RT21 HR00281 HR00284 --role staff
i enrol SB21 HR00282 --role observer
# Rapid Trident 2021 through NATO's exercise process, its objectives assessed
# and its observations through the lessons-learned workflow.
i exercises stage set RT21 initiation --on 2021-01-15
i exercises stage set RT21 planning --on 2021-05-10
i exercises stage set RT21 conduct --on 2021-09-20
i exercises stage set RT21 after-action --on 2021-10-02
i exercises objective add RT21 TO-1 "Планування спільної операції багатонаціональним штабом"
i exercises objective add RT21 TO-2 "Взаємодія підрозділів за стандартами НАТО"
i exercises objective set RT21 TO-1 achieved --on 2021-10-05
i exercises objective set RT21 TO-2 partly --on 2021-10-05
i exercises lesson submit RT21 "Спільне планування зі штабами союзників починати за три місяці" --on 2021-10-01
i exercises lesson submit SB21 "Потрібно більше перекладачів на кораблях" --on 2021-07-12
i exercises lesson submit RT21 "Забагато паперових звітів" --on 2021-10-01
i exercises lesson validate 1 --on 2021-10-05
i exercises lesson identify 1 --action "Внести строки спільного планування до наказу про навчання" \
    --body MOD --due 2021-12-01 --on 2021-10-10
i exercises lesson validate 2 --on 2021-07-20
i exercises lesson identify 2 --action "Підготувати перекладачів для екіпажів" --body NAVY \
    --due 2022-03-01 --on 2021-07-25
i exercises lesson learn 2 --on 2022-02-15
i exercises lesson reject 3 "Не підтверджено іншими учасниками" --on 2021-10-05

echo "demo: acts of the defence-procurement law"
i programme add procurement R363 "Постанова КМУ № 363 від 3 березня 2021 р. (оборонні закупівлі)" \
    --owner CMU --field act_type=cabinet-resolution --field stage=in-force \
    --field adopted_ref="№ 363" --field adopted_date=2021-03-03
i programme add procurement R1275 "Постанова КМУ № 1275 від 11 листопада 2022 р. (зміни до № 363)" \
    --owner CMU --field act_type=cabinet-resolution --field stage=in-force \
    --field adopted_ref="№ 1275" --field adopted_date=2022-11-11 --field amends=R363
i programme set R363 --field stage=amended
i programme add procurement MO-PLAN "Наказ: порядок планування оборонних закупівель (приклад)" \
    --owner MOD --due 2021-06-30 --field act_type=ministry-order
i programme set MO-PLAN --field stage=public-consultation
i programme add procurement MO-REP "Наказ: звітність про оборонні закупівлі (приклад)" \
    --owner MSI --due 2022-03-31 --field act_type=ministry-order --field stage=approval
i programme add procurement LA-1 "Зміни до закону про оборонні закупівлі (приклад)" \
    --owner MOE --due 2021-12-31 --field act_type=law-amendment
i enrol MO-PLAN MOD $ORG --role lead
i enrol MO-PLAN MOE $ORG --role co-executor
i enrol MO-PLAN MOJ $ORG --role approver
i enrol MO-REP MSI $ORG --role lead

echo "demo: posts at NATO bodies"
# post CODE TITLE BODY GRADE KIND CLEARANCE START: a post of Ukraine's.
post() {
	i programme add posts "$1" "$2" --owner MOD --start "$7" --field body="$3" \
	    --field post_code="$1" --field grade="$4" --field kind="$5" --field clearance="$6"
}
post SHAPE-J5-0123 "Штабний офіцер відділу J5" SHAPE OF-4 military NS 2021-08-01
post JFCB-L-0007 "Офіцер зв'язку" "JFC Brunssum" OF-3 military NS 2022-01-01
post NCIA-C-0077 "Інженер з кібербезпеки" NCIA A3 civilian NC 2022-03-01
post NRU-0012 "Радник з питань реформ" "NATO Representation to Ukraine" A2 civilian NR 2021-09-01
i enrol SHAPE-J5-0123 HR00284 --status enrolled --field clearance=CTS
i participation set SHAPE-J5-0123 HR00284 --start 2021-08-01 --end 2024-07-31
i enrol NRU-0012 HR00002 --status enrolled --field clearance=NC

echo "demo: nominations with quotas and approval"
i programme add exercises NSC21 "Курс НАТО для старших офіцерів (приклад)" --owner MOD \
    --start 2021-11-01 --field kind=training --field source="план навчання (приклад)"
i seats set NSC21 --capacity 4 --approval yes
i seats quota NSC21 MOD 2
i seats quota NSC21 MFA 1
i nominate NSC21 HR00001 HR00026
i nominate NSC21 HR00027
i approve NSC21 HR00001
i admit NSC21 HR00001
i reject NSC21 HR00026 --reason "немає мовного сертифіката SLP 3332"

echo "demo: progress on the decree"
i programme set 307/2021/CMU-4 --status active
i programme set 307/2021/CMU-4 --status completed --end 2022-01-20

echo "demo: recurring reporting duties"
i decree duty add ANP-Q "Звіт про виконання Річної національної програми під егідою Комісії Україна — НАТО" \
    --rule "quarterly 25" --basis "Указ Президента України № 307/2021" \
    --recipient "Кабінет Міністрів України" --owner MOD --from 2021-07-23
i decree duty add NOTE "Аналітична записка про стан євроатлантичної інтеграції" \
    --rule "yearly 15.09" --basis "Указ Президента України № 307/2021" \
    --recipient "Офіс Президента України" --owner GOCEI --from 2021-07-23
i decree duty add NEEDS "Узагальнені потреби у професійному навчанні державних службовців" \
    --rule "yearly 01.02" --basis "Порядок професійного навчання державних службовців" \
    --recipient "Національне агентство України з питань державної служби" --owner MOD \
    --from 2021-07-23
i decree duty done NOTE 2021-09-15 --on 2021-09-14
i decree duty done ANP-Q 2021-09-25 --on 2021-09-28

show "What the database holds" status
show "Late on 1 October 2021, across all areas" deadlines --overdue --as-of 2021-10-01
show "Civil service: coverage by region" report cs_coverage --by region
show "Exercises by year and domain" report ex_by_year
show "Defence procurement: adoption by responsible body" report pr_progress --as-of 2022-01-01
show "Decree No. 307/2021 as of 1 October 2021" report dc_execution --as-of 2021-10-01
show "Lessons learned" exercises lesson list
show "Exercises: stages, objectives, lessons as of 1 January 2022" report ex_learning --as-of 2022-01-01
show "Deadlines on 1 January 2022: instructions, recurring duties, remedial actions" \
    deadlines --as-of 2022-01-01
show "Recurring reporting duties as of 1 January 2022" report dc_duties --as-of 2022-01-01
show "Posts at NATO bodies on 1 January 2023" report posts_filled --as-of 2023-01-01
show "Nominations: seats used per organisation" seats list
printf '\ndemo: done; try  %s -c %s report list\n' "$BIN" "$CFG"
