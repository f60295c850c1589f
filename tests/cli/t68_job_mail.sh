#!/bin/sh
# A job mails its output through the system's sendmail interface: a fake
# sendmail (on PATH, then at the job's `sendmail` path) records its argv
# and its standard input; the headers (To, the Ukrainian subject in RFC
# 2047 words, MIME), the recipients and the attachment (decoded, the same
# bytes as the file, its name and content type) are checked.  A sendmail
# that fails (non-zero exit, killed, missing) makes a failed run with the
# reason in `job history`, and the output file stays.  Bad mail keys are
# configuration errors with file:line.
. "$(dirname "$0")/lib.sh"

CFGDIR="$XDG_CONFIG_HOME/integra"
CFG="$CFGDIR/integra.cfg"
OUTDIR="$T/out"
FAKE="$T/fakebin"
MAIL="$T/mail"
mkdir -p "$CFGDIR" "$OUTDIR" "$FAKE" "$MAIL"

# The fake sendmail: argv one per line in $MAIL/argv, stdin in $MAIL/msg;
# FAKE_MODE=fail exits 75 after a message, kill kills itself.
cat >"$FAKE/sendmail" <<'SH'
#!/bin/sh
printf '%s\n' "$@" >"$FAKE_MAIL/argv"
cat >"$FAKE_MAIL/msg"
case "${FAKE_MODE:-}" in
fail) echo "sendmail: cannot connect to mail.mou.gov.ua: Connection refused" >&2; exit 75 ;;
kill) kill -9 $$ ;;
esac
exit 0
SH
chmod 0755 "$FAKE/sendmail"
export FAKE_MAIL="$MAIL" PATH="$FAKE:$PATH"

ok "init" init
printf 'code,name,kind,region\nMOU,Міністерство оборони України,ministry,Київ\nMJU,Міністерство юстиції України,ministry,Київ\n' >"$T/o.csv"
ok "organisations" import orgs "$T/o.csv"

cat >"$CFG" <<CFG
jobs = (
  { name = "weekly"; report = "coverage"; format = "csv";
    output = "$OUTDIR/coverage-%Y-%m-%d.csv"; schedule = "0 6 * * MON";
    mail_to = [ "kadry@mou.gov.ua", "nachalnyk@mou.gov.ua" ];
    mail_subject = "Охоплення навчанням станом на %d.%m.%Y — щотижневий звіт Міністерства оборони";
    mail_from = "integra@mou.gov.ua"; },
  { name = "one"; report = "coverage"; format = "json";
    output = "$OUTDIR/звіт.json"; schedule = "@daily";
    mail_to = "kadry@mou.gov.ua"; },
  { name = "custom"; report = "coverage"; format = "csv";
    output = "$OUTDIR/custom.csv"; schedule = "@daily";
    mail_to = "kadry@mou.gov.ua"; sendmail = "$T/other/sendmail"; }
);
CFG

ok "a job with mail runs" job run weekly --now "2021-07-26 06:00"
out_has "the run says it was mailed" "mailed to kadry@mou.gov.ua and others"
F="$OUTDIR/coverage-2021-07-26.csv"
same "the output is written" "$(test -s "$F" && echo yes)" "yes"
same "sendmail got -t -oi" "$(tr '\n' ' ' <"$MAIL/argv")" "-t -oi "
db_is "the run is ok" "SELECT outcome || ':' || ifnull(error, '') FROM job_run WHERE job = 'weekly'" "ok:"

# the message, read with Python's email package
cat >"$T/check.py" <<'PY'
import email, email.header, email.policy, sys
msg = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=email.policy.default)
what = sys.argv[2]
if what == 'to':
    print(msg['To'])
elif what == 'from':
    print(msg['From'])
elif what == 'subject':
    print(msg['Subject'])
elif what == 'rawsubject':
    raw = open(sys.argv[1], 'rb').read().split(b'\n\n')[0].decode('ascii')
    print(all(ord(c) < 128 for c in raw), max(len(l) for l in raw.split('\n')))
elif what == 'type':
    print(msg.get_content_type())
