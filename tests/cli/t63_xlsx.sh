#!/bin/sh
# The xlsx export plugin end to end: `--format xlsx -o FILE` gives a
# workbook that openpyxl (python3-openpyxl) reads with the heading block
# above the table, a sheet named after the report, numbers as numbers,
# dates as dates shown dd.mm.yyyy, the header of labels bold, frozen and
# filtered, a totals row of formulas (SUM; a share as the ratio of the
# totals), text that looks like a formula as a string cell (python3-openpyxl is a
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
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.active
assert wb.sheetnames == ["Deadlines"], wb.sheetnames
rows = list(ws.iter_rows(values_only=True))
h = [r[0] for r in rows].index("Code")
assert rows[0][0] == "Deadlines" and rows[h - 2][:2] == ("Rows", 4), rows[:h]
assert ("As of", "01.03.2022") in [r[:2] for r in rows[:h]], rows[:h]
assert rows[h] == ("Code", "Area", "Title", "Responsible", "Due", "Days late", "Status"), rows[h]
assert rows[h + 1][0] == "DEC1" and rows[h + 1][4] == datetime.datetime(2021, 9, 23), rows[h + 1]
assert rows[h + 1][5] == 159 and isinstance(rows[h + 1][5], int), rows[h + 1]
assert rows[h + 3][5] is None and len(rows) == h + 5, rows
e = ws.cell(row=h + 2, column=5)
assert e.is_date and e.number_format == "dd.mm.yyyy", e.number_format
assert ws.cell(row=h + 1, column=1).font.b and ws.freeze_panes == "A%d" % (h + 2), ws.freeze_panes
assert ws.auto_filter.ref == "A%d:G%d" % (h + 1, h + 5), ws.auto_filter.ref
assert ws.column_dimensions["C"].width >= len("Євроатлантична інтеграція")
PY
then pass "openpyxl reads the heading, typed cells, the frozen and filtered header"; else
	fail "openpyxl reads the heading, typed cells, the frozen and filtered header"; fi
ok "coverage as xlsx" --format xlsx report coverage -o "$T/c.xlsx"
if $PY - "$T/c.xlsx" <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
rows = list(ws.iter_rows(values_only=True))
h = [r[0] for r in rows].index("Organisation code")
assert rows[h + 1:h + 4] == [("LODA", "Львівська ОДА", 2, 1, 50), ("MOU", "Міністерство оборони", 3, 3, 100),
    ("ODA", "Одеська ОДА", 1, 0, 0)], rows
t = rows[h + 4]
r0, r1 = h + 2, h + 4
assert t[0] == "total" and t[1] is None, t
assert t[2] == "=SUM(C%d:C%d)" % (r0, r1) and t[3] == "=SUM(D%d:D%d)" % (r0, r1), t
assert t[4] == '=IF(SUM(C%d:C%d)=0,"",ROUND(SUM(D%d:D%d)/SUM(C%d:C%d)*100,1))' % (r0, r1, r0, r1, r0, r1), t
PY
then pass "totals: sums and the share as the ratio of the totals, as formulas"; else
	fail "totals: sums and the share as the ratio of the totals, as formulas"; fi
if unzip -p "$T/c.xlsx" xl/worksheets/sheet1.xml | grep -q '<v>66.7</v>'; then
	pass "the share's value 4/6 = 66.7 is cached for viewers"; else
	fail "the share's value 4/6 = 66.7 is cached for viewers"; fi
ok "every participation row as xlsx" --format xlsx report participation --by none -o "$T/p.xlsx"
if $PY - "$T/p.xlsx" <<'PY'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
rows = list(ws.iter_rows(values_only=True))
h = [r[0] for r in rows].index("Programme")
assert len(rows) == h + 13 and sum(r[12] or 0 for r in rows[h + 1:h + 12]) == 150, rows
assert rows[h + 12][12] == "=SUM(M%d:M%d)" % (h + 2, h + 12), rows[h + 12]
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
for row in ws.iter_rows(min_row=ws.min_row):
    if row[0].value in want:
        assert row[1].data_type == "s", (row[1].coordinate, row[1].data_type)
        assert row[1].value == want[row[0].value], (row[1].value, want[row[0].value])
        assert row[2].data_type == "n" and row[2].value == 1, row[2].value
        seen[row[0].value] = 1
assert len(seen) == len(want), seen
z = zipfile.ZipFile(sys.argv[1])
sheet = z.read("xl/worksheets/sheet1.xml").decode()
formulas = [f.split("</f>")[0] for f in sheet.split("<f>")[1:]]
assert formulas and all(f.startswith(("SUM(", "IF(SUM(")) for f in formulas), formulas
assert "<t>=1+1</t>" in z.read("xl/sharedStrings.xml").decode(), "the name as a string"
PY
then pass "each name is a string cell holding the name; the totals' are the only formulas"; else
	fail "each name is a string cell holding the name; the totals' are the only formulas"; fi
finish
