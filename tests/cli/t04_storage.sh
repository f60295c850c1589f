#!/bin/sh
# Storage errors: a database directory that does not exist is created; a
# read-only directory, a file that is not SQLite, an uninitialised and an
# older database are refused with one clear line, and `integra init`
# upgrades the older one.
. "$(dirname "$0")/lib.sh"

# A database in a directory that does not exist yet: created, private.
D="$T/new/deeper/still/integra.db"
umask 022
ok "init creates missing directories" -d "$D" init
out_has "init says it created the database" "created database '$D'"
same "the database file has mode 0600" "$(stat -c %a "$D")" "600"
same "the created directory has mode 0700" "$(stat -c %a "$T/new/deeper/still")" "700"
same "the journal is WAL" "$(sqlite3 "$D" 'PRAGMA journal_mode')" "wal"
ok "commands use it afterwards" -d "$D" org list

# Without init, nothing is created.
fails 1 "a command on a missing database refuses" -d "$T/absent/x.db" org list
err_has "and says to run init" "database '$T/absent/x.db' does not exist; run 'integra init' to create it"
same "the missing database was not created" "$(test -e "$T/absent" && echo yes)" ""

# A read-only directory.  root ignores permissions, so run as nobody.
RO="$T/ro"
mkdir -p "$RO"
chmod 0555 "$RO"
if [ "$(id -u)" -eq 0 ]; then
	chmod 0755 "$T"
	setpriv --reuid=65534 --regid=65534 --clear-groups "$BIN" -d "$RO/x.db" init \
	    >"$OUT" 2>"$ERR"
	RC=$?
	chmod 0700 "$T"
else
	run -d "$RO/x.db" init
fi
same "init in a read-only directory fails with exit 1" "$RC" "1"
same "with one line on stderr" "$(wc -l <"$ERR")" "1"
err_has "naming the database and the reason" "integra: cannot create database '$RO/x.db': Permission denied"
same "nothing was created" "$(ls -A "$RO")" ""
chmod 0755 "$RO"

# A directory where a file is.
touch "$T/plain"
fails 1 "a database under a regular file is refused" -d "$T/plain/x.db" init
err_has "naming the path and the reason" "cannot create database '$T/plain/x.db': Not a directory"

# A file that is not SQLite.
printf 'code,name\nMOU,Міністерство оборони України\nthis is a spreadsheet, not a database\n' >"$T/sheet.db"
sum=$(md5sum <"$T/sheet.db")
fails 1 "a file that is not SQLite is refused" -d "$T/sheet.db" org list
err_has "and says so" "cannot open database '$T/sheet.db': the file is not an SQLite database"
fails 1 "init refuses it too" -d "$T/sheet.db" init
err_has "init says so too" "not an SQLite database"
same "the file is unchanged" "$(md5sum <"$T/sheet.db")" "$sum"

# A database that is not a directory.
mkdir -p "$T/dir.db"
fails 1 "a directory as database is refused" -d "$T/dir.db" org list
err_has "and says so" "cannot open database '$T/dir.db': it is a directory"

# A database file this user may not read (as nobody when root).
ok "init a database to lock away" -d "$T/private.db" init
chmod 0600 "$T/private.db"
if [ "$(id -u)" -eq 0 ]; then
	chmod 0755 "$T"
	setpriv --reuid=65534 --regid=65534 --clear-groups "$BIN" -d "$T/private.db" org list \
	    >"$OUT" 2>"$ERR"
	RC=$?
	chmod 0700 "$T"
else
	chmod 0000 "$T/private.db"
	run -d "$T/private.db" org list
	chmod 0600 "$T/private.db"
fi
same "an unreadable database fails with exit 1" "$RC" "1"
err_has "naming the reason" "cannot open database '$T/private.db': Permission denied"

# An SQLite database that integra never initialised (no tables yet).
sqlite3 "$T/other.db" 'CREATE TABLE t (x); DROP TABLE t;'
fails 1 "an uninitialised database is refused" -d "$T/other.db" org list
err_has "and says to run init" "database '$T/other.db' is not initialised; run 'integra init'"

# Another program's SQLite file: refused by every command, init too,
# and left as it was (not even switched to WAL).
sqlite3 "$T/foreign.db" 'CREATE TABLE notes (x); INSERT INTO notes VALUES (1);'
cp "$T/foreign.db" "$T/foreign.orig"
fails 1 "init refuses another program's SQLite file" -d "$T/foreign.db" init
err_has "with a clear line" "database '$T/foreign.db' is not integra's: an SQLite file of another program (application_id 0x00000000, 1 table, 'notes'), left untouched"
fails 1 "so does a read command" -d "$T/foreign.db" status
if cmp -s "$T/foreign.db" "$T/foreign.orig" && [ ! -e "$T/foreign.db-wal" ]; then
	pass "the foreign file is left byte for byte"; else fail "the foreign file is left byte for byte"; fi
sqlite3 "$T/foreign2.db" 'PRAGMA application_id = 42;'
fails 1 "a file with another application_id is refused, even without tables" -d "$T/foreign2.db" init
err_has "naming the id" "(application_id 0x0000002a, no tables)"

