# The PostgreSQL half of t95_agency.sh, sourced after its organisations
# MOU and A0001 (under MOU) exist: agencies end to end on the server.
# The roles are the cluster's, so named after this script's database and
# dropped with it at exit.

R=$PG	# the roles' prefix
as_role() { printf 'postgresql:///%s?host=%s&user=%s' "$PG" "$INTEGRA_TEST_PG" "$1"; }
pgadmin() {
	psql -X -q -h "$INTEGRA_TEST_PG" -U integra_admin -d postgres -c "$1" >/dev/null
}
trap 'rm -rf "$T"; pgadmin "DROP DATABASE IF EXISTS $PG WITH (FORCE)" 2>/dev/null;
    for r in mou nads none; do pgadmin "DROP ROLE IF EXISTS ${R}_$r" 2>/dev/null; done' EXIT
for r in mou nads none; do
	pgadmin "CREATE ROLE ${R}_$r LOGIN" || fail "create role ${R}_$r"
done

ok "an oblast administration" org add LODA "Львівська ОДА" --kind oblast-administration
before=$(snapshot)
fails 3 "grant to a role the server has not" agency grant "${R}_nobody" MOU
err_has "names the role and says to create it" "no role '${R}_nobody' on the server"
same "and changes nothing" "$(snapshot)" "$before"
fails 3 "grant of an organisation that does not exist" agency grant "${R}_mou" NOORG
same "changes nothing either" "$(snapshot)" "$before"
fails 2 "grant with neither organisations nor --coordinating" agency grant "${R}_mou"

ok "grant the ministry to its office" agency grant "${R}_mou" MOU --name "Кадрова служба МОУ"
ok "grant a coordinating office" agency grant "${R}_nads" --coordinating --name "НАДС"
ok "list" --format csv agency list
out_has "the ministry's office, with the unit under the ministry" \
    "${R}_mou,Кадрова служба МОУ,no,A0001 MOU"
out_has "the coordinating office" "${R}_nads,НАДС,yes,"
db_is "the agency's organisations stored" \
    "SELECT count(*) FROM agency_org WHERE role = '${R}_mou'" "2"

MOU_DB=$(as_role "${R}_mou")
ok "the office adds a person of the unit under its ministry" \
    -d "$MOU_DB" person add 1 "Гнатюк Олена" --org A0001
before=$(snapshot)
fails 1 "the office may not add a person of the oblast administration" \
    -d "$MOU_DB" person add 2 "Ґудзь Петро" --org LODA
err_has "the refusal names the role, the record and the organisation" \
    "role '${R}_mou' may not change person '2' of organisation 'LODA'"
fails 1 "nor change the oblast administration" -d "$MOU_DB" org set LODA --name "Львівська обласна державна адміністрація"
db_is "each refusal is audited, with the role" \
    "SELECT count(*) FROM audit WHERE action = 'refused' AND new LIKE '%${R}_mou%'" "2"
db_is "and nothing else changed" "SELECT count(*) FROM person WHERE key = '2'" "0"
fails 1 "the office may not run agency grant" -d "$MOU_DB" agency grant "${R}_mou" LODA
db_is "its agency is as it was" \
    "SELECT count(*) FROM agency_org WHERE role = '${R}_mou'" "2"
ok "the coordinating office adds the oblast's person" \
    -d "$(as_role "${R}_nads")" person add 2 "Ґудзь Петро" --org LODA
fails 1 "a role never granted may not read the register" \
    -d "$(as_role "${R}_none")" person list
err_has "whom to ask" "role '${R}_none' may not read this register; ask the administrator to run 'integra agency grant ${R}_none ORG'"
ok "an agency reads every record" -d "$MOU_DB" --format csv person list
out_has "the oblast's person too" "Ґудзь Петро"

ok "revoke the unit from the office" agency revoke "${R}_mou" A0001
ok "list after the revoke" --format csv agency list
out_has "the office keeps its ministry" "${R}_mou,Кадрова служба МОУ,no,MOU"
fails 1 "the office no longer changes the unit's person" \
    -d "$MOU_DB" person set 1 --name "Гнатюк Олена Петрівна"
ok "revoke the whole agency" agency revoke "${R}_mou"
ok "list after it" --format csv agency list
out_lacks "the office is gone" "${R}_mou"
fails 1 "the office is told it has no agency" -d "$MOU_DB" person set 1 --name "Гнатюк О."
err_has "before it writes, and whom to ask" "role '${R}_mou' has no agency in this register; ask the administrator to run 'integra agency grant ${R}_mou ORG'"
ok "it still reads the register" -d "$MOU_DB" person show 1
fails 3 "revoke of a role with no agency" agency revoke "${R}_mou"
err_has "says so" "role '${R}_mou' has no agency in this register"
