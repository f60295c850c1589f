#!/bin/sh
# The xlsx export plugin end to end: `--format xlsx -o FILE` gives a
# workbook that openpyxl (python3-openpyxl) reads with numbers as numbers,
# dates as dates, the header bold and frozen, text that looks like a
# formula as a string cell (python3-openpyxl is a
# dependency: `make deps`); tests/unit/test_report.c drives the format
# directly.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/report_seed.sh"

seed_reports || fail "seed the data set"
PY=
for p in python3 /usr/bin/python3; do
	if $p -c 'import openpyxl' 2>/dev/null; then PY=$p; break; fi
done
run --format xlsx report coverage -o "$T/c.xlsx"
if [ -z "$PY" ]; then
	fail "python3-openpyxl is installed (make deps installs it)"
	finish
	exit
fi
fails 2 "xlsx refuses stdout" --format xlsx report coverage
ok "deadlines as xlsx" --format xlsx report deadlines --as-of 2022-03-01 -o "$T/d.xlsx"
same "the workbook has mode 0640" "$(stat -c %a "$T/d.xlsx")" "640"
same "no temporary file is left" "$(ls -A "$T" | grep -c '^\.d\.xlsx')" "0"
if $PY - "$T/d.xlsx" <<'PY'
import datetime, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
rows = list(ws.iter_rows(values_only=True))
assert rows[0] == ("code", "area", "title", "owner", "due", "days_late", "status"), rows[0]
assert rows[1][0] == "DEC1" and rows[1][4] == datetime.datetime(2021, 9, 23), rows[1]
assert rows[1][5] == 159 and isinstance(rows[1][5], int), rows[1]
assert rows[3][5] is None and len(rows) == 5, rows
assert ws["E2"].is_date and ws["A1"].font.b and ws.freeze_panes == "A2"
assert ws.column_dimensions["C"].width >= len("Євроатлантична інтеграція")
PY
then pass "openpyxl reads typed cells"; else fail "openpyxl reads typed cells"; fi
ok "every participation row as xlsx" --format xlsx report participation --by none -o "$T/p.xlsx"
if $PY - "$T/p.xlsx" <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
rows = list(ws.iter_rows(values_only=True))
assert len(rows) == 12 and sum(r[12] or 0 for r in rows[1:]) == 150, rows
PY
then pass "hours are numbers that sum to 150"; else fail "hours are numbers that sum to 150"; fi

# Formula injection: names a spreadsheet would run are string cells (never
# formulas) with the name as stored; numbers, negative ones too, stay
# numbers.
seed_formulas || fail "seed formula-looking names"
ok "formula-looking names as xlsx" --format xlsx report coverage -o "$T/f.xlsx"
if $PY - "$T/f.xlsx" <<'PY'
import sys, zipfile, openpyxl
want = {"F1": "=1+1", "F2": "+cmd|' /C calc'!A0", "F3": '=HYPERLINK("http://x")',
        "F4": "@SUM(A1)", "F5": "-2+3", "F6": "\tTAB"}
ws = openpyxl.load_workbook(sys.argv[1]).active
seen = {}
for row in ws.iter_rows(min_row=2):
    if row[0].value in want:
        assert row[1].data_type == "s", (row[1].coordinate, row[1].data_type)
        assert row[1].value == want[row[0].value], (row[1].value, want[row[0].value])
        assert row[2].data_type == "n" and row[2].value == 1, row[2].value
        seen[row[0].value] = 1
assert len(seen) == len(want), seen
sheet = zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode()
assert "<f>" not in sheet and "<f " not in sheet, "a formula element"
assert "<t>=1+1</t>" in sheet, "the name as an inline string"
PY
then pass "each name is a string cell holding the name, no formula"; else
	fail "each name is a string cell holding the name, no formula"; fi
finish