# A database in a directory this user cannot write (a copy on read-only
# media): read commands open it read-only and work; a write says why not.
mkdir "$T/rodir"
"$BIN" -d "$T/rodir/r.db" init >/dev/null && "$BIN" -d "$T/rodir/r.db" org add R1 "Тільки читати" >/dev/null
chmod 0644 "$T/rodir/r.db"
chmod 0555 "$T/rodir"
as_other=
if [ "$(id -u)" -eq 0 ]; then
	if command -v setpriv >/dev/null && id nobody >/dev/null 2>&1; then
		chmod 0755 "$T"
		as_other="setpriv --reuid $(id -u nobody) --regid $(id -g nobody) --clear-groups"
	else
		as_other=skip
	fi
fi
if [ "$as_other" = skip ]; then
	skip "status in a read-only directory" "root without setpriv cannot lose write access"
else
	$as_other "$BIN" -d "$T/rodir/r.db" status >"$OUT" 2>"$ERR"
	RC=$?
	same "status in a read-only directory works" "$RC" "0"
	out_has "and shows the data" "organisations"
	$as_other "$BIN" -d "$T/rodir/r.db" org list >"$OUT" 2>"$ERR"
	RC=$?
	out_has "org list too" "Тільки читати"
	$as_other "$BIN" -d "$T/rodir/r.db" org add R2 "Ні" >"$OUT" 2>"$ERR"
	RC=$?
	same "a write fails" "$RC" "1"
	err_has "saying why" "cannot write to database '$T/rodir/r.db': it is open read-only"
	if grep -q "attempt to write a readonly database" "$ERR"; then
		fail "never SQLite's 'attempt to write a readonly database'"
	else
		pass "never SQLite's 'attempt to write a readonly database'"
	fi
	if [ -e "$T/rodir/r.db-wal" ] || [ -e "$T/rodir/r.db-shm" ]; then
		fail "nothing is created beside it"; else pass "nothing is created beside it"; fi
fi
chmod 0755 "$T/rodir"

# integra's databases carry application_id 'INTG'; one made before the id
# existed (0, with integra's migration table) is accepted and marked by init.
ok "init a database" -d "$T/marked.db" init
same "init sets application_id" "$(sqlite3 "$T/marked.db" 'PRAGMA application_id')" "1229870151"
sqlite3 "$T/marked.db" 'PRAGMA application_id = 0;'
ok "an older integra database without the id is accepted" -d "$T/marked.db" status
same "and not changed by a read" "$(sqlite3 "$T/marked.db" 'PRAGMA application_id')" "0"
ok "init on it" -d "$T/marked.db" init
same "gives it the id" "$(sqlite3 "$T/marked.db" 'PRAGMA application_id')" "1229870151"
: >"$T/empty.db"
fails 1 "an empty file is an uninitialised database" -d "$T/empty.db" org list
err_has "which says to run init" "is not initialised; run 'integra init'"
ok "init initialises the empty file" -d "$T/empty.db" init
ok "which then works" -d "$T/empty.db" org list

# An older schema: remove the record of the last migration (and, for a
# faithful older database, what that migration made).
ok "init the default database" init
ok "add an organisation" org add MOU "Міністерство оборони України" --kind ministry
last=$(sql "SELECT max(version) FROM migration WHERE component = 'core'")
sql_do "forget the last migration" "DELETE FROM migration WHERE component = 'core' AND version = $last"
[ "$last" = 2 ] && sql_do "and drop what it made" "DROP TABLE job_run"
# The EDRPOU migration adds a column, which cannot be added twice: its
# number is its place among the names in schema.c.
edrpou=$(sed -n '/^schema_migration_name/,/};/p' "$ROOT/core/schema.c" | grep -o '"[^"]*"' | grep -n '^"EDRPOU' | cut -d: -f1)
[ "$last" = "$edrpou" ] && sql_do "and drop the EDRPOU column" "DROP INDEX organisation_edrpou;
DROP TRIGGER organisation_audit_add; DROP TRIGGER organisation_audit_change;
DROP TRIGGER organisation_audit_remove; ALTER TABLE organisation DROP COLUMN edrpou"
prev=$((last - 1))
fails 1 "an older database is refused" org list
err_has "with its version and the remedy" "has schema version $prev, older than this integra's $last; run 'integra init' to upgrade it"
fails 1 "a write command is refused too" org add X "Щось"
ok "init upgrades it" init
out_has "init says it upgraded" "upgraded database '$DB' from schema $prev to $last"
ok "commands work again" org list
out_has "and the data survived" "Міністерство оборони України"
db_is "the migration is recorded once" "SELECT count(*) FROM migration WHERE component = 'core' AND version = $last" "1"
ok "init once more" init
out_has "is up to date" "is up to date (schema $last)"

# A newer schema: refused with another hint.
sql_do "record a migration from the future" "INSERT INTO migration VALUES ('core', 99, '2030-01-01T00:00:00Z')"
fails 1 "a newer database is refused" org list
err_has "with a hint to use a newer integra" "use a newer integra"
fails 1 "init does not downgrade it" init
sql_do "and forget it again" "DELETE FROM migration WHERE version = 99"

# The audit log cannot be rewritten from outside either.
before=$(sql "SELECT group_concat(os_user) FROM audit")
same "there are audit rows to rewrite" "$([ -n "$before" ] && echo yes)" "yes"
sql_refused "the audit log refuses updates" "UPDATE audit SET os_user = 'x'" \
    "the audit log is append-only"
same "and keeps its rows as they were" "$(sql "SELECT group_concat(os_user) FROM audit")" "$before"
finish
