#!/bin/sh
# Nominations with quotas and approval, in the core: `seats set` (capacity,
# approval) and `seats quota`; `nominate` within the quota of the
# nominating organisation (in the activity, then the programme) and the
# programme's capacity; `approve`, `admit`, `reject --reason`, each
# recording the operating-system user and the time; the open nominations
# and the seats used per organisation; the audit log.  Every refusal is one
# line and changes nothing.
. "$(dirname "$0")/lib.sh"

ok "init" init
ok "ministry" org add MOD "Міністерство оборони України" --kind ministry
ok "agency" org add NADS "Національне агентство України з питань державної служби" --kind agency
ok "foreign ministry" org add MFA "Міністерство закордонних справ України" --kind ministry
ok "p1" person add p1 "Коваленко Іван Петрович" --org MOD
ok "p2" person add p2 "Шевченко Олена Василівна" --org MOD
ok "p3" person add p3 "Бойко Петро Іванович" --org MOD
ok "p4" person add p4 "Мельник Ганна Олегівна" --org MFA
ok "p5" person add p5 "Ткаченко Юрій Миколайович" --org NADS
ok "p6 has no organisation" person add p6 "Олійник Марія Степанівна"
ok "a course" programme add civil_service NDC-SC-2026 "Старший курс, Коледж оборони НАТО (Рим)" -f kind=other \
    --start 23.07.2026 --end 18.12.2026
ok "its session" activity add NDC-SC-2026 S1 "Перша сесія" --capacity 5
ok "a second course" programme add civil_service ETOC-7 "Курс ETOC 7" -f kind=other --start 2026-09-01

# Seats: capacity, approval, quotas.
ok "capacity and approval" seats set NDC-SC-2026 --capacity 4 --approval yes
db_is "stored" "SELECT capacity, approval FROM seat_plan" "4|1"
ok "approval alone keeps the capacity" seats set NDC-SC-2026 --approval yes
db_is "capacity kept" "SELECT capacity FROM seat_plan" "4"
ok "quota of MOD" seats quota NDC-SC-2026 MOD 2
ok "quota of MFA" seats quota NDC-SC-2026 MFA 1
ok "quota of NADS in the session" seats quota NDC-SC-2026 NADS 0 --activity S1
ok "quota changed" seats quota NDC-SC-2026 MFA 2
db_is "three quotas" "SELECT group_concat(s, ' ') FROM (SELECT o.code || '=' || CAST(q.seats AS TEXT) || coalesce('/' || CAST(q.activity_id AS TEXT), '') AS s FROM seat_quota q JOIN organisation o ON o.id = q.org_id ORDER BY q.id) AS x" "MOD=2 MFA=2 NADS=0/1"
before=$(snapshot)
fails 4 "a negative quota" seats quota NDC-SC-2026 MOD -- -1
err_has "names the value" "invalid quota '-1'"
fails 4 "a quota that is no number" seats quota NDC-SC-2026 MOD два
fails 4 "an approval that is neither yes nor no" seats set NDC-SC-2026 --approval maybe
fails 2 "seats set with nothing to set" seats set NDC-SC-2026
fails 3 "a quota of an unknown organisation" seats quota NDC-SC-2026 XXX 1
fails 3 "a quota in an unknown activity" seats quota NDC-SC-2026 MOD 1 --activity S9
fails 3 "seats of an unknown programme" seats set NOPE --capacity 1
same "the refusals changed nothing" "$(snapshot)" "$before"

# Nominations within the quotas.
ok "nominate two of MOD" nominate NDC-SC-2026 p1 p2
db_is "two records, nominated" "SELECT group_concat(status, ' ') FROM participation" "nominated nominated"
db_is "nominated by MOD, by this user, with the time" \
    "SELECT count(*) FROM nomination n JOIN organisation o ON o.id = n.org_id WHERE o.code = 'MOD' AND state = 'nominated' AND nominated_by = '$(id -un)' AND nominated LIKE '____-__-__T__:__:__Z'" "2"
before=$(snapshot)
fails 4 "a third of MOD is over its quota" nominate NDC-SC-2026 p3
err_has "names the quota, the seats used and the organisation" \
    "cannot nominate 'p3': the quota of organisation 'MOD' in programme 'NDC-SC-2026' is 2 seats and 2 are used"
