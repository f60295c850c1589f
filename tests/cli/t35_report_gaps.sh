#!/bin/sh
# The gaps of issue 14 closed late: a mistyped report name or dimension
# gets "did you mean ...?"; `config show` prints the pager, organisation,
# language and corrections keys with where each came from; the example
# jobs file (with a job that mails its output) loads; the PDF draws the
# timeline of a report whose rows have start and end dates or a due date.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/report_seed.sh"

# err_lacks DESC TEXT: the last stderr does not contain TEXT.
err_lacks() {
	if grep -qF -- "$2" "$ERR"; then fail "$1 (stderr has '$2')"; else pass "$1"; fi
}

if seed_reports; then pass "the report data"; else fail "the report data"; fi

# "did you mean": a report name and a dimension
fails 2 "a mistyped report is refused" report coverge
err_has "the nearest report is offered" "unknown report 'coverge'; did you mean 'coverage'? (valid: participation, coverage, deadlines"
fails 2 "a mistyped dimension is refused" report coverage --by regoin
err_has "the nearest dimension is offered" "unknown dimension 'regoin' for report 'coverage'; did you mean 'region'? (valid: org, region)"
fails 2 "a word near no report" report xyzzyq
err_has "lists the reports" "unknown report 'xyzzyq' (valid: "
err_lacks "without a suggestion" "did you mean"
fails 2 "a dimension near none" report coverage --by month
err_has "lists the dimensions only" "unknown dimension 'month' for report 'coverage' (valid: org, region)"
LC_ALL=uk_UA.UTF-8 LANGUAGE=uk run report coverge
if grep -qF "можливо, ви мали на увазі «coverage»?" "$ERR"; then
	pass "the suggestion in Ukrainian"
elif ! locale -a 2>/dev/null | grep -qi '^uk_UA.utf-\?8$'; then
	skip "the suggestion in Ukrainian" "the uk_UA.UTF-8 locale is not generated"
else
	fail "the suggestion in Ukrainian"
fi

# config show: the keys read where they are used
unset INTEGRA_PAGER PAGER
ok "config show without a file" config show
out_has "the default pager" "# pager = \"less -FRX\";	# default"
out_has "no organisation by default" "# organisation = \"\";	# default (reports name no issuing body)"
out_has "no language by default" "# language = \"\";	# default (LC_ALL, LC_MESSAGES, LANG)"
out_has "no corrections.users by default" "# corrections.users = [ ];	# default (no user may correct records)"
out_has "no corrections.groups by default" "# corrections.groups = [ ];	# default (no group may correct records)"
PAGER="more" run config show
out_has "\$PAGER serves when the file sets none" "# pager = \"more\";	# default (\$PAGER)"
mkdir -p "$T/etc"
cat >"$T/etc/main.cfg" <<'CFG'
language = "uk";
pager = "less -S";
organisation = "Міністерство оборони України";
corrections = {
  users = [ "kovalenko", "root" ];
  groups = [ "integra-hr" ];
};
CFG
ok "config show with the keys set" -c "$T/etc/main.cfg" config show
out_has "the pager and its line" "pager = \"less -S\";	# $T/etc/main.cfg:2"
out_has "the organisation and its line" "organisation = \"Міністерство оборони України\";	# $T/etc/main.cfg:3"
out_has "the language and its line" "language = \"uk\";	# $T/etc/main.cfg:1"
out_has "corrections.users and its line" "corrections.users = [ \"kovalenko\", \"root\" ];	# $T/etc/main.cfg:5"
out_has "corrections.groups and its line" "corrections.groups = [ \"integra-hr\" ];	# $T/etc/main.cfg:6"
INTEGRA_PAGER="cat" run -c "$T/etc/main.cfg" config show
out_has "\$INTEGRA_PAGER wins over the file (here in Ukrainian, as the file says)" \
    "pager = \"cat\";	# середовище (\$INTEGRA_PAGER)"
INTEGRA_PAGER="cat" run config show
out_has "\$INTEGRA_PAGER, in English" "pager = \"cat\";	# environment (\$INTEGRA_PAGER)"

