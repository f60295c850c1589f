#!/bin/sh
# Recurring reporting duties of the decree plugin: the three duties of the
# issue (quarterly reports on the Annual National Programme by the 25th of
# each quarter's last month, the analytical note by 15 September, the
# training-needs summary by 1 February), their occurrences marked done,
# `integra deadlines` showing each one's next occurrence beside the
# decree's instructions, the dc_duties report, and every refusal (31
# February among them) changing nothing.  `deadlines` lists every
# occurrence late and each duty's next one.
. "$(dirname "$0")/areas.sh"

ok "the decree's instructions" decree load
ok "quarterly reports on the ANP" decree duty add ANP-Q \
    "Звіт про виконання Річної національної програми під егідою Комісії Україна — НАТО" \
    --rule "quarterly 25" --basis "Указ Президента України № 307/2021" \
    --recipient "Кабінет Міністрів України" --owner MOD --from 23.07.2021
ok "the annual analytical note" decree duty add NOTE "Аналітична записка" \
    --rule "yearly 15.09" --basis "Указ Президента України № 307/2021" \
    --recipient "Офіс Президента України" --owner CMU --from 2021-07-23
ok "the training-needs summary, rule in Ukrainian" decree duty add NEEDS \
    "Узагальнені потреби у професійному навчанні" --rule "щороку 01.02" \
    --basis "Постанова КМУ № 106" --recipient "НАДС" --from=2021-07-23
db_is "three duties, rules stored" "SELECT group_concat(code || ':' || months || ':' || day || ':' || start, ' ') FROM decree_duty" \
    "ANP-Q:2340:25:2021-07-23 NOTE:256:15:2021-07-23 NEEDS:2:1:2021-07-23"
db_is "the adds are audited" "SELECT count(*) FROM audit WHERE entity = 'decree_duty'" "3"

# As of 1 October 2021: ANP-Q due 25.09 is late, NOTE due 15.09 is late.
ok "deadlines as of 1 October 2021" --format json deadlines --as-of 2021-10-01
json_is "duties beside the instructions: each late occurrence and each duty's next one" \
    '[.[] | select(.area == "decree" and (.code | startswith("307/") | not)) | [.code, .owner, .due, .days_late, .status]]' \
    '[["NOTE","CMU","2021-09-15",16,"overdue"],["ANP-Q","MOD","2021-09-25",6,"overdue"],["ANP-Q","MOD","2021-12-25",null,"due"],["NEEDS",null,"2022-02-01",null,"due"],["NOTE","CMU","2022-09-15",null,"due"]]'
json_is "and the instructions still there" '[.[] | select(.code == "307/2021/CMU-1") | .days_late]' '[8]'

ok "ANP report for Q3 done late, on 28.09" decree duty done ANP-Q --on 28.09.2021
db_is "the earliest outstanding one was marked" "SELECT due || ' ' || done FROM decree_duty_done" "2021-09-25 2021-09-28"
ok "the note done by its day" decree duty done NOTE 2021-09-15 --on 2021-09-14
ok "deadlines again" --format json deadlines --overdue --as-of 2021-10-01
json_is "no duty is late now" '[.[] | select(.code | startswith("307/") | not)]' '[]'
ok "deadlines within 90 days" --format json deadlines --within 90 --as-of 2021-10-01
json_is "the next occurrences" '[.[] | select(.code | startswith("307/") | not) | [.code, .due, .status]]' \
    '[["ANP-Q","2021-12-25","due"]]'
report_is "as of 20 September, the Q3 report was not yet done" \
    '[.[] | select(.code == "ANP-Q") | [.due, .status]]' '[["2021-09-25","due"]]' deadlines --as-of 2021-09-20

report_is "dc_duties: done, done late, next" \
    '[.[] | [.duty, .last_due, .last_done, .last_status, .next_due, .status, .days_late]]' \
    '[["ANP-Q","2021-09-25","2021-09-28","done late","2021-12-25","due",null],["NEEDS",null,null,null,"2022-02-01","due",null],["NOTE","2021-09-15","2021-09-14","done","2022-09-15","due",null]]' \
    dc_duties --as-of 2021-10-01
report_is "dc_duties as of 1 March 2022: the summary late" \
    '[.[] | select(.duty == "NEEDS") | [.last_due, .last_status, .late, .oldest_late, .next_due, .status, .days_late]]' \
    '[["2022-02-01","late",1,"2022-02-01","2023-02-01","overdue",28]]' dc_duties --as-of 2022-03-01
report_is "two quarters missed: both late in the deadlines" \
    '[.[] | select(.code == "ANP-Q") | [.due, .days_late, .status]]' \
    '[["2021-12-25",97,"overdue"],["2022-03-25",7,"overdue"],["2022-06-25",null,"due"]]' deadlines --as-of 2022-04-01
report_is "and counted in dc_duties" '[.[] | select(.duty == "ANP-Q") | [.late, .oldest_late, .days_late, .next_due]]' \
    '[[2,"2021-12-25",97,"2022-06-25"]]' dc_duties --as-of 2022-04-01
ok "duty list" --format json decree duty list --as-of 2021-10-01
json_is "lists the three duties" '[.[] | .duty]' '["ANP-Q","NEEDS","NOTE"]'

before=$(snapshot)
fails 4 "a rule that can never fire" decree duty add FEB "Звіт" --rule "yearly 31.02" \
    --basis "Указ" --recipient "КМУ"
err_has "one line naming the rule and the month" \
    "integra: --rule: recurrence 'yearly 31.02' can never fall due: there is no day 31 in February"
fails 4 "a rule that skips months" decree duty add M31 "Звіт" --rule "monthly 31" \
    --basis "Указ" --recipient "КМУ"
err_has "names the month" "there is no day 31 in February"
fails 4 "an unknown rule" decree duty add W "Звіт" --rule "weekly 3" --basis "Указ" --recipient "КМУ"
err_has "lists the rules" "allowed: yearly DD.MM, quarterly DD, monthly DD"
fails 2 "no rule" decree duty add X "Звіт" --basis "Указ" --recipient "КМУ"
fails 4 "no recipient" decree duty add X "Звіт" --rule "yearly 01.02" --basis "Указ"
err_has "names it" "the duty's --recipient must not be empty"
fails 4 "an empty basis" decree duty add X "Звіт" --rule "yearly 01.02" --basis " " --recipient "КМУ"
fails 3 "an unknown owner" decree duty add X "Звіт" --rule "yearly 01.02" --basis "Указ" \
    --recipient "КМУ" --owner NOPE
err_has "names the organisation" "no organisation 'NOPE'"
fails 4 "a duty code taken" decree duty add NOTE "Звіт" --rule "yearly 01.02" --basis "Указ" --recipient "КМУ"
fails 4 "a bad start date" decree duty add X "Звіт" --rule "yearly 01.02" --basis "Указ" \
    --recipient "КМУ" --from 30.02.2021
fails 4 "a day the duty does not fall due" decree duty done ANP-Q 2021-10-25
err_has "names the next one" "duty 'ANP-Q' does not fall due on 2021-10-25 (its next outstanding occurrence: "
fails 4 "an occurrence before the duty began" decree duty done ANP-Q 2021-06-25
fails 4 "an occurrence done twice" decree duty done ANP-Q 2021-09-25
fails 3 "an unknown duty" decree duty done NOPE
fails 2 "an unknown verb" decree duty remove NOTE
fails 2 "no verb" decree duty
fails 2 "an unknown option" decree duty done NOTE --at 2021-01-01
fails 2 "an option without a value" decree duty list --as-of
same "nothing changed" "$(snapshot)" "$before"
finish
