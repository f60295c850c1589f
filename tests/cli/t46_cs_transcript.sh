#!/bin/sh
# civil_service: the transcript of one person (every output format, the
# period), certificates with issuer, date and validity (valid until before
# issued refused), and the report of those expiring within N days, as a
# monthly job would run it.
. "$(dirname "$0")/areas.sh"
. "$(dirname "$0")/cs_seed.sh"

ok "transcript of A4" --format json civil_service transcript A4
json_is "A4: two programmes, hours at 30 per credit" \
    '[.[] | [.date, .programme, .provider, .kind, .length, .hours, .credits]]' \
    '[["2025-04-20","CS2","Школа НАТО в Обераммергау","qualification-upgrading","short-term",15,0.5],["2025-06-30","CS3",null,"self-education",null,30,1]]'
ok "transcript of A1 with its certificate" --format json civil_service transcript A1
json_is "certificate number, date and validity" \
    '[.[] | [.title, .provider, .credits, .certificate, .certificate_date, .valid_until]]' \
    '[["Євроатлантична інтеграція","Вища школа публічного управління",2,"ВШПУ-2025-0001","2025-03-10","2026-03-10"]]'
ok "a free-text provider" --format json civil_service transcript L1
json_is "L1: the provider as typed" '[.[] | .provider]' '["Школа НАТО в Обераммергау","Київська школа економіки"]'
ok "a period" --format json civil_service transcript A4 --from 01.05.2025 --to 31.12.2025
json_is "only what falls in it" '[.[] | .programme]' '["CS3"]'
ok "nothing earned: an empty transcript" --format json civil_service transcript A3
json_is "no rows" 'length' '0'
ok "CSV" --format csv civil_service transcript A4
out_has "CSV header" "date,programme,title,provider,kind,length,content,hours,credits,certificate,certificate_date,valid_until"
out_has "CSV row" "2025-06-30,CS3,Самостійне вивчення стандартів НАТО,,self-education,,,30,1,,,"
ok "table" civil_service transcript A4
out_has "table with the total" "total"
ok "HTML" --format html civil_service transcript A4
out_has "HTML title names the person" "Transcript of professional development: Гнатюк Марія (A4)"
fails 4 "a transcript of an officer" civil_service transcript M1
fails 3 "of nobody" civil_service transcript NOBODY
fails 2 "a period the wrong way round" civil_service transcript A4 --from 2025-12-31 --to 2025-01-01
fails 4 "a bad date" civil_service transcript A4 --from 31.02.2025
fails 2 "an unknown option" civil_service transcript A4 --year 2025

# Certificates.
before=$(snapshot)
fails 4 "valid until before issued refused" participation set CS2 A4 \
    --field certificate=НАТО-7 --field certificate_date=20.04.2025 \
    --field certificate_valid_until=19.04.2025
err_has "both dates named" "field 'certificate_valid_until' = 2025-04-19 is before 'certificate_date' = 2025-04-20"
same "nothing changed" "$(snapshot)" "$before"
ok "valid until the day it was issued" participation set CS2 A4 --field certificate=НАТО-7 \
    --field certificate_issuer="Школа НАТО" --field certificate_date=20.04.2025 \
    --field certificate_valid_until=20.04.2026
report_is "expiring within 30 days of 20.02.2026" \
    '[.[] | [.person, .programme, .certificate, .issuer, .issued, .valid_until, .days_left]]' \
    '[["A1","CS1","ВШПУ-2025-0001","ВШПУ","2025-03-10","2026-03-10",18]]' \
    cs_certificates --as-of 2026-02-20
report_is "within 120 days" '[.[] | [.person, .valid_until, .days_left]]' \
    '[["A1","2026-03-10",18],["A4","2026-04-20",59],["L1","2026-06-01",101]]' \
    cs_certificates --as-of 2026-02-20 --within 120
report_is "expired ones with --overdue" '[.[] | [.person, .days_left]]' \
    '[["A1",-22],["A4",19]]' cs_certificates --as-of 2026-04-01 --overdue
report_is "without --overdue, expired ones are left out" '[.[] | .person]' '["A4"]' \
    cs_certificates --as-of 2026-04-01

# A monthly job sends the report (the job's own checks are the core's).
mkdir -p "$XDG_CONFIG_HOME/integra" "$T/out"
cat >"$XDG_CONFIG_HOME/integra/integra.cfg" <<EOC
jobs = ( { name = "certificates"; report = "cs_certificates"; format = "csv";
           args = [ "--within", "60", "--as-of", "2026-02-20" ];
           output = "$T/out/certificates-%Y-%m.csv"; schedule = "0 7 1 * *"; } );
EOC
ok "a job runs the report" job run certificates
if grep -q "ВШПУ-2025-0001" "$T"/out/certificates-*.csv 2>/dev/null &&
    grep -q "НАТО-7" "$T"/out/certificates-*.csv && ! grep -q "КШЕ-17" "$T"/out/certificates-*.csv; then
	pass "the job's file lists those expiring within 60 days"
else
	fail "the job's file lists those expiring within 60 days"
fi
rm "$XDG_CONFIG_HOME/integra/integra.cfg"
finish
