#!/bin/sh
# The pdf export plugin (issue 14, item 4), read back with poppler-utils:
# A4, the heading block with Cyrillic text as written, a table longer than
# a page split with its header on every page, "page N of M" at the foot,
# the totals row, the chart's names; from `report -o`, from a job, and
# with no network.  The data set of tests/cli/report_seed.sh plus 90
# district administrations of one person each, every third of them
# (person ids 9, 12, ..., 96: 30 people) completed:
#   coverage by org: 93 rows; people 6 + 90 = 96, completed 4 + 30 = 34,
#   share 34 / 96 = 35.4 %.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/report_seed.sh"

if ! command -v pdftotext >/dev/null || ! command -v pdfinfo >/dev/null; then
	skip "pdf read back" "no poppler-utils (make deps)"
	finish
	exit
fi
mkdir -p "$XDG_CONFIG_HOME/integra"
CFG="$XDG_CONFIG_HOME/integra/integra.cfg"
printf 'organisation = "Міністерство оборони України";\n' >"$CFG"
seed_reports || fail "seed the data set"
seed_districts 90 3 || fail "seed 90 districts"

fails 2 "pdf refuses standard output" --format pdf report coverage
ok "coverage as pdf" --format pdf report coverage --as-of 2022-03-01 -o "$T/c.pdf"
same "the file has mode 0640" "$(stat -c %a "$T/c.pdf")" "640"
pdfinfo "$T/c.pdf" >"$T/info"
grep -q 'Page size: *595.28 x 841.89 pts (A4)' "$T/info" && pass "A4" || fail "A4"
pages=$(sed -n 's/^Pages: *//p' "$T/info")
if [ "${pages:-0}" -ge 2 ]; then pass "93 rows take more than a page ($pages)"; else
	fail "93 rows take more than a page (${pages:-?})"; fi
pdftotext -layout "$T/c.pdf" "$T/c.txt"
same "the header on every page" "$(grep -c 'Organisation code *Name *People *Completed *Share, %' "$T/c.txt")" "$pages"
same "page N of M on every page" "$(grep -cE "page [0-9]+ of $pages\$" "$T/c.txt")" "$pages"
grep -q "page $pages of $pages" "$T/c.txt" && pass "the last page numbered" || fail "the last page numbered"
grep -q "^Міністерство оборони України" "$T/c.txt" && pass "the issuing body, Cyrillic as written" ||
    fail "the issuing body, Cyrillic as written"
grep -q "As of: 01.03.2022" "$T/c.txt" && pass "the as-of date" || fail "the as-of date"
grep -q "Rows: 93" "$T/c.txt" && pass "the row count" || fail "the row count"
grep -Eq '^total +96 +34 +35\.4$' "$T/c.txt" && pass "the totals: 96, 34, 35.4 %" ||
    fail "the totals: 96, 34, 35.4 %"
grep -q "Районна державна адміністрація №90" "$T/c.txt" && pass "the last row is there" ||
    fail "the last row is there"
grep -q "and 78 more" "$T/c.txt" && pass "the chart: top 15 and 78 more" ||
    fail "the chart: top 15 and 78 more"

ok "deadlines as pdf" --format pdf report deadlines --as-of 2022-03-01 -o "$T/d.pdf"
pdftotext -layout "$T/d.pdf" "$T/d.txt"
grep -q "2 rows without a value are not shown" "$T/d.txt" && pass "the chart leaves out rows without a value" ||
    fail "the chart leaves out rows without a value"
grep -q "23.09.2021" "$T/d.txt" && pass "dates as DD.MM.YYYY" || fail "dates as DD.MM.YYYY"

# 15 columns do not fit portrait: landscape, codes and dates never broken.
ok "every participation row as pdf" --format pdf report participation --by none -o "$T/w.pdf"
pdfinfo "$T/w.pdf" | grep -q 'Page size: *841.89 x 595.28 pts (A4)' &&
    pass "a wide table turns the page landscape" || fail "a wide table turns the page landscape"
pdftotext -layout "$T/w.pdf" "$T/w.txt"
if grep -q "civil_service" "$T/w.txt" && grep -q "01.09.2021" "$T/w.txt" &&
    grep -q "15.11.2021" "$T/w.txt"; then pass "codes and dates whole"; else
	fail "codes and dates whole"; fi
grep -Eq '^total +150 +5$' "$T/w.txt" && pass "hours and credits totalled" ||
    fail "hours and credits totalled"

ok "participation by month as pdf" --format pdf report participation --by month -o "$T/m.pdf"
pdftotext -layout "$T/m.pdf" "$T/m.txt"
same "months drawn as a line: each month under the axis and in the table" \
    "$(grep -o '2021-10' "$T/m.txt" | wc -l)" "2"

# From a job, with no network (when unshare may make a namespace without one).
cat >>"$CFG" <<EOC
jobs = ( { name = "monthly"; report = "coverage"; format = "pdf";
  output = "$T/out/coverage-%Y-%m.pdf"; schedule = "0 6 1 * *"; } );
EOC
mkdir -p "$T/out"
if unshare -rn true 2>/dev/null; then
	unshare -rn "$BIN" job run monthly >"$OUT" 2>"$ERR"
	RC=$?
	NET="with no network"
else
	run job run monthly
	NET="(no network namespace here)"
fi
if [ "$RC" -eq 0 ] && pdftotext "$T"/out/coverage-*.pdf - | grep -q "Районна державна адміністрація №1"; then
	pass "a job writes the pdf $NET"; else fail "a job writes the pdf $NET"; fi
finish
