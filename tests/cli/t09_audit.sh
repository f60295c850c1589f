#!/bin/sh
# The audit context main.c provides: the operating-system user (and the
# sudo user behind it), the command line quoted as a shell would need it,
# the time in UTC; a failed command writes no audit row.
. "$(dirname "$0")/lib.sh"

me=$(id -un)
ok "init" init
ok "add with quotes and spaces" org add MOU "Міністерство оборони \"України\"" --kind ministry
db_is "one audit row" "SELECT count(*) FROM audit" "1"
db_is "the user is the operating-system user" "SELECT os_user FROM audit" "$me"
db_is "the command line is quoted as a shell needs it" "SELECT command FROM audit" \
    "$ARGV0 org add MOU 'Міністерство оборони \"України\"' --kind ministry"
db_is "the entity and key" "SELECT entity || ':' || entity_key || ':' || action FROM audit" \
    "organisation:MOU:add"
db_is "the new values are JSON" "SELECT json_extract(new, '\$.name') FROM audit" \
    "Міністерство оборони \"України\""
db_is "the time is ISO 8601 UTC" \
    "SELECT at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z' FROM audit" "1"

ok "a single quote in an argument" org set MOU --name "Міністерство оборони України (ім'я)"
db_is "is quoted and escaped" "SELECT command FROM audit WHERE action = 'change'" \
    "$ARGV0 org set MOU --name 'Міністерство оборони України (ім'\\''я)'"
db_is "old and new values" \
    "SELECT json_extract(old, '\$.name') || ' -> ' || json_extract(new, '\$.name') FROM audit WHERE action = 'change'" \
    "Міністерство оборони \"України\" -> Міністерство оборони України (ім'я)"

SUDO_USER=alice
export SUDO_USER
ok "under sudo" org add LODA "Львівська ОДА"
unset SUDO_USER
db_is "the sudo user is recorded after the effective user" \
    "SELECT os_user FROM audit WHERE entity_key = 'LODA'" "$me (sudo from alice)"

fails 4 "a failed command" org add MOU "Дублікат"
db_is "writes no audit row" "SELECT count(*) FROM audit" "3"
fails 4 "a failed change" org set MOU --kind club
db_is "writes none either" "SELECT count(*) FROM audit" "3"
finish
