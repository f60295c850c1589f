#!/bin/sh
# The audit context main.c provides: the operating-system user (and the
# sudo user behind it, believed only from root with a matching SUDO_UID), the command line quoted as a shell would need it,
# the time in UTC; a failed command writes no audit row.
. "$(dirname "$0")/lib.sh"

me=$(id -un)
ok "init" init
ok "add with quotes and spaces" org add MOU "Міністерство оборони \"України\"" --kind ministry
db_is "one audit row" "SELECT count(*) FROM audit" "1"
db_is "the user is the operating-system user" "SELECT os_user FROM audit" "$me"
db_is "the command line is quoted as a shell needs it" "SELECT command FROM audit" \
    "$ARGV0 org add MOU 'Міністерство оборони \"України\"' --kind ministry"
db_is "the entity and key" "SELECT entity || ':' || entity_key || ':' || action FROM audit" \
    "organisation:MOU:add"
db_is "the new values are JSON" "SELECT json_extract(new, '\$.name') FROM audit" \
    "Міністерство оборони \"України\""
db_matches "the time is ISO 8601 UTC" "SELECT at FROM audit" \
    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'

ok "a single quote in an argument" org set MOU --name "Міністерство оборони України (ім'я)"
db_is "is quoted and escaped" "SELECT command FROM audit WHERE action = 'change'" \
    "$ARGV0 org set MOU --name 'Міністерство оборони України (ім'\\''я)'"
db_is "old and new values" \
    "SELECT json_extract(old, '\$.name') || ' -> ' || json_extract(new, '\$.name') FROM audit WHERE action = 'change'" \
    "Міністерство оборони \"України\" -> Міністерство оборони України (ім'я)"

# sudo sets SUDO_USER and SUDO_UID and runs us as root; the invoking user is
# believed only then, and only when the two agree with the password database.
if [ "$(id -u)" -eq 0 ] && getent passwd daemon >/dev/null; then
	duid=$(id -u daemon)
	SUDO_USER=daemon SUDO_UID=$duid run org add LODA "Львівська ОДА"
	if [ "$RC" -eq 0 ]; then pass "under sudo"; else fail "under sudo"; fi
	db_is "the sudo user is recorded after the effective user" \
	    "SELECT os_user FROM audit WHERE entity_key = 'LODA'" "$me (sudo from daemon)"
	SUDO_USER=daemon SUDO_UID=4242 run org add LODB "Львівська ОДА 2"
	db_is "a SUDO_UID that is not the user's is not believed" \
	    "SELECT os_user FROM audit WHERE entity_key = 'LODB'" "$me"
	SUDO_USER=alice run org add LODC "Львівська ОДА 3"
	db_is "a SUDO_USER without SUDO_UID is not believed" \
	    "SELECT os_user FROM audit WHERE entity_key = 'LODC'" "$me"
else
	skip "under sudo" "needs root and a user 'daemon'"
fi

# Anyone can set SUDO_USER: a forged one must not show, as this user...
SUDO_USER=root SUDO_UID=0 run org add FORGE "Підробка"
db_is "SUDO_USER=root is not believed" "SELECT os_user FROM audit WHERE entity_key = 'FORGE'" "$me"
# ... nor as nobody.
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
	mkdir -p "$T/nobody"
	chmod 0777 "$T/nobody"
	chmod 0755 "$T"
	nuid=$(id -u nobody)
	nobody() {
		SUDO_USER=root SUDO_UID=0 setpriv --reuid "$nuid" --regid "$(id -g nobody)" \
		    --clear-groups "$BIN" -d "$T/nobody/n.db" "$@" >"$OUT" 2>"$ERR"
		RC=$?
	}
	nobody init
	nobody org add NOB "Nobody's organisation"
	if [ "$RC" -eq 0 ]; then pass "nobody adds an organisation"; else fail "nobody adds an organisation"; fi
	got=$(sqlite3 -batch -noheader "$T/nobody/n.db" "SELECT os_user FROM audit WHERE entity_key = 'NOB'")
	if [ "$got" = "nobody" ]; then pass "a forged SUDO_USER=root is not recorded"
	else echo "got: $got" >"$ERR"; fail "a forged SUDO_USER=root is not recorded"; fi
	# A set-uid start: the real user is named after the effective one.
	# (valgrind does not run a program whose real and effective users
	# differ, so under VALGRIND=1 it cannot be tried.)
	if [ "${VALGRIND:-0}" = 1 ]; then
		skip "a set-uid start can write (its effective user may)" "valgrind runs no set-uid start"
		skip "and records the real user too" "valgrind runs no set-uid start"
	else
		setpriv --ruid "$(id -u daemon)" "$BIN" -d "$DB" org add SUID "Set-uid" \
		    >"$OUT" 2>"$ERR"
		RC=$?
		same "a set-uid start can write (its effective user may)" "$RC" "0"
		db_is "and records the real user too" \
		    "SELECT os_user FROM audit WHERE entity_key = 'SUID'" "$me (real user daemon)"
	fi
else
	skip "a forged SUDO_USER=root is not recorded" "needs root and setpriv to become nobody"
fi

rows=$(sql "SELECT count(*) FROM audit")
fails 4 "a failed command" org add MOU "Дублікат"
db_is "writes no audit row" "SELECT count(*) FROM audit" "$rows"
fails 4 "a failed change" org set MOU --kind club
db_is "writes none either" "SELECT count(*) FROM audit" "$rows"
finish
