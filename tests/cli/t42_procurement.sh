#!/bin/sh
# The procurement plugin end to end: the acts of Law No. 808-IX with
# stages moving only forward, lineage of amendments, and the three reports
# against hand-computed figures.
. "$(dirname "$0")/areas.sh"

ok "Cabinet" org add CMU "Кабінет Міністрів України" --kind government --region Київ
ok "MoD" org add MOD "Міністерство оборони України" --kind ministry --region Київ
ok "MoE" org add MOE "Міністерство економіки України" --kind ministry --region Київ

ok "Resolution No. 363" programme add procurement R363 "Особливості оборонних закупівель" \
    --owner CMU --due 2021-03-01 --field act_type=cabinet-resolution --field stage=in-force \
    --field adopted_ref="No. 363" --field adopted_date=03.03.2021
db_is "the law defaults to 808-IX" "SELECT json_extract(fields, '\$.law') FROM programme WHERE code = 'R363'" "808-IX"
ok "Resolution No. 1275 amends it" programme add procurement R1275 "Зміни до постанови № 363" \
    --owner CMU --field act_type=cabinet-resolution --field stage=adopted \
    --field adopted_ref="No. 1275" --field adopted_date=2022-11-11 --field amends=R363
ok "a ministry order" programme add procurement O1 "Порядок планування" --owner MOD \
    --due 2021-06-01 --field act_type=ministry-order --field article="ст. 11"
db_is "a new act is drafting" "SELECT json_extract(fields, '\$.stage') FROM programme WHERE code = 'O1'" "drafting"
ok "a second order" programme add procurement O2 "Порядок звітування" --owner MOD \
    --due 2022-01-01 --field act_type=ministry-order --field stage=approval
ok "a cancelled order" programme add procurement O3 "Скасований наказ" --owner MOE \
    --due 2021-09-01 --field act_type=ministry-order --field stage=cancelled
ok "a suspension of 1275" programme add procurement S1 "Зупинення дії" --owner CMU \
    --field act_type=cabinet-resolution --field stage=adopted --field adopted_date=2023-01-01 \
    --field amends=R1275 --field effect=suspends
ok "MoE leads the second order" enrol O2 MOE $ORG --role lead
ok "MoD co-executes it" enrol O2 MOD $ORG --role co-executor

ok "forward: drafting to public consultation" programme set O1 --field stage=public-consultation
ok "forward: to state registration (a ministry order)" programme set O1 --field stage=state-registration
before=$(snapshot)
fails 4 "a stage moving backwards refused" programme set O2 --field stage=drafting
err_has "names the move and the allowed stages" "field 'stage' cannot move back from 'approval' to 'drafting' (allowed: approval, state-registration, adopted, in-force, amended, suspended, cancelled)"
fails 4 "a cancelled act stays cancelled" programme set O3 --field stage=in-force
fails 4 "a resolution is not state-registered" programme set R1275 --field stage=state-registration
fails 4 "an unknown stage refused" programme set O2 --field stage=signed
fails 4 "an unknown act type refused" programme add procurement X1 "Акт" --field act_type=decree
fails 4 "an act cannot amend itself" programme set R363 --field amends=R363
fails 4 "an amendment loop refused" programme set R363 --field amends=S1
refused "amends of an unknown act refused" programme set O2 --field amends=NOPE
fails 4 "an unknown role refused" enrol O1 MOE $ORG --role boss
same "nothing changed" "$(snapshot)" "$before"
ok "amended is reachable from in force" programme set R363 --field stage=amended
report_is "progress by body as of 1 October 2021" \
    '[.[] | [.body, .acts, .adopted, .in_force, .overdue]]' \
    '[["CMU",3,1,1,0],["MOE",1,0,0,0],["MOD",1,0,0,1]]' pr_progress --as-of 2021-10-01
report_is "progress by body as of 1 June 2023" \
    '[.[] | [.body, .acts, .adopted, .in_force, .overdue]]' \
    '[["CMU",3,3,1,0],["MOE",1,0,0,1],["MOD",1,0,0,1]]' pr_progress --by body --as-of 2023-06-01
report_is "progress by act type" '[.[] | [.act_type, .acts, .adopted, .overdue]]' \
    '[["cabinet-resolution",3,1,0],["ministry-order",2,0,1]]' pr_progress --by act_type --as-of 2021-10-01
report_is "overdue acts" '[.[] | [.act, .responsible, .stage, .due, .days_late]]' \
    '[["O1","MOD","state-registration","2021-06-01",122]]' pr_overdue --as-of 2021-10-01
report_is "overdue acts later" '[.[] | [.act, .responsible, .days_late]]' \
    '[["O1","MOD",215],["O2","MOE",1]]' pr_overdue --as-of 2022-01-02
report_is "lineage of Resolution 363" '[.[] | [.act, .level, .by_act, .effect, .of_act]]' \
    '[["R363",1,"R1275","amends","R363"],["R363",2,"S1","suspends","R1275"]]' pr_lineage
finish