# the example jobs file, with this build's plugins: its mailing job loads
# and mails a PDF through a fake sendmail that records what it got
mkdir -p "$T/out" "$T/bin"
sed -e "s|/srv/exports|$T/out|" \
    -e "s|/var/lib/integra/integra.db|$(printf '%s' "$DB" | sed 's/&/\\&/g')|" \
    -e "s|/usr/local/lib/integra/plugins|$PLUGDIR|" \
    "$ROOT/config/jobs-example.cfg" >"$T/example.cfg"
cat >"$T/bin/sendmail" <<SH
#!/bin/sh
echo "\$*" >"$T/sendmail.args"
cat >"$T/sendmail.msg"
SH
chmod 0755 "$T/bin/sendmail"
if [ ! -f "$PLUGDIR/pdf.so" ]; then
	skip "the example's mailing job" "the pdf plugin is not built"
else
	ok "the example jobs file loads" -c "$T/example.cfg" job list
	out_has "with its monthly job" "monthly-deadlines    0 7 1 * *"
	PATH="$T/bin:$PATH" run -c "$T/example.cfg" job run monthly-deadlines
	if [ "$RC" -eq 0 ]; then pass "the mailing job runs"; else fail "the mailing job runs"; fi
	out_has "and says it mailed" "mailed to kadry@mou.gov.ua and others"
	cp "$T/sendmail.msg" "$OUT" 2>/dev/null || : >"$OUT"
	out_has "sendmail got both recipients" "kadry@mou.gov.ua,"
	out_has "and the second" "nachalnyk.viddilu@mou.gov.ua"
	out_has "the Ukrainian subject, encoded" "Subject: =?UTF-8?B?0KHRgtGA0L7QutC4"
	out_has "the PDF attached" "Content-Type: application/pdf"
	same "sendmail was run as -t -oi" "$(cat "$T/sendmail.args" 2>/dev/null)" "-t -oi"
fi

# the PDF's timeline, read back with pdftotext: the same rows and dates
# as the html format's (t65) in the report's order, the axis from the
# first to the last day; start to end where both are known
if [ ! -f "$PLUGDIR/pdf.so" ] || ! command -v pdftotext >/dev/null; then
	skip "the pdf timeline" "no pdf plugin or no poppler-utils"
	finish
	exit $?
fi
# timeline FILE: the lines of the PDF's text from "Timeline" to the axis
timeline() {
	pdftotext -layout "$1" - | sed -n '/^Timeline$/,/^ *[0-9.]*  *[0-9.]*$/p' |
	    sed 's/^ *//; s/  */ /g; /^$/d' >"$OUT"
}
ok "deadlines as pdf" --format pdf report deadlines --as-of 2022-03-01 -o "$T/dl.pdf"
timeline "$T/dl.pdf"
same "the due dates in the report's order, each with its date" "$(cat "$OUT")" \
"Timeline
CMU-1 аналіз програм 23.09.2021
Євроатлантична інтеграція 23.01.2022
CMU-4 програми 10.03.2022
Короткий курс, \"НАТО\" 30.06.2022
23.09.2021 30.06.2022"
seed <<'SQL'
UPDATE participation SET "end" = '2021-12-20' WHERE id = 1;
SQL
ok "participation, every row, as pdf" --format pdf report participation --by none -o "$T/none.pdf"
timeline "$T/none.pdf"
out_has "start to end where both are known" "Петро Іваненко 01.09.2021 – 20.12.2021"
out_has "a lone start" "Ганна Коваль 01.09.2021"
out_has "the axis" "01.09.2021 20.12.2021"
ok "coverage as pdf" --format pdf report coverage -o "$T/cov.pdf"
pdftotext "$T/cov.pdf" "$OUT"
out_lacks "no timeline without dates" "Timeline"
LC_ALL=uk_UA.UTF-8 LANGUAGE=uk run --format pdf report deadlines --as-of 2022-03-01 -o "$T/uk.pdf"
pdftotext "$T/uk.pdf" "$OUT" 2>/dev/null
if grep -qx "Хронологія\|Часова шкала" "$OUT"; then pass "the timeline's heading in Ukrainian"
elif ! locale -a 2>/dev/null | grep -qi '^uk_UA.utf-\?8$'; then
	skip "the timeline's heading in Ukrainian" "the uk_UA.UTF-8 locale is not generated"
else fail "the timeline's heading in Ukrainian"; fi
finish
