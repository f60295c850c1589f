#!/bin/sh
# Area fields end to end through the core nouns: `--field NAME=VALUE` on
# programmes and participation, checked against the good fixture's
# declarations, stored typed, merged on set, and checked by the plugin's
# validate().  record_fields itself is also covered by test_record.
. "$(dirname "$0")/lib.sh"
umask 022
P="$T/plugins"
mkdir -p "$P" "$XDG_CONFIG_HOME/integra"
cp "$FIXDIR/good.so" "$FIXDIR/other.so" "$P/"
cat >"$XDG_CONFIG_HOME/integra/integra.cfg" <<CFGEOF
plugins = { dir = "$P"; enabled = [ "good", "other" ]; };
CFGEOF
ok "init" init
ok "an organisation to refer to" org add MOU "Міністерство оборони України"

ok "a programme with fields of every type" programme add testing P1 "Курс НАТО" \
	--field level=advanced --field seats=10 --field cost=1000,5 --field funded=так \
	--field approved=23.07.2021 --field provider=MOU --field "note=Перший курс"
db_is "enum stored" "SELECT json_extract(fields, '\$.level') FROM programme WHERE code='P1'" "advanced"
# The JSON text itself (json_type is SQLite's): a number, and true.
db_matches "integer stored as integer" "SELECT fields FROM programme WHERE code='P1'" '*"seats":10[,}]*'
db_is "decimal comma stored as real" "SELECT json_extract(fields, '\$.cost') FROM programme WHERE code='P1'" "1000.5"
db_matches "boolean stored as true" "SELECT fields FROM programme WHERE code='P1'" '*"funded":true[,}]*'
db_is "date stored ISO" "SELECT json_extract(fields, '\$.approved') FROM programme WHERE code='P1'" "2021-07-23"
db_is "derived field set by validate()" "SELECT json_extract(fields, '\$.cost_per_seat') FROM programme WHERE code='P1'" "100.05"

before=$(snapshot)
fails 4 "an unknown field" programme add testing P2 "X" --field level=basic --field colour=red
err_has "names the field, area, record kind and the fields" "unknown field 'colour' for testing programme (fields: level, seats, cost, funded, approved, provider, note)"
fails 4 "a field of another area" programme add testing P2 "X" --field level=basic --field budget=5
err_has "says which area it belongs to" "field 'budget' belongs to area 'other', not to 'testing'"
fails 4 "a participation field on a programme" programme add testing P2 "X" --field level=basic --field score=5
err_has "says which record it belongs to" "belongs to participation records, not to programme records"
fails 4 "a derived field from the user" programme add testing P2 "X" --field level=basic --field cost_per_seat=1
fails 4 "a required field missing" programme add testing P2 "X" --field seats=5
err_has "names it" "missing required field 'level' of testing programmes"
fails 4 "out of bounds" programme add testing P2 "X" --field level=basic --field seats=501
err_has "with the range" "value '501' for field 'seats' is out of range (1..500)"
fails 4 "not in the enum" programme add testing P2 "X" --field level=expert
err_has "lists the values" "(allowed: basic, advanced)"
fails 3 "a reference to nothing" programme add testing P2 "X" --field level=basic --field provider=NOPE
err_has "names the missing organisation" "no organisation 'NOPE' (field 'provider')"
fails 4 "an impossible date" programme add testing P2 "X" --field level=basic --field approved=30.02.2021
same "no failed command changed anything" "$(snapshot)" "$before"

ok "set merges one field" programme set P1 --field seats=20
db_is "the others are kept" "SELECT json_extract(fields, '\$.level') || ' ' || json_extract(fields, '\$.seats') FROM programme WHERE code='P1'" "advanced 20"
db_is "derived field recomputed" "SELECT json_extract(fields, '\$.cost_per_seat') FROM programme WHERE code='P1'" "50.025"
fails 4 "validate() sees the old value" programme set P1 --field level=basic
err_has "the plugin's message" "level cannot go down from 'advanced' to 'basic'"
ok "show has the fields" programme show P1
out_has "level shown" "advanced"
finish
