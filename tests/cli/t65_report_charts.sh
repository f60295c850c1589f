#!/bin/sh
# The charts of the html format (issue 14, item 3), on the data set of
# tests/cli/report_seed.sh: bars named by the organisation's name with its
# code in the tooltip, ranked by the measure (coverage: МО 100, ЛОДА 50,
# ОДА 0), rows without a value left out (deadlines as of 01.03.2022: only
# DEC1 and CS1 are late; CS2 and DEC3 have no days late), a long ranking
# cut to the top 20 with "and M more", rows with an order of their own
# (statuses) kept in it, months drawn as a line, a timeline of the dated
# rows (a mark for a lone date, a bar from start to end), and nothing but SVG.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/report_seed.sh"

mkdir -p "$XDG_CONFIG_HOME/integra"
printf 'plugins = { enabled = [ ]; };\n' >"$XDG_CONFIG_HOME/integra/integra.cfg"
seed_reports || fail "seed the data set"

# svg FILE: the bar or line chart of the page, one element per line;
# timeline FILE: its timeline.
svg() { sed -n '/<section class="chart">/,/<\/svg>/p' "$1" | sed 's/></>\n</g'; }
timeline() { sed -n '/<section class="chart timeline">/,/<\/svg>/p' "$1" | sed 's/></>\n</g'; }

ok "coverage as html" --format html report coverage -o "$T/cov.html"
svg "$T/cov.html" >"$T/cov.svg"
same "bars named by names, ranked by the share" \
    "$(grep -o '<text x="292"[^>]*>[^<]*' "$T/cov.svg" | sed 's/.*>//' | tr '\n' '|')" \
    "Міністерство оборони|Львівська ОДА|Одеська ОДА|"
same "codes in the tooltips" "$(grep -o '<title>[^<]*' "$T/cov.svg" | sed 's/<title>//' | tr '\n' '|')" \
    "MOU · Міністерство оборони|LODA · Львівська ОДА|ODA · Одеська ОДА|"
same "three bars" "$(grep -c '<rect' "$T/cov.svg")" "3"
if grep -q '<script\|onclick\|javascript:' "$T/cov.html"; then fail "no script"; else pass "no script"; fi

ok "deadlines as html" --format html report deadlines --as-of 2022-03-01 -o "$T/dl.html"
svg "$T/dl.html" >"$T/dl.svg"
same "only the late are drawn" "$(grep -c '<rect' "$T/dl.svg")" "2"
if grep -q '>0</text>' "$T/dl.svg"; then fail "no bar of 0 days for a row without a value"; else
	pass "no bar of 0 days for a row without a value"; fi
grep -q "2 rows without a value are not shown" "$T/dl.svg" &&
    pass "the left-out rows are said" || fail "the left-out rows are said"
same "most days late first" "$(grep -o '<title>[^<]*' "$T/dl.svg" | sed 's/<title>//' | tr '\n' '|')" \
    "DEC1 · CMU-1 аналіз програм|CS1 · Євроатлантична інтеграція|"
grep -q '<td class="d">2021-09-23</td>' "$T/dl.html" && pass "dates kept on one line" ||
    fail "dates kept on one line"
timeline "$T/dl.html" >"$T/dl.tl"
same "a timeline of the due dates, in the report's order" \
    "$(grep -o '<title>[^<]*' "$T/dl.tl" | sed 's/<title>//' | tr '\n' '|')" \
    "CMU-1 аналіз програм: 23.09.2021|Євроатлантична інтеграція: 23.01.2022|CMU-4 програми: 10.03.2022|Короткий курс, &quot;НАТО&quot;: 30.06.2022|"
same "a mark for each due date" "$(grep -c '<path' "$T/dl.tl")" "4"
if grep -q '>23.09.2021</text>' "$T/dl.tl" && grep -q '>30.06.2022</text>' "$T/dl.tl"; then
	pass "the axis from the first to the last day"; else fail "the axis from the first to the last day"; fi
seed <<'SQL'
UPDATE participation SET "end" = '2021-12-20' WHERE id = 1;
SQL
ok "participation, every row, as html" --format html report participation --by none -o "$T/none.html"
timeline "$T/none.html" >"$T/none.tl"
same "start to end as a bar where both are known" "$(grep -c '<rect' "$T/none.tl")" "1"
same "a mark where only one date is (the two other starts)" "$(grep -c "<path" "$T/none.tl")" "2"
grep -q "<title>Петро Іваненко: 01.09.2021 – 20.12.2021</title>" "$T/none.tl" &&
    pass "the span in the tooltip" || fail "the span in the tooltip"

ok "participation by status as html" --format html report participation -o "$T/st.html"
same "statuses in their own order, not ranked" \
    "$(svg "$T/st.html" | grep -o '<text x="292"[^>]*>[^<]*' | sed 's/.*>//' | tr '\n' '|')" \
    "nominated|enrolled|attended|completed|failed|withdrawn|"

ok "participation by month as html" --format html report participation --by month -o "$T/mo.html"
svg "$T/mo.html" >"$T/mo.svg"
same "months drawn as a line" "$(grep -c '<polyline' "$T/mo.svg")" "1"
same "a point per month" "$(grep -c '<circle' "$T/mo.svg")" "6"

# 30 more organisations of one person each, every one completed: 33 rows.
seed_districts 30 1 || fail "seed 30 districts"
ok "a long ranking as html" --format html report coverage -o "$T/long.html"
svg "$T/long.html" >"$T/long.svg"
same "the top 20 drawn" "$(grep -c '<rect' "$T/long.svg")" "20"
grep -q "and 13 more" "$T/long.svg" && pass "and 13 more" || fail "and 13 more"
same "the table keeps every row" "$(grep -c "^<tr><td" "$T/long.html")" "33"
finish
