#!/bin/sh
# Agencies on an SQLite register: it has one office and no roles, so
# agency grant, revoke and list refuse in one line that points to the
# shared PostgreSQL register, and change nothing.  Migration 9 makes the
# agency tables here too (empty), so a register copied to PostgreSQL has
# the same schema.  On PostgreSQL, end to end: roles made on the server,
# granted organisations (and those under them) or everything, listed; each
# role then connects and writes what its agency allows, is refused the
# rest in one line with an audit row, and loses it with revoke.  (The
# policies in detail: tests/unit/test_agency_pg.c.)
. "$(dirname "$0")/lib.sh"

ok "init" init
ok "a ministry" org add MOU "Міністерство оборони України" --kind ministry
ok "a unit under it" org add A0001 "Військова частина А0001" --kind military-unit --parent MOU
db_is "migration 9 made the agency tables (empty)" \
    "SELECT (SELECT count(*) FROM agency) + (SELECT count(*) FROM agency_org)" "0"
db_is "migration 9 is recorded" \
    "SELECT count(*) FROM migration WHERE component = 'core' AND version = 9" "1"

if [ -n "$PG" ]; then
	. "$(dirname "$0")/agency_pg.sh"
else
	before=$(snapshot)
	fails 1 "grant refused on SQLite" agency grant mou_hr MOU --name "Кадрова служба МОУ"
	err_has "the refusal says why" "an SQLite register has one office and no roles"
	err_has "the refusal points to the guide" "docs/agencies.md"
	fails 1 "grant --coordinating refused on SQLite" agency grant nazk --coordinating
	fails 1 "revoke refused on SQLite" agency revoke mou_hr MOU
	fails 1 "revoke of a whole agency refused on SQLite" agency revoke mou_hr
	fails 1 "list refused on SQLite" agency list
	err_has "list says the same" "agencies need the shared PostgreSQL register"
	fails 1 "json list refused on SQLite" --format json agency list
	same "nothing changed" "$(snapshot)" "$before"
	db_is "no agency stored" "SELECT count(*) FROM agency" "0"
	db_is "no refusal audited" "SELECT count(*) FROM audit WHERE action = 'refused'" "0"

	# In Ukrainian, the same one line.
	if locale -a 2>/dev/null | grep -qi '^uk_UA\.utf-\?8$'; then
		env -u LC_ALL -u LANGUAGE LANG=uk_UA.UTF-8 "$BIN" agency list >"$OUT" 2>"$ERR"
		RC=$?
		same "in Ukrainian: refused with exit 1" "$RC" "1"
		err_has "in Ukrainian: the refusal is translated" \
		    "реєстр SQLite має одну установу і не має ролей"
		same "in Ukrainian: one line" "$(wc -l <"$ERR")" "1"
	else
		skip "the refusal in Ukrainian" "no uk_UA.UTF-8 locale"
	fi
fi

fails 2 "grant without a role is a usage error" agency grant
fails 2 "revoke without a role is a usage error" agency revoke
ok "agency --help" agency --help
out_has "help lists grant" "grant"
out_has "help lists revoke" "revoke"
ok "agency grant --help" agency grant --help
out_has "grant's help names --coordinating" "--coordinating"

finish
