#!/bin/sh
# How plugins add rows to `integra deadlines` (the descriptor's deadlines
# member, ABI 1.1): the rows of a fixture plugin beside a core programme,
# with days late, status, --overdue, --within, --area and --by area
# computed by the host; a row without a due date left out; a descriptor
# that ends before the member not read; a bad source refused in one line
# naming its plugin.
. "$(dirname "$0")/lib.sh"

P="$T/plugins"
mkdir -p "$P"
chmod 0755 "$P"
for f in late_rows late_bad late_old; do
	cp "$FIXDIR/$f.so" "$P/$f.so"
done
cat >"$T/rows.cfg" <<EOC
plugins = { dir = "$P"; enabled = [ "late_rows", "late_old" ]; };
EOC
cat >"$T/bad.cfg" <<EOC
plugins = { dir = "$P"; enabled = [ "late_rows", "late_bad" ]; };
EOC

ok "init" -c "$T/rows.cfg" init
ok "an organisation" -c "$T/rows.cfg" org add MOD "Міністерство оборони України" --kind ministry
ok "the old plugin still loads" -c "$T/rows.cfg" plugin list
out_has "it is listed" "late_old"

ok "deadlines" -c "$T/rows.cfg" --format json deadlines --as-of 2021-02-01
# rows_are JQ EXPECTED DESC: the last stdout (JSON) through jq -c.
rows_are() {
	got=$(jq -c "$1" "$OUT" 2>&1)
	if [ "$got" = "$2" ]; then pass "$3"; else fail "$3 (jq gave '$got', wanted '$2')"; fi
}
rows_are '[.[] | [.code, .area, .title, .due, .days_late, .status]]' \
    '[["LR-1","late_rows","Квартальний звіт","2021-01-25",7,"overdue"],["LR-2","late_rows","Річна записка","2021-09-15",null,"due"]]' \
    "the plugin's rows, days late computed, the row without a due date left out"
ok "overdue only" -c "$T/rows.cfg" --format json deadlines --overdue --as-of 2021-02-01
rows_are '[.[] | .code]' '["LR-1"]' "only the late row"
ok "within 30 days" -c "$T/rows.cfg" --format json deadlines --within 30 --as-of 2021-09-01
rows_are '[.[] | .code]' '["LR-2"]' "only the row due within 30 days"
ok "by area" -c "$T/rows.cfg" --format json report deadlines --by area --as-of 2021-02-01
rows_are '[.[] | [.area, .outstanding, .overdue, .most_days_late]]' '[["late_rows",2,1,7]]' \
    "counted by area"
ok "another area only" -c "$T/rows.cfg" --format json report deadlines --area late_rows --from 2021-06-01 --as-of 2021-02-01
rows_are '[.[] | .code]' '["LR-2"]' "--area and --from apply to plugin rows"

before=$(snapshot)
fails 1 "a bad source" -c "$T/bad.cfg" deadlines
err_has "names the plugin and the cause" "deadlines of plugin 'late_bad': "
err_has "the database's reason" "owner"
fails 1 "the report too" -c "$T/bad.cfg" report deadlines
same "nothing changed" "$(snapshot)" "$before"
finish