fails 4 "several at once: all or none" nominate NDC-SC-2026 p4 p3
same "the refusals changed nothing" "$(snapshot)" "$before"
ok "p3 nominated on the quota of MFA" nominate NDC-SC-2026 p3 --by MFA
ok "p4 of MFA" nominate NDC-SC-2026 p4
before=$(snapshot)
fails 4 "the capacity is full" nominate NDC-SC-2026 p5
err_has "names the capacity and the seats used" \
    "cannot nominate 'p5': the capacity of programme 'NDC-SC-2026' is 4 seats and 4 are used"
fails 4 "a person of no organisation needs --by" nominate ETOC-7 p6
err_has "says so" "person 'p6' belongs to no organisation: name the nominating one with --by ORG"
fails 3 "an unknown person" nominate ETOC-7 p9
fails 3 "an unknown nominating organisation" nominate ETOC-7 p1 --by XXX
fails 3 "an unknown activity" nominate NDC-SC-2026 p5 --activity S9
fails 4 "a second nomination of the same person" nominate NDC-SC-2026 p1
same "the refusals changed nothing" "$(snapshot)" "$before"

# Quota in an activity: NADS has none in S1.
ok "more seats" seats set NDC-SC-2026 --capacity none
fails 4 "NADS has no seat in the session" nominate NDC-SC-2026 p5 --activity S1
err_has "the activity's quota" "the quota of organisation 'NADS' in programme 'NDC-SC-2026' activity S1 is 0 seats and 0 are used"

# The open nominations and the seats.
ok "open nominations" --format json nomination list
same "four open" "$(jq -c '[.[] | [.person, .org, .state]]' "$OUT")" \
    '[["p3","MFA","nominated"],["p1","MOD","nominated"],["p4","MFA","nominated"],["p2","MOD","nominated"]]'
ok "seats used" --format json seats list
same "per organisation" "$(jq -c '[.[] | [.org, .quota, .nominated, .approved, .used, .free]]' "$OUT")" \
    '[["MFA",2,2,0,2,0],["MOD",2,2,0,2,0],["NADS",0,0,0,0,0]]'

# Two steps: approve, then admit.
before=$(snapshot)
fails 4 "admit before approval" admit NDC-SC-2026 p1
err_has "says approval is needed" "cannot enrol 'p1' in programme 'NDC-SC-2026': the programme asks for approval and the nomination is not approved"
same "changed nothing" "$(snapshot)" "$before"
fails 4 "nor through participation set" participation set NDC-SC-2026 p1 --status enrolled
err_has "the same refusal" "the programme asks for approval and the nomination is not approved"
same "changed nothing" "$(snapshot)" "$before"
ok "approve p1" approve NDC-SC-2026 p1
db_is "approved, by whom and when" "SELECT state, approved_by, CASE WHEN approved LIKE '____-__-__T%' THEN 1 ELSE 0 END FROM nomination n JOIN participation pa ON pa.id = n.participation_id JOIN person pe ON pe.id = pa.person_id WHERE pe.key = 'p1'" "approved|$(id -un)|1"
db_is "the participation is still nominated" "SELECT status FROM participation pa JOIN person pe ON pe.id = pa.person_id WHERE pe.key = 'p1'" "nominated"
before=$(snapshot)
fails 4 "approve what is approved" approve NDC-SC-2026 p1
err_has "not nominated" "cannot approve 'p1' in programme 'NDC-SC-2026': the record is approved, not nominated"
fails 3 "approve who is not nominated" approve NDC-SC-2026 p5
err_has "says so" "person 'p5' is not nominated in programme 'NDC-SC-2026'"
fails 3 "approve in an unknown programme" approve NOPE p1
same "changed nothing" "$(snapshot)" "$before"
ok "admit p1" admit NDC-SC-2026 p1
db_is "enrolled" "SELECT pa.status, n.state, n.decided_by FROM participation pa JOIN nomination n ON n.participation_id = pa.id JOIN person pe ON pe.id = pa.person_id WHERE pe.key = 'p1'" "enrolled|enrolled|$(id -un)"
before=$(snapshot)
fails 4 "approve an enrolled record" approve NDC-SC-2026 p1
err_has "not nominated" "the record is enrolled, not nominated"
fails 4 "admit twice" admit NDC-SC-2026 p1
same "changed nothing" "$(snapshot)" "$before"

