#!/bin/sh
# Nominations for a post: candidates are nominated on their organisation's
# quota of one seat, approved by the national authority and admitted; the
# posts plugin's checks apply when a candidate becomes the incumbent (a
# second incumbent is refused, a candidate with too low a clearance cannot
# be nominated), and a refusal changes nothing.
. "$(dirname "$0")/areas.sh"

ok "ministry" org add MOD "Міністерство оборони України" --kind ministry
ok "foreign ministry" org add MFA "Міністерство закордонних справ України" --kind ministry
ok "p1" person add p1 "Коваленко Іван Петрович" --org MOD
ok "p2" person add p2 "Шевченко Олена Василівна" --org MFA
ok "p3" person add p3 "Бойко Петро Іванович" --org MOD
ok "a post" programme add posts NCIA-C7 "Інженер з кібербезпеки" --start 01.03.2025 \
    --end 29.02.2028 -f body=NCIA -f post_code=C-0077 -f grade=A3 -f kind=civilian -f clearance=NS
ok "one seat per ministry, approval needed" seats set NCIA-C7 --approval yes
ok "MOD's seat" seats quota NCIA-C7 MOD 1
ok "MFA's seat" seats quota NCIA-C7 MFA 1

before=$(snapshot)
fails 4 "a candidate whose clearance is too low" nominate NCIA-C7 p1 -f clearance=NC
err_has "the plugin says why" "field 'clearance' = 'NC' of 'p1' is below the clearance post 'NCIA-C7' requires (NS)"
fails 4 "a candidate without the clearance held" nominate NCIA-C7 p1
same "changed nothing" "$(snapshot)" "$before"
ok "p1 of MOD" nominate NCIA-C7 p1 -f clearance=NS
ok "p2 of MFA" nominate NCIA-C7 p2 -f clearance=CTS
fails 4 "MOD has no second seat" nominate NCIA-C7 p3 -f clearance=NS
err_has "names the quota" "the quota of organisation 'MOD' in programme 'NCIA-C7' is 1 seats and 1 are used"
ok "both approved" approve NCIA-C7 p1
ok "p2 approved" approve NCIA-C7 p2
ok "p1 admitted: the incumbent" admit NCIA-C7 p1
before=$(snapshot)
fails 4 "p2 cannot be admitted to the same tour" admit NCIA-C7 p2
err_has "a second incumbent" "post 'NCIA-C7' already has an incumbent then: 'p1' from 2025-03-01 to 2028-02-29"
same "changed nothing, the nomination stays approved" "$(snapshot)" "$before"
db_is "p2 is still approved" "SELECT n.state FROM nomination n JOIN participation pa ON pa.id = n.participation_id JOIN person pe ON pe.id = pa.person_id WHERE pe.key = 'p2'" "approved"
ok "p2 rejected" reject NCIA-C7 p2 --reason "посаду заміщено"
report_is "the post is filled" '[.[] | [.body, .filled, .vacant]]' '[["NCIA",1,0]]' \
    posts_filled --as-of 2026-01-01
finish