elif what == 'parts':
    for p in msg.iter_parts():
        print(p.get_content_type(), p.get_filename() or '-', p['Content-Transfer-Encoding'])
elif what == 'attachment':
    for p in msg.iter_attachments():
        sys.stdout.buffer.write(p.get_payload(decode=True))
elif what == 'text':
    for p in msg.iter_parts():
        if p.get_content_type() == 'text/plain':
            print(p.get_content())
PY
chk() { python3 "$T/check.py" "$MAIL/msg" "$1"; }
same "To: both recipients" "$(chk to)" "kadry@mou.gov.ua, nachalnyk@mou.gov.ua"
same "From: as configured" "$(chk from)" "integra@mou.gov.ua"
same "Subject: Ukrainian, decoded, date of the scheduled time" "$(chk subject)" \
    "Охоплення навчанням станом на 26.07.2021 — щотижневий звіт Міністерства оборони"
same "headers are ASCII, no line over 78" "$(chk rawsubject | awk '{print $1, ($2 <= 78)}')" "True 1"
grep -q '^Subject: =?UTF-8?B?' "$MAIL/msg" && pass "subject in RFC 2047 words" || fail "subject in RFC 2047 words"
same "multipart/mixed" "$(chk type)" "multipart/mixed"
same "a text part and the csv attached, base64" "$(chk parts)" \
    "text/plain - base64
text/csv coverage-2021-07-26.csv base64"
chk attachment >"$T/att"
same "the attachment decodes to the file" "$(cmp -s "$T/att" "$F" && echo same)" "same"
chk text >"$T/text"
grep -q 'weekly' "$T/text" && grep -q "$(sha256sum "$F" | cut -c1-64)" "$T/text" &&
    pass "the text names the job and the checksum" || fail "the text names the job and the checksum"

ok "a single address; a Cyrillic file name" job run one
out_has "the run says where it was mailed" "звіт.json, mailed to kadry@mou.gov.ua"
same "one recipient" "$(chk to)" "kadry@mou.gov.ua"
same "default subject names the file and the job" "$(chk subject)" "integra: звіт.json (job one)"
same "json attached under its Cyrillic name" "$(chk parts | sed -n 2p)" "application/json звіт.json base64"
grep -q "filename\*=UTF-8''%D0%B7" "$MAIL/msg" && pass "RFC 2231 file name" || fail "RFC 2231 file name"
chk attachment >"$T/att"
same "the json decodes to the file" "$(cmp -s "$T/att" "$OUTDIR/звіт.json" && echo same)" "same"

# failures: the run fails, the reason is in the history, the file stays
rm -f "$F"
FAKE_MODE=fail run job run weekly --now "2021-07-26 06:00"
same "sendmail exit 75: the run fails (exit 1)" "$RC" "1"
err_has "the reason names sendmail and its status" "exited with status 75: sendmail: cannot connect to mail.mou.gov.ua"
same "the output file stays" "$(test -s "$F" && echo yes)" "yes"
db_is "history: failed, with the reason and the path" \
    "SELECT outcome || '|' || CASE WHEN error LIKE '%exited with status 75%' THEN '1' ELSE '0' END || '|' || path FROM job_run WHERE job = 'weekly' ORDER BY id DESC LIMIT 1" \
    "failed|1|$F"
ok "job history shows it" job history weekly
out_has "history: the reason" "exited with status 75"

FAKE_MODE=kill run job run weekly --now "2021-07-26 06:00"
same "sendmail killed: the run fails" "$RC" "1"
err_has "killed: says which signal" "was killed by signal 9"
db_is "history: killed" "SELECT outcome || '|' || CASE WHEN error LIKE '%killed by signal 9%' THEN '1' ELSE '0' END FROM job_run WHERE job = 'weekly' ORDER BY id DESC LIMIT 1" "failed|1"

