#!/bin/sh
# Text through the command line: Ukrainian alphabetical order (Г < Ґ < Д,
# Е < Є, И < І < Ї < Й, apostrophes ignored, Latin first), tables aligned
# by display width (Cyrillic one column, CJK two), case-insensitive search
# for Cyrillic, CSV quoting, JSON, and the limits on names.
. "$(dirname "$0")/lib.sh"

ok "init" init
while read -r code name; do
	run org add "$code" "$name"
	[ "$RC" -eq 0 ] || fail "add $code $name"
done <<'EOF2'
E1 Євген
E2 Ейфорія
I1 Іван
I2 Їжак
I3 Йод
I4 Исток
L1 Zeta
L2 alpha
A1 Мар'яна
A2 Марія
A3 Мар’яна
G1 Ґава
G2 Гора
D1 Дуб
C1 日本語
EOF2

ok "list" --format csv org list
codes=$(tail -n +2 "$OUT" | cut -d, -f1 | tr '\n' ' ')
same "Ukrainian order, Latin first, apostrophes ignored" "$codes" \
    "L2 L1 G2 G1 D1 E2 E1 I4 I1 I2 I3 A2 A1 A3 C1 "

ok "table" org list
# Every row's columns start at the same display column.
if python3 - "$OUT" <<'PY'
import sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else
               0 if unicodedata.combining(c) else 1 for c in s)
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
# the display column where "other" (the kind) starts, in each data row
cols = {width(l[:l.index("other")]) for l in lines[2:]}
sys.exit(0 if len(cols) == 1 else 1)
PY
then pass "the table is aligned by display width"; else fail "the table is aligned by display width"; fi

ok "search ignores case in Cyrillic (Є)" org list --search "єВГЕН"
out_has "finds Євген" "E1"
out_lacks "and only it" "E2"
ok "search ignores case in Cyrillic (Ї)" org list --search "ЇЖАК"
out_has "finds Їжак" "I2"
ok "search ignores case in Cyrillic (Ґ)" org list --search "ҐАВА"
out_has "finds Ґава" "G1"
out_lacks "not Гора" "G2"
ok "search ignores case in Latin" org list --search "ZETA"
out_has "finds Zeta" "L1"

ok "a name with a comma and quotes" org add Q1 'Центр "Схід", філія'
ok "csv" --format csv org show Q1
ok "csv list" --format csv org list --search Схід
out_has "csv quotes the field" '"Центр ""Схід"", філія"'
ok "json list" --format json org list --search Схід
if jq -e '.[0].name == "Центр \"Схід\", філія"' "$OUT" >/dev/null; then
	pass "json keeps the name verbatim"; else fail "json keeps the name verbatim"; fi

# Limits on names: 1000 characters, counted as characters not bytes.
n1000=$(python3 -c 'print("Ї" * 1000)')
n1001=$(python3 -c 'print("Ї" * 1001)')
ok "a name of 1000 Cyrillic letters (2000 bytes) is accepted" org add LONG "$n1000"
before=$(snapshot)
fails 4 "a name of 1001 letters is refused" org add LONG2 "$n1001"
err_has "the error counts characters" "too long: 1001 characters (at most 1000)"
fails 4 "a control character in a name is refused" org add CTL "$(printf 'bell\007')"
err_has "the error names it" "contains a control character"
fails 4 "a C1 control in a key is refused" org add "$(printf 'K\302\233')" "Назва"
err_has "with its position, escaped on the terminal" "organisation code 'K\u009b' contains a C1 control character U+009B (character 2)"
fails 4 "a zero-width space in a key is refused" org add "$(printf 'U\342\200\2139')" "Назва"
err_has "with its position" "contains a zero-width character U+200B (character 2)"
fails 4 "a right-to-left override in a name is refused" org add RLO "$(printf 'Мін\342\200\256істерство')"
err_has "with its position" "organisation name contains a bidirectional control character U+202E (character 4)"
fails 4 "a right-to-left isolate in a person's name is refused" person add P1 "$(printf 'Іван\342\201\246')"
err_has "with its position" "contains a bidirectional control character U+2066 (character 5)"
fails 4 "a newline in a code is refused with a one-line error" org add "$(printf 'A\nB')" "Назва"
err_has "the newline is shown escaped" "'A\nB'"
fails 3 "a lookup of bytes that are not UTF-8 is one clean line" org show "$(printf 'X\377')"
err_has "the bad byte is shown escaped" "'X\xff'"
same "nothing changed" "$(snapshot)" "$before"
finish
