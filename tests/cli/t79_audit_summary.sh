#!/bin/sh
# `integra audit` in the human formats: one line per change that fits in
# 100 columns, the time in local time (Europe/Kyiv here), who, the record,
# and which fields changed from what to what, shortened with "…" so that
# every changed field is seen; fields that did not change are not named.
# --full, csv and json keep every column as stored (UTC, the command
# line, old and new as JSON).
. "$(dirname "$0")/lib.sh"

ok "init" init
ok "an organisation" org add MOU "Міністерство оборони України" --kind ministry --region Київ
ok "its name and region change" org set MOU --name "Міністерство оборони України (центральний апарат, м. Київ)" --region Львівська
ok "a person" person add 1001 "Гнатюк Олена Петрівна" --org MOU
ok "a short change" person set 1001 --name "Гнатюк Олена"
ok "another organisation" org add MJU "Міністерство юстиції України" --kind ministry
ok "removed" org remove MJU
# rows at known times (the log is append-only: adding is allowed)
sql_do "a change made at 09:05 UTC on 23.07.2021" "INSERT INTO audit (at, os_user, command, entity, entity_key, action, old, new) VALUES
 ('2021-07-23T09:05:00Z', 'o.petrenko-kovalenko', 'integra person set 7', 'person', '7', 'change',
  '{\"name\":\"Петренко Ольга\",\"org\":\"MOU\",\"note\":\"рядок 1\nрядок 2\"}', '{\"name\":\"Петренко-Коваленко Ольга Іванівна\",\"org\":\"MOU\",\"note\":\"без змін\"}'),
 ('2021-12-31T22:30:00Z', 'kadry', 'integra org add X', 'organisation', 'X', 'add', NULL, '{\"code\":\"X\",\"name\":\"Х\"}')"

ok "audit" audit
cp "$OUT" "$T/audit"
out_has "the header" "when              who"
out_has "local time in summer (UTC+3)" "2021-07-23 12:05"
out_has "local time in winter (UTC+2), the next year" "2022-01-01 00:30"
out_lacks "no UTC time" "T09:05:00Z"
out_lacks "no JSON" '{"'
out_lacks "no command line" "integra person set"
out_has "a short change in full" "change name: Гнатюк Олена Петрівна -> Гнатюк Олена"
grep 'organisation MOU  change' "$T/audit" >"$T/line"
if grep -q 'change name: Мін[^ ]*… -> Мін[^ ]*…; region: Київ -> Льв' "$T/line"; then
	pass "a long change: both fields, the values shortened"; else
	cp "$T/line" "$OUT"; fail "a long change: both fields, the values shortened"; fi
out_has "an addition lists its values" "add code=MOU, name=Міністерство оборони України"
out_has "a removal lists what was removed" "organisation MJU"
out_has "a removal" "remove code=MJU"
out_has "who, shortened to its column" "o.petrenk…"
grep 'person 7' "$T/audit" >"$T/line"
if grep -q 'name: Петре.* -> Петре.*; note: рядок.* -> без' "$T/line" && ! grep -q 'org:' "$T/line"; then
	pass "an unchanged field is not named; a line break is a space"; else
	cp "$T/line" "$OUT"; fail "an unchanged field is not named; a line break is a space"; fi
long=$(while IFS= read -r l; do printf '%s' "$l" | wc -m; done <"$T/audit" | sort -n | tail -1)
same "every line fits in 100 columns" "$([ "$long" -le 100 ] && echo fits || echo "$long")" "fits"
same "one line per change" "$(($(wc -l <"$T/audit") - 2))" "$(sql 'SELECT count(*) FROM audit')"
ok "--limit and --entity still narrow it" audit --entity org:MOU --limit 1
same "the last change of MOU only" "$(tail -n +3 "$OUT" | wc -l)" "1"
out_has "it is the change" "change name:"

ok "--full" audit --full
out_has "--full: UTC" "2021-07-23T09:05:00Z"
out_has "--full: the command line" "integra person set 7"
out_has "--full: the JSON" '{"name":"Петренко-Коваленко Ольга Іванівна"'
ok "json keeps every column" --format json audit
if jq -e 'length > 5 and (.[0] | has("at") and has("command") and has("old") and has("new"))' "$OUT" >/dev/null; then
	pass "json: at, command, old, new"; else fail "json: at, command, old, new"; fi
ok "csv keeps every column" --format csv audit
out_has "csv header" "at,os_user,command,entity,entity_key,action,old,new"
export COLUMNS=60
ok "COLUMNS=60: the summary turns vertical" audit --limit 2
unset COLUMNS
out_has "a block" "-[ RECORD 1 ]"
out_has "its change" "change | add code=X"
finish
