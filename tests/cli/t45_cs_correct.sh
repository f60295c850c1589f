#!/bin/sh
# participation correct: an audited correction of a final status or of the
# credits, with a reason the audit keeps, only for the users and groups of
# the configuration's corrections group; every refusal one line that
# changes nothing; the compliance report follows the corrected figure.
. "$(dirname "$0")/areas.sh"
. "$(dirname "$0")/cs_seed.sh"

me=$(id -un)
mygroup=$(id -gn)
cfg="$XDG_CONFIG_HOME/integra/integra.cfg"
mkdir -p "$XDG_CONFIG_HOME/integra"

before=$(snapshot)
fails 1 "no corrections group: nobody may correct" participation correct CS2 A2 \
    --credits 1 --reason "помилка в сертифікаті"
err_has "the user and the key named" "user '$me' may not correct participation records (allowed: the users and groups of 'corrections' in the configuration)"
printf 'corrections = { users = [ "kovalenko" ]; groups = [ "no-such-group-xyz" ]; };\n' >"$cfg"
fails 1 "another user listed: refused" participation correct CS2 A2 --credits 1 \
    --reason "помилка в сертифікаті"
printf 'corrections = { users = "%s"; };\n' "$me" >"$cfg"
fails 1 "corrections.users not a list" participation correct CS2 A2 --credits 1 \
    --reason "помилка в сертифікаті"
err_has "file, line and the shape named" "integra.cfg:1: 'corrections.users' is not allowed (expected users = [ \"name\", ... ]; groups = [ \"group\", ... ];)"
printf 'corrections = {\n  users = [ "%s" ];\n  people = [ "x" ];\n};\n' "$me" >"$cfg"
fails 1 "an unknown key in corrections" participation correct CS2 A2 --credits 1 \
    --reason "помилка в сертифікаті"
err_has "its line named" "integra.cfg:3: 'corrections.people' is not allowed"
printf 'corrections = { users = [ "%s" ]; };\n' "$me" >"$cfg"
fails 2 "a correction without a reason" participation correct CS2 A2 --credits 1
err_has "the reason asked for" "a correction needs --reason TEXT"
fails 2 "a blank reason" participation correct CS2 A2 --credits 1 --reason "  "
fails 2 "nothing to correct" participation correct CS2 A2 --reason "помилка"
ok "an open record" enrol CS4 A3
before=$(snapshot)
fails 4 "an open record is not corrected" participation correct CS4 A3 --credits 1 \
    --reason "помилка"
err_has "participation set named" "participation CS4/A3 is nominated, not final (completed, failed or withdrawn): change it with participation set"
fails 4 "a status that is not final" participation correct CS2 A2 --status enrolled \
    --reason "помилка"
err_has "the final statuses named" "(allowed: completed, failed, withdrawn)"
fails 4 "negative credits" participation correct CS2 A2 --credits -1 --reason "помилка"
fails 3 "no such record" participation correct CS4 A2 --credits 1 --reason "помилка"
same "refused corrections changed nothing" "$(snapshot)" "$before"

ok "credits corrected by a listed user" participation correct CS2 A2 --credits 0,4 \
    --reason "у сертифікаті 12 годин, не 15"
db_is "the record has the corrected credits" "SELECT credits FROM participation WHERE person_id = (SELECT id FROM person WHERE key = 'A2')" "0.4"
db_is "the audit keeps the reason" "SELECT json_extract(new, '\$.reason') || '|' || coalesce(json_extract(old, '\$.credits'), '') || '|' || json_extract(new, '\$.credits') FROM audit WHERE action = 'correct'" "у сертифікаті 12 годин, не 15||0.4"
ok "audit shows it" audit --entity participation:CS2/A2
out_has "the audit listing shows the reason, shortened to fit" "correct credits: - -> 0.4; reason: - -> у сертифікаті"
ok "audit --full shows all of it" audit --entity participation:CS2/A2 --full
out_has "the full listing shows the whole reason" "у сертифікаті 12 годин, не 15"
report_is "the compliance report follows the correction" \
    '[.[] | select(.person == "A2") | [.earned, .counted]]' '[[0.4,0.4]]' \
    cs_compliance --as-of 2025-12-31
ok "person show follows it" --format json person show A2
json_is "person show: 0.4" '.[0].credits' '0.4'

printf 'corrections = { groups = [ "%s" ]; };\n' "$mygroup" >"$cfg"
ok "status corrected by a member of a listed group" participation correct CS1 A1 \
    --status failed --date 11.03.2025 --reason "сертифікат видано помилково"
db_is "status and date corrected" "SELECT status || '|' || status_date FROM participation WHERE person_id = (SELECT id FROM person WHERE key = 'A1')" "failed|2025-03-11"
report_is "A1 no longer meets the target" '[.[] | select(.person == "A1") | [.earned, .met]]' \
    '[[0,"no"]]' cs_compliance --as-of 2025-12-31
db_is "two corrections audited" "SELECT count(*) FROM audit WHERE action = 'correct'" "2"
ok "help lists the verb" participation --help
out_has "correct in the verbs" "correct"
finish
