# The body the civil_service tests t44-t46 share (sourced after areas.sh):
# the Apparatus of the NSDC with five civil servants (А, Б, Б, В, В), a city
# council with two local self-government officials and one officer, the
# programmes of 2024-2025 by kind, and the individual development
# programmes of 2025.  Hand-computed figures of 2025 (target 1, cap 50%):
#   A1 Андрієнко  Б  CS1 2.0                    earned 2    counted 2     met
#   A2 Бондар     В  CS2 0.5                    earned 0.5  counted 0.5   missed
#   A3 Вакуленко  В  nothing                    earned 0    counted 0     missed
#   A4 Гнатюк     А  CS2 0.5 + CS3 self-ed 1.0  earned 1.5  counted 1.25  met (cap)
#   A5 Дячук      Б  CS1 in 2024 only           earned 0    counted 0     missed
#   L1 Жук        local  CS2 0.5 + CS4 1.0      earned 1.5  counted 1.5   met
#   L2 Зінченко   local  nothing                earned 0    counted 0     missed
#   M1 Коваль     military: out of scope
# Plans 2025: A1 CS1 (2) + Англійська мова (1); A2 CS2 (0.5) + Стратегічні
# комунікації (0.5); A3 Кібербезпека (2); A5 Англійська мова (1); L1 CS4 (1).

ok "body" org add RNBO "Апарат Ради національної безпеки і оборони України" \
    --kind government --region Київ
ok "city council" org add LMR "Львівська міська рада" --kind local-council --region Львівська
ok "provider" org add VSPU "Вища школа публічного управління" --kind education-provider \
    --region Київ
ok "international provider, no Ukrainian region" org add NSO \
    "Школа НАТО в Обераммергау" --kind education-provider
ok "person A1" person add A1 "Андрієнко Олена" --org RNBO --service civil-service --category Б
ok "person A2" person add A2 "Бондар Іван" --org RNBO --service civil-service --category В
ok "person A3" person add A3 "Вакуленко Петро" --org RNBO --service civil-service --category В
ok "person A4" person add A4 "Гнатюк Марія" --org RNBO --service civil-service --category А
ok "person A5" person add A5 "Дячук Ігор" --org RNBO --service civil-service --category Б
ok "person L1" person add L1 "Жук Тарас" --org LMR --service local-self-government
ok "person L2" person add L2 "Зінченко Ганна" --org LMR --service local-self-government
ok "person M1" person add M1 "Коваль Андрій" --org RNBO --service military

ok "professional qualification upgrading" programme add civil_service CS1 \
    "Євроатлантична інтеграція" --field kind=qualification-upgrading \
    --field length=professional --field content=special --field credits=2 \
    --field provider_org=VSPU
ok "short-term, general" programme add civil_service CS2 "Основи НАТО" \
    --field kind=qualification-upgrading --field length=short-term --field content=general \
    --field credits=0.5 --field provider_org=NSO
ok "self-education" programme add civil_service CS3 "Самостійне вивчення стандартів НАТО" \
    --field kind=self-education --field credits=1
ok "short-term, special" programme add civil_service CS4 "Публічні закупівлі" \
    --field kind=qualification-upgrading --field length=short-term --field content=special \
    --field credits=1 --field provider="Київська школа економіки"

ok "enrol CS1" enrol CS1 A1 A5 M1
ok "enrol CS2" enrol CS2 A2 A4 L1
ok "enrol CS3" enrol CS3 A4
ok "enrol CS4" enrol CS4 L1
complete CS1 A1 10.03.2025 --field certificate=ВШПУ-2025-0001 --field certificate_issuer=ВШПУ \
    --field certificate_date=10.03.2025 --field certificate_valid_until=10.03.2026
complete CS1 A5 20.12.2024
complete CS1 M1 11.03.2025
complete CS2 A2 15.04.2025
complete CS2 A4 20.04.2025
complete CS3 A4 30.06.2025
complete CS2 L1 15.04.2025
complete CS4 L1 01.06.2025 --field certificate=КШЕ-17 --field certificate_date=01.06.2025 \
    --field certificate_valid_until=01.06.2026

ok "plan A1: a programme" civil_service plan add A1 2025 --programme CS1
ok "plan A1: free text" civil_service plan add A1 2025 --topic "Англійська мова" \
    --kind qualification-upgrading --length short-term --credits 1
ok "plan A2: a programme" civil_service plan add A2 2025 --programme CS2
ok "plan A2: free text, decimal comma" civil_service plan add A2 2025 \
    --topic "Стратегічні комунікації" --kind qualification-upgrading --length short-term \
    --credits 0,5
ok "plan A3" civil_service plan add A3 2025 --topic "Кібербезпека" \
    --kind qualification-upgrading --length professional --credits 2
ok "plan A5" civil_service plan add A5 2025 --topic "Англійська мова" \
    --kind qualification-upgrading --length short-term --credits 1
ok "plan L1" civil_service plan add L1 2025 --programme CS4