fails 1 "the configured sendmail is missing" job run custom
err_has "missing: says it could not be run" "$T/other/sendmail' exited with status 127: cannot run it: No such file or directory"
same "the output stays" "$(test -s "$OUTDIR/custom.csv" && echo yes)" "yes"
mkdir -p "$T/other"
cp "$FAKE/sendmail" "$T/other/sendmail"
rm "$MAIL/argv"
PATH=/usr/bin:/bin ok "the configured sendmail is used, not PATH's" job run custom
same "it ran" "$(tr '\n' ' ' <"$MAIL/argv")" "-t -oi "

if [ -x /usr/sbin/sendmail ] || [ -x /usr/lib/sendmail ]; then
	skip "no sendmail anywhere: a failed run" "this machine has a sendmail"
else
	PATH=/usr/bin:/bin run job run one
	same "no sendmail anywhere: exit 1" "$RC" "1"
	err_has "no sendmail: says what to install" "no sendmail program"
fi

# a scheduled run whose mail fails is retried like any failed run
cat >"$CFG" <<CFG
jobs = ( { name = "daily"; report = "coverage"; output = "$OUTDIR/daily-%Y-%m-%d.csv";
    schedule = "0 6 * * *"; mail_to = "kadry@mou.gov.ua"; } );
CFG
ok "run-due arms the job" job run-due --now "2021-07-26 05:00"
FAKE_MODE=fail run job run-due --now "2021-07-26 06:00"
same "run-due at 06:00: the mail fails, exit 1" "$RC" "1"
same "the file is there" "$(test -s "$OUTDIR/daily-2021-07-26.csv" && echo yes)" "yes"
rm "$MAIL/argv"
ok "run-due at 06:05: not retried yet" job run-due --now "2021-07-26 06:05"
same "no mail at 06:05" "$(test -e "$MAIL/argv" && echo sent)" ""
ok "run-due at 06:11: retried, mailed" job run-due --now "2021-07-26 06:11"
same "mailed at 06:11" "$(test -e "$MAIL/argv" && echo sent)" "sent"
db_is "history: failed, then ok, for the same scheduled time" \
    "SELECT group_concat(outcome || '@' || substr(scheduled, 12, 5), ' ') FROM (SELECT * FROM job_run WHERE job = 'daily' AND outcome <> 'armed' ORDER BY id) AS r" \
    "failed@06:00 ok@06:00"
cat >"$CFG" <<CFG
jobs = (
  { name = "weekly"; report = "coverage"; output = "$OUTDIR/w.csv"; schedule = "@daily"; },
  { name = "one"; report = "coverage"; output = "$OUTDIR/o.csv"; schedule = "@daily"; },
  { name = "custom"; report = "coverage"; output = "$OUTDIR/c.csv"; schedule = "@daily"; }
);
CFG
fails 3 "a mistyped job name" job run weekyl
err_has "did you mean the job" "no job 'weekyl' in the configuration; did you mean 'weekly'? (jobs: weekly, one, custom)"

# bad mail keys: configuration errors, file:line
bad() {
	printf 'jobs = (\n{ name = "m"; report = "coverage"; output = "%s/m.csv";\n  schedule = "@daily";\n  %s }\n);\n' "$OUTDIR" "$1" >"$CFG"
	fails 4 "$2" job list
	err_has "$2: file:line and message" "$CFG:4: job 'm': $3"
}
bad 'mail_to = "kadry";' "an address without @" "'mail_to': 'kadry' is not an address"
bad 'mail_to = [ "a@b.ua", "x y@b.ua" ];' "an address with a space" "'mail_to': 'x y@b.ua' is not an address"
bad 'mail_to = "a@b.ua>\nBcc: x@y.ua";' "a header injected" "'mail_to': 'a@b.ua>"
bad 'mail_to = [];' "an empty list" "'mail_to' must name at least one address"
bad 'mail_subject = "Звіт";' "a subject without mail_to" "'mail_subject' is given but 'mail_to' is not"
bad 'mail_to = "a@b.ua"; mail_subject = "Звіт\nBcc: x@y.ua";' "a subject with a newline" "'mail_subject' must be a non-empty string without control characters"
bad 'mail_to = "a@b.ua"; mail_from = "integra";' "a bad From" "'mail_from': 'integra' is not an address"

finish
