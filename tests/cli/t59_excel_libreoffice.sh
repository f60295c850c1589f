#!/bin/sh
# An `--excel` CSV opened by LibreOffice as a Ukrainian desktop opens it
# with a double-click: the import settings of a uk-UA locale (';' between
# cells, UTF-8 as the byte-order mark says, the language's decimal comma),
# converted headless to xlsx; the cells' types are read from the sheet's
# XML: numbers stayed numbers (2,5 is 2.5), years numbers, names text, and
# formula-like text text.  Then our xlsx, opened by LibreOffice too: date
# cells, numbers, strings and the totals' formulas.  Skipped where soffice
# is not installed (CI installs LibreOffice through EXTRA_PKGS).
# run alone: LibreOffice is slow to start and heavy on a small machine
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/report_seed.sh"

seed_reports || fail "seed the data set"
# Fractions, to see the decimal comma.
seed <<'SQL' || fail "credits with fractions"
UPDATE participation SET credits = credits + 0.5 WHERE credits IS NOT NULL;
UPDATE participation SET fields = json_set(fields, '$.credits_earned',
    CAST(json_extract(fields, '$.credits_earned') AS NUMERIC) + 0.5)
  WHERE json_extract(fields, '$.credits_earned') IS NOT NULL;
INSERT INTO organisation (code, name, kind) VALUES ('F1', '=1+1', 'other');
INSERT INTO person (key, name, org_id) VALUES
 ('PF', 'Формула', (SELECT id FROM organisation WHERE code = 'F1'));
SQL

ok "credits as csv --excel" --format csv report cs_credits --excel -o "$T/credits.csv"
same "';' and a decimal comma" "$(sed -n 2p "$T/credits.csv")" "$(printf 'P2;Ганна Коваль;MOU;2021;2,5;1;yes\r')"
ok "coverage as csv --excel" --format csv report coverage --excel -o "$T/cover.csv"

SOFFICE=$(command -v soffice || command -v libreoffice || true)
# LibreOffice's launcher runs itself under valgrind when VALGRIND is set
# (`make check VALGRIND=1` exports it): it is not ours to check.
unset VALGRIND
if [ -z "$SOFFICE" ]; then
	skip "LibreOffice opens the --excel CSV with numbers as numbers" "soffice is not installed"
	finish
	exit
fi

# cells FILE.xlsx: "REF TYPE VALUE" for each cell of the first sheet,
# text cells with their text.
cells() {
	python3 - "$1" <<'PY'
import html, re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
sst = [html.unescape(re.sub(r'<[^>]+>', '', s)) for s in
       re.findall(r'<si>(.*?)</si>', z.read('xl/sharedStrings.xml').decode(), re.S)]
sheet = z.read('xl/worksheets/sheet1.xml').decode()
for ref, attrs, body in re.findall(r'<c r="([A-Z]+[0-9]+)"([^>]*)>(.*?)</c>', sheet):
    t = re.search(r't="(\w+)"', attrs)
    t = t.group(1) if t else 'n'
    v = re.search(r'<v>(.*?)</v>', body).group(1)
    print(ref, 'text' if t == 's' else 'number' if t == 'n' else t,
          sst[int(v)] if t == 's' else v)
PY
}

# opened NAME: converts $T/NAME.csv as a uk-UA LibreOffice opens it (CSV
# import options: 59 ';', 34 '"', 76 UTF-8, from line 1, standard
# columns, 1058 Ukrainian) into $T/lo/NAME.xlsx, and its cells into
# $T/NAME.cells.
opened() {
	if "$SOFFICE" -env:UserInstallation="file://$T/lo-profile" --headless \
	    --infilter="CSV:59,34,76,1,,1058" --convert-to xlsx --outdir "$T/lo" \
	    "$T/$1.csv" >"$OUT" 2>"$ERR" && [ -s "$T/lo/$1.xlsx" ]; then
		pass "LibreOffice opens $1.csv"
	else
		fail "LibreOffice opens $1.csv"
	fi
	cells "$T/lo/$1.xlsx" >"$T/$1.cells" 2>&1
}

# cell NAME LINE DESC: the cells of NAME have the line LINE.
cell() {
	if grep -qx -- "$2" "$T/$1.cells"; then pass "$3"; else
		fail "$3 ($(grep "^${2%% *} " "$T/$1.cells"))"; fi
}

opened credits
cell credits "E2 number 2.5" "2,5 is the number 2.5"
cell credits "D2 number 2021" "the year is a number"
cell credits "F2 number 1" "the target is a number"
cell credits "B2 text Ганна Коваль" "a Cyrillic name is text, read as UTF-8"
same "every row split into its seven cells" "$(grep -c '^G[0-9]' "$T/credits.cells")" "$(grep -c . "$T/credits.csv")"

opened cover
f=$(grep "1+1" "$T/cover.cells" | cut -d' ' -f1)
cell cover "$f text '=1+1" "formula-like text stays text"
cell cover "C2 number 1" "counts are numbers"

# Our own xlsx opened by LibreOffice: converted headless to flat ODF
# (fods), whose cells say their type: dates are dates, counts and years
# numbers, names strings, and the totals row formulas LibreOffice
# computes to the figures we cached.
ok "deadlines as xlsx" --format xlsx report deadlines --as-of 2022-03-01 -o "$T/dl.xlsx"
ok "coverage as xlsx" --format xlsx report coverage -o "$T/cov.xlsx"
if HOME="$T" "$SOFFICE" --headless -env:UserInstallation=file://"$T/lo-profile" \
    --convert-to fods --outdir "$T/lo" "$T/dl.xlsx" "$T/cov.xlsx" >"$OUT" 2>"$ERR" &&
    [ -s "$T/lo/dl.fods" ] && [ -s "$T/lo/cov.fods" ]; then
	pass "LibreOffice opens the xlsx we write"
else
	fail "LibreOffice opens the xlsx we write"
fi
# types FILE: one line per cell, "TYPE VALUE [FORMULA]".
types() {
	python3 - "$1" <<'PY'
import html, re, sys
x = open(sys.argv[1], encoding='utf-8').read()
for attrs, body in re.findall(r'<table:table-cell([^>]*)>(.*?)</table:table-cell>', x, re.S):
    t = re.search(r'office:value-type="(\w+)"', attrs)
    if not t:
        continue
    v = re.search(r'office:(?:date-)?value="([^"]*)"', attrs)
    f = re.search(r'table:formula="([^"]*)"', attrs)
    text = html.unescape(re.sub(r'<[^>]+>', '', body)).strip()
    print(t.group(1), v.group(1) if v else text, html.unescape(f.group(1)) if f else '')
PY
}
types "$T/lo/dl.fods" >"$T/dl.types" 2>&1
types "$T/lo/cov.fods" >"$T/cov.types" 2>&1
if grep -q '^date 20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]' "$T/dl.types"; then
	pass "a due date is a date cell"
else
	fail "a due date is a date cell ($(head -c 300 "$T/dl.types"))"
fi
if grep -q '^float [0-9.]* of:=SUM(' "$T/cov.types"; then
	pass "the totals are SUM formulas LibreOffice computes"
else
	fail "the totals are SUM formulas LibreOffice computes ($(grep -c . "$T/cov.types") cells)"
fi
if grep -q '^string Міністерство' "$T/cov.types"; then
	pass "a Cyrillic name is a string cell"
else
	fail "a Cyrillic name is a string cell"
fi

finish
