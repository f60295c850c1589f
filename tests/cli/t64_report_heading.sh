#!/bin/sh
# The heading block and the totals of the core reports (issue 14, items 1
# and 2): the issuing body from the configuration, the title and question,
# as of, period, filters, dimension, when made, version and row count in
# the table and html formats (csv and json stay bare), headers that are
# labels, and totals rows against figures computed by hand from the data
# set of tests/cli/report_seed.sh:
#   coverage by org: people 2+3+1 = 6, completed 1+3+0 = 4, share 4/6 = 66.7
#   coverage by region from 01.12.2021: 6 people, 2 completed, 33.3 %
#   participation, every row: hours 60+60+30 = 150, credits 2+2+1 = 5
#   deadlines by area as of 01.03.2022: outstanding 2+2 = 4, overdue 1+1 = 2,
#     most days late (a maximum) not summed
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/report_seed.sh"

mkdir -p "$XDG_CONFIG_HOME/integra"
printf 'organisation = "Міністерство оборони України";\nplugins = { enabled = [ ]; };\n' \
    >"$XDG_CONFIG_HOME/integra/integra.cfg"
seed_reports || fail "seed the data set"

ok "coverage as a table" report coverage
same "the issuing body first, then title and question" "$(head -n 3 "$OUT")" "Міністерство оборони України
Coverage
what share of each organisation's or region's people completed a programme"
out_has "the dimension" "By: org"
if grep -qE '^Made: [0-3][0-9]\.[01][0-9]\.20[0-9][0-9] [0-2][0-9]:[0-5][0-9] (EET|EEST)$' "$OUT"; then
	pass "made: local time of Kyiv"; else fail "made: local time of Kyiv"; fi
out_has "the version" "Version: integra "
out_has "the row count" "Rows: 3"
out_lacks "no as-of line when not given" "As of:"
out_has "headers are labels" "Organisation code  Name                  People  Completed  Share, %"
out_lacks "not identifiers" "share_pct"
out_has "the share of the totals, not a blank or a sum" "total                                         6          4      66.7"

ok "coverage by region since December" report coverage --by region --from 2021-12-01
out_has "the period" "Period: from 01.12.2021"
out_has "region totals" "total           6          2      33.3"

ok "participation in a period, as of a day" report participation --by month --from 2021-10-01 \
    --to 31.12.2021 --as-of 2022-03-01
out_has "as of, as a Ukrainian date" "As of: 01.03.2022"
out_has "the period from and to" "Period: 01.10.2021 – 31.12.2021"
out_has "month totals" "total            0         0         1          3       1          1               6"

ok "participation, every row" report participation --by none
out_has "hours and credits summed" "150        5"
out_lacks "no dimension line without one" "By:"

ok "deadlines by area" report deadlines --by area --as-of 2022-03-01
if grep -q '^total  *4  *2$' "$OUT"; then pass "counts summed, the maximum left blank"; else
	fail "counts summed, the maximum left blank"; fi
ok "deadlines overdue only" report deadlines --overdue --as-of 2022-03-01
out_has "the filter" "Filters: overdue only"
out_lacks "days late are not summed into a totals row" "total"
ok "deadlines within 30 days of an area" report deadlines --within 30 --as-of 2022-03-01
out_has "the within filter" "Filters: due within 30 days"

ok "csv stays bare" --format csv report coverage
same "csv: identifiers and rows only" "$(head -n 1 "$OUT" | tr -d '\r')" "org,name,people,completed,share_pct"
out_lacks "csv: no heading" "України"
ok "json stays bare" --format json report coverage
out_lacks "json: no heading" "України"
out_lacks "json: no totals" "66.7"

ok "coverage as html" --format html report coverage --as-of 2022-03-01
out_has "html: the issuing body" '<p class="org">Міністерство оборони України</p>'
out_has "html: the title" "<h1>Coverage</h1>"
out_has "html: the as-of fact" "<dt>As of</dt><dd>01.03.2022</dd>"
out_has "html: the row count" '<p class="rows">Rows: 3</p>'
out_has "html: labelled headers" "<th>Organisation code</th><th>Name</th><th>People</th>"
out_has "html: the share of the totals" '<td class="n">66.7</td></tr></tfoot>'
out_has "html: codes never broken" '<td class="c">LODA</td>'

printf 'plugins = { enabled = [ ]; };\n' >"$XDG_CONFIG_HOME/integra/integra.cfg"
ok "without an issuing body" report coverage
same "the title comes first" "$(head -n 1 "$OUT")" "Coverage"
printf 'organisation = 5;\n' >"$XDG_CONFIG_HOME/integra/integra.cfg"
fails 4 "an issuing body that is not text is refused" report coverage
err_has "the key is named" "organisation"
finish