# Rejection with a reason.
before=$(snapshot)
fails 2 "a rejection without a reason" reject NDC-SC-2026 p2
err_has "asks for it" "a rejection needs its reason: --reason TEXT"
fails 4 "an empty reason" reject NDC-SC-2026 p2 --reason ""
same "changed nothing" "$(snapshot)" "$before"
ok "reject p2" reject NDC-SC-2026 p2 --reason "не володіє англійською на рівні SLP 3332"
db_is "rejected with the reason; the participation withdrawn" \
    "SELECT n.state, n.reason, pa.status FROM participation pa JOIN nomination n ON n.participation_id = pa.id JOIN person pe ON pe.id = pa.person_id WHERE pe.key = 'p2'" \
    "rejected|не володіє англійською на рівні SLP 3332|withdrawn"
fails 4 "approve a rejected nomination" approve NDC-SC-2026 p2
err_has "not nominated" "the record is rejected, not nominated"
ok "the freed seat of MOD" nominate NDC-SC-2026 p6 --by MOD

# A record made by enrol is no nomination.
ok "enrolled directly" enrol ETOC-7 p5 --status enrolled
fails 4 "approve it" approve ETOC-7 p5
err_has "not nominated with nominate" "cannot approve 'p5' in programme 'ETOC-7': the record is enrolled and was not nominated with 'integra nominate'"

# Without approval, admit enrols a nomination.
ok "one step" nominate ETOC-7 p4
ok "admit directly" admit ETOC-7 p4
db_is "enrolled" "SELECT pa.status FROM participation pa JOIN programme p ON p.id = pa.programme_id JOIN person pe ON pe.id = pa.person_id WHERE p.code = 'ETOC-7' AND pe.key = 'p4'" "enrolled"

ok "open nominations now" --format json nomination list
same "p3, p4 and p6 are open" "$(jq -c '[.[] | [.programme, .person, .state]]' "$OUT")" \
    '[["NDC-SC-2026","p3","nominated"],["NDC-SC-2026","p4","nominated"],["NDC-SC-2026","p6","nominated"]]'
ok "all nominations" --format json nomination list --all --programme NDC-SC-2026
same "with the decided ones" "$(jq -c '[.[] | [.person, .state]]' "$OUT")" \
    '[["p3","nominated"],["p1","enrolled"],["p4","nominated"],["p6","nominated"],["p2","rejected"]]'
ok "of one organisation" --format json nomination list --org MFA
same "p3 and p4" "$(jq -c '[.[] | .person]' "$OUT")" '["p3","p4"]'
ok "seats of MOD" --format json seats list --org MOD
same "p1 enrolled, p6 nominated, p2 freed" "$(jq -c '[.[] | [.programme, .quota, .nominated, .used, .free]]' "$OUT")" \
    '[["NDC-SC-2026",2,1,2,0]]'

# The audit log has every step.
db_is "audited: nominations added and changed" \
    "SELECT group_concat(action, ' ') FROM (SELECT action FROM audit WHERE entity = 'nomination' AND entity_key = 'NDC-SC-2026/p1' ORDER BY id) AS a" \
    "add change change"
db_is "the rejection's reason in the log" \
    "SELECT json_extract(new, '\$.reason') FROM audit WHERE entity = 'nomination' AND entity_key = 'NDC-SC-2026/p2' AND action = 'change'" \
    "не володіє англійською на рівні SLP 3332"
db_is "quotas and the plan audited" "SELECT count(*) FROM audit WHERE entity IN ('seat_quota', 'seat_plan')" "6"
ok "removing the quota" seats quota NDC-SC-2026 MFA none
db_is "gone" "SELECT count(*) FROM seat_quota q JOIN organisation o ON o.id = q.org_id WHERE o.code = 'MFA'" "0"
ok "removing a participation removes its nomination" participation remove NDC-SC-2026 p3
db_is "five nominations left" "SELECT count(*) FROM nomination" "5"
db_is "its removal audited under its key" "SELECT count(*) FROM audit WHERE entity = 'nomination' AND entity_key = 'NDC-SC-2026/p3' AND action = 'remove'" "1"
ok "a programme with seats only" programme add civil_service EMPTY-1 "Порожній курс" -f kind=other
ok "its plan" seats set EMPTY-1 --capacity 10
ok "its quota" seats quota EMPTY-1 MOD 3
ok "removing the programme removes its seats" programme remove EMPTY-1
db_is "gone, and logged" "SELECT (SELECT count(*) FROM seat_plan) || ' ' || (SELECT count(*) FROM audit WHERE entity IN ('seat_plan', 'seat_quota') AND action = 'remove' AND entity_key LIKE '#%')" "1 2"
finish
