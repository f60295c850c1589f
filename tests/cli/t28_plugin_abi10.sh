#!/bin/sh
# A plugin built against ABI 1.0 loads unchanged under ABI 1.1: its
# smaller descriptor and its field and column tables of the 1.0 stride are
# read with the 1.0 layout (the fixture abi10, built from a copy of the 1.0
# structs).  Its fields check, store and show; its report's columns keep
# their names, types and totals.
. "$(dirname "$0")/lib.sh"
umask 022
P="$T/plugins"
mkdir -p "$P" "$XDG_CONFIG_HOME/integra"
cp "$FIXDIR/abi10.so" "$P/"
cat >"$XDG_CONFIG_HOME/integra/integra.cfg" <<CFGEOF
plugins = { dir = "$P"; enabled = [ "abi10" ]; strict = true; };
CFGEOF

ok "check accepts the 1.0 plugin" plugin check "$P/abi10.so"
out_is "with its ABI version" "$P/abi10.so: ok (plugin abi10 1.0.0, ABI 1.0)"
ok "init" init
ok "plugin info" plugin info abi10
out_has "first field" "grade"
out_has "second field, read at the 1.0 stride" "hours_min"
out_has "its label" "Minimum hours"
out_has "third field" "mark"
out_has "its help" "on the 12-point scale"
out_has "the report" "legacy_grades"

ok "a programme with the 1.0 fields" programme add legacy L1 "Курс підвищення кваліфікації" \
	--field grade=high --field hours_min=16
ok "another" programme add legacy L2 "Семінар з охорони праці" --field grade=high --field hours_min=8
ok "a third" programme add legacy L3 "Тренінг для керівників" --field grade=low --field hours_min=4
db_is "enum stored" "SELECT json_extract(fields, '\$.grade') FROM programme WHERE code='L1'" "high"
db_matches "integer stored (the JSON text: json_type is SQLite's)" "SELECT fields FROM programme WHERE code='L1'" '*"hours_min":16[,}]*'
before=$(snapshot)
fails 4 "the bounds of the second field apply" programme add legacy L4 "X" --field grade=low --field hours_min=41
err_has "with its range" "value '41' for field 'hours_min' is out of range (1..40)"
fails 4 "the enum of the first field applies" programme add legacy L4 "X" --field grade=middle
err_has "with its values" "(allowed: low, high)"
fails 4 "the required flag applies" programme add legacy L4 "X" --field hours_min=2
err_has "names the field" "missing required field 'grade' of legacy programmes"
same "nothing changed" "$(snapshot)" "$before"

ok "the report as csv" --format csv report legacy_grades
out_has "columns by name" "grade,programmes,hours"
out_has "a row" "high,2,24"
out_has "another row" "low,1,4"
ok "the report as json" --format json report legacy_grades
out_has "integers stay integers" '"programmes": 2'
ok "the report as a table" --format table report legacy_grades
out_has "the header" "grade"
out_has "a totals row sums the flagged columns" "3"
finish
