#!/bin/sh
# Plugin commands and host services end to end: `integra AREA COMMAND`
# with prefix lookup, the plugin's schema migrations (run by init, refused
# downgrade, older schema refused), writes confined to the plugin's own
# tables and rolled back on failure, read-only queries, core commands run
# through the host with audit, output on the user's format, shutdown;
# tables registered to the plugin that created them, so that a plugin
# whose name is a prefix of another's (nato, nato_posts) cannot touch the
# other's tables; tables made before registration adopted by init.
. "$(dirname "$0")/lib.sh"
umask 022
P="$T/plugins"
mkdir -p "$P" "$XDG_CONFIG_HOME/integra"
CFG="$XDG_CONFIG_HOME/integra/integra.cfg"
cp "$FIXDIR/good.so" "$FIXDIR/other.so" "$P/"
cat >"$CFG" <<CFGEOF
plugins = { dir = "$P"; enabled = [ "good", "other" ]; };
CFGEOF

fails 1 "a plugin command needs the database" testing hello
ok "init runs the plugin's migration" init
out_has "init reports the plugin schema" "plugin 'good': schema 0 -> 1"
db_is "the plugin's version is recorded" "SELECT version FROM migration WHERE component='good'" "1"
db_is "the plugin's table exists" "$(q_tables good_note)" "1"
ok "init again does nothing more" init
out_lacks "no second migration" "schema 0 -> 1"

ok "a read command" testing hello
out_has "emits through the table format" "label"
out_has "default of a config key" "Good"
out_has "argc reaches the plugin" "1"
ok "a command by prefix" testing hel
ok "the user's format reaches the plugin" --format json testing hello
if jq -e '.[0].max_seats == 500 and .[0].label == "Good"' "$OUT" >/dev/null; then
	pass "json output typed"; else fail "json output typed"; fi
ok "the plugin's own export format" --format lines testing hello
out_has "lines format" "label=Good"
ok "the plugin name also reaches its commands" good hello
# A plugin command is an ordinary entry: --format after it, -o FILE,
# --help from the same generator, options it does not know passed through.
ok "--format after a plugin command" testing hello --format json
if jq -e '.[0].label == "Good"' "$OUT" >/dev/null; then
	pass "the format after the command reaches the plugin"; else
	fail "the format after the command reaches the plugin"; fi
ok "-o FILE after a plugin command" testing hello --format csv -o "$T/hello.csv"
same "nothing on standard output with -o" "$(cat "$OUT")" ""
if head -1 "$T/hello.csv" | grep -q '^label,'; then pass "the file holds the csv result"
else fail "the file holds the csv result"; fi
ok "a plugin's format into the file" testing hello --format lines --output "$T/hello.txt"
if grep -q "label=Good" "$T/hello.txt"; then pass "lines written to the file"
else fail "lines written to the file"; fi
printf 'old\n' >"$T/kept.csv"
fails 1 "a failed plugin command leaves -o's file as it was" testing sql "SELECT nosuch" -o "$T/kept.csv"
same "the old file is kept" "$(cat "$T/kept.csv")" "old"
if ls -a "$T" | grep -q '^\.kept\.csv\.'; then fail "no temporary file left"
else pass "no temporary file left"; fi
ok "plugin command help lists -o" testing hello --help
out_has "the host's option in the plugin command's help" "-o, --output FILE"
ok "a plugin's format serves core commands too" --format lines org list
fails 2 "an unknown format lists the plugin's" --format nosuch org list
err_has "valid formats include the plugin's" "unknown format 'nosuch' (valid: table, csv, json, html, lines)"

ok "a write to the plugin's own table" testing note 23.07.2021 "перша нотатка"
db_is "stored" "SELECT text FROM good_note" "перша нотатка"
db_is "a write to a plugin table is audited" "SELECT entity || ' ' || entity_key || ' ' || action || ' ' || json_extract(new, '\$.rows') FROM audit WHERE entity = 'good_note'" "good_note good add 1"
db_is "the migration's CREATE TABLE is not counted as a row change" "SELECT count(*) FROM audit WHERE entity_key = 'good' AND action <> 'add'" "0"
fails 4 "a bad date through api->parse_date" testing note 2021-02-30 "x"
err_has "the date error" "invalid date for date: '2021-02-30'"
before=$(snapshot)
fails 4 "a failure after a write rolls the write back" testing note 2021-07-23 fail-after-insert
err_has "the plugin's own message" "integra: refusing note 'fail-after-insert' after the insert"
same "nothing changed" "$(snapshot)" "$before"

fails 1 "exec may not touch core tables" testing exec "DELETE FROM organisation"
err_has "the refusal names the table" "plugin 'good' may change only its own tables (named good_*), not 'organisation'"
fails 1 "exec may not run a pragma" testing exec "PRAGMA foreign_keys = OFF"
fails 1 "exec may not attach databases" testing exec "ATTACH DATABASE '$T/x.db' AS x"
fails 1 "exec may not write the audit log" testing exec "INSERT INTO audit (at, os_user, command, entity, entity_key, action) VALUES ('a','b','c','d','e','f')"
fails 1 "exec takes one statement only" testing exec "DELETE FROM good_note; DELETE FROM organisation"
err_has "one statement" "expected exactly one SQL statement"
ok "exec on its own table" testing exec "UPDATE good_note SET text = 'друга'"
out_has "changes counted" "changed 1"
same "the core was untouched" "$(sql 'SELECT count(*) FROM organisation')" "0"

ok "a read-only query" testing sql "SELECT count(*), 'x' FROM good_note"
out_has "rows reach the plugin typed" "1|x"
fails 1 "query refuses a change" testing sql "DELETE FROM good_note"
err_has "query is read-only" "query() takes read-only statements"
db_is "nothing deleted" "SELECT count(*) FROM good_note" "1"

ok "a core command through api->run" testing add-org MOU "Міністерство оборони України"
same "output of the core command suppressed" "$(cat "$OUT")" ""
db_is "the organisation exists" "SELECT name FROM organisation WHERE code='MOU'" "Міністерство оборони України"
db_is "and is audited with the command line" "SELECT command FROM audit WHERE entity='organisation'" "$ARGV0 testing add-org MOU 'Міністерство оборони України'"
before=$(snapshot)
fails 4 "the core command's validation applies" testing add-org MOU "Duplicate"
err_has "the core's message" "organisation 'MOU' already exists"
fails 4 "bad input to the core command" testing add-org "bad code!" "Name"
same "nothing changed" "$(snapshot)" "$before"

# What exec() may write is decided on the statement as the server would
# run it: reads of core tables, keywords in strings and comments, and
# ON CONFLICT ... DO UPDATE are no writes; a write hidden behind a
# comment, quotes, a schema or a WITH is (on PostgreSQL a check of the
# statement before it is prepared, on SQLite the authorizer).
MINE="plugin 'good' may change only its own tables (named good_*), not 'organisation'"
OTHER="plugin 'good' may change only its own tables (named good_*), not '(a statement other than a change to the plugin's tables)'"
ok "exec reads a core table into its own" testing exec "INSERT INTO good_note (text) SELECT name FROM organisation WHERE code = 'MOU'"
out_has "one row copied" "changed 1"
ok "a core table's name in a string is no write" testing exec "UPDATE good_note SET text = 'DELETE FROM organisation; INSERT INTO audit' WHERE text = 'Міністерство оборони України'"
ok "nor in a comment" testing exec "DELETE FROM good_note /* DELETE FROM organisation */ WHERE text LIKE 'DELETE%' -- UPDATE audit"
out_has "its own row deleted" "changed 1"
ok "an upsert on its own table" testing exec "INSERT INTO good_note (id, text) VALUES (1, 'x') ON CONFLICT (id) DO UPDATE SET text = excluded.text"
before=$(snapshot)
fails 1 "a write behind a comment" testing exec "/* good_note */ DELETE FROM organisation"
err_has "names the core table" "$MINE"
fails 1 "a write to a quoted name" testing exec "UPDATE \"organisation\" SET name = 'x'"
err_has "names the core table" "$MINE"
fails 1 "a write under WITH" testing exec "WITH g AS (SELECT id FROM good_note) DELETE FROM organisation WHERE id IN (SELECT id FROM g)"
err_has "names the core table" "$MINE"
fails 1 "a core index dropped" testing exec "DROP INDEX IF EXISTS person_org"
err_has "names the index's table" "plugin 'good' may change only its own tables (named good_*), not 'person'"
fails 1 "a view" testing exec "CREATE VIEW good_v AS SELECT name FROM organisation"
err_has "is another kind of statement" "$OTHER"
fails 1 "a table in another schema" testing exec "DELETE FROM public.organisation"
fails 1 "a data-modifying WITH (PostgreSQL's)" testing exec "WITH d AS (DELETE FROM organisation RETURNING id) INSERT INTO good_note (text) SELECT CAST(id AS TEXT) FROM d"
fails 1 "SELECT INTO a new table (PostgreSQL's)" testing exec "SELECT name INTO organisation_copy FROM organisation"
fails 1 "the audit switched off (PostgreSQL's setting)" testing exec "SELECT set_config('integra.audit_on', '0', false)"
fails 1 "SET (PostgreSQL's)" testing exec "SET integra.audit_on = '0'"
fails 1 "TRUNCATE (PostgreSQL's)" testing exec "TRUNCATE organisation"
fails 1 "a DO block (PostgreSQL's)" testing exec 'DO $$BEGIN DELETE FROM organisation; END$$'
fails 1 "a function (PostgreSQL's)" testing exec 'CREATE FUNCTION good_f() RETURNS int AS $$ DELETE FROM organisation RETURNING 1 $$ LANGUAGE sql'
if [ -n "$PG" ]; then
	# Each of these is a syntax error on SQLite: the refusal says so on
	# PostgreSQL only.
	run testing exec "DELETE FROM public.organisation"
	err_has "the schema's table named" "$MINE"
	run testing exec "WITH d AS (DELETE FROM organisation RETURNING id) INSERT INTO good_note (text) SELECT CAST(id AS TEXT) FROM d"
	err_has "the table in WITH named" "$MINE"
	run testing exec "SELECT name INTO organisation_copy FROM organisation"
	err_has "the new table named" "plugin 'good' may change only its own tables (named good_*), not 'organisation_copy'"
	for q in "SELECT set_config('integra.audit_on', '0', false)" "SET integra.audit_on = '0'" \
	    "TRUNCATE organisation" 'DO $$BEGIN DELETE FROM organisation; END$$' \
	    'CREATE FUNCTION good_f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql'; do
		run testing exec "$q"
		err_has "refused as another kind of statement: $q" "$OTHER"
	done
else
	skip "the refusals of PostgreSQL's statements name what they change" \
	    "each is a syntax error on SQLite"
fi
same "none of them changed anything" "$(snapshot)" "$before"
db_is "the organisation is still there" "SELECT name FROM organisation" "Міністерство оборони України"

GOOD_SHUTDOWN_MARK="$T/mark" "$BIN" testing hello >/dev/null 2>&1
same "shutdown ran before exit" "$(cat "$T/mark" 2>/dev/null)" "shutdown"

# Schema versions: an older recorded version is refused until init; a
# newer one (a downgrade) is refused by init.
sql_do "forget the plugin's migration" "DELETE FROM migration WHERE component='good'"
fails 1 "an older plugin schema is refused" testing hello
err_has "with what to do" "has plugin 'good' schema version 0, older than the plugin's 1; run 'integra init' to upgrade it"
sql_do "and drop its table" "DROP TABLE good_note"
ok "init brings it up again" init
db_is "version recorded again" "SELECT max(version) FROM migration WHERE component='good'" "1"
sql_do "record a newer plugin schema" "INSERT INTO migration VALUES ('good', 7, 'x')"
fails 1 "a downgrade is refused" init
err_has "downgrade message" "has plugin 'good' schema version 7, newer than the plugin's 1; refusing to downgrade"
fails 1 "and other commands refuse it too" testing hello

# Ownership: a plugin's tables are registered to it when its exec()
# creates them, and it may change only those, so `nato` cannot reach the
# tables of `nato_posts` although their names begin with "nato_".
sql_do "forget the newer plugin schema" "DELETE FROM migration WHERE component='good' AND version = 7"
cp "$FIXDIR/nato.so" "$FIXDIR/nato_posts.so" "$P/"
cat >"$CFG" <<CFGEOF
plugins = { dir = "$P"; enabled = [ "good", "other", "nato", "nato_posts" ]; };
CFGEOF
ok "init migrates nato and nato_posts" init
db_is "each table registered to the plugin that created it" "SELECT group_concat(name || ' ' || kind || ' ' || plugin || ' ' || schema_version, ', ') FROM (SELECT * FROM plugin_object ORDER BY name) AS o" "good_note table good 1, nato_posts_x table nato_posts 1, nato_t table nato 1"
ok "nato_posts writes its table" nato_posts add "перший допис"
NP="plugin 'nato' may change only its own tables (named nato_*), not 'nato_posts_x', which belongs to plugin 'nato_posts'"
before=$(snapshot)
fails 1 "nato may not delete from nato_posts_x" nato exec "DELETE FROM nato_posts_x"
err_has "refused naming the table and its owner" "$NP"
fails 1 "nor insert into it" nato exec "INSERT INTO nato_posts_x (text) VALUES ('x')"
err_has "the same refusal" "$NP"
fails 1 "nor update it" nato exec "UPDATE nato_posts_x SET text = 'x'"
err_has "the same refusal" "$NP"
fails 1 "nor drop it" nato exec "DROP TABLE nato_posts_x"
err_has "the same refusal" "$NP"
fails 1 "nor alter it" nato exec "ALTER TABLE nato_posts_x ADD COLUMN y"
err_has "the same refusal" "$NP"
fails 1 "nor index it" nato exec "CREATE INDEX nato_i ON nato_posts_x(text)"
err_has "the refusal names the table, not the index" "$NP"
fails 1 "nor create a table in nato_posts's name space" nato exec "CREATE TABLE nato_posts_y (a)"
err_has "naming the name space's plugin" "plugin 'nato' may not create 'nato_posts_y': the name is in the name space of plugin 'nato_posts' (nato_posts_*); name it nato_..."
fails 1 "nor a core table" nato exec "DELETE FROM programme"
err_has "the core table named" "plugin 'nato' may change only its own tables (named nato_*), not 'programme'"
fails 1 "nor an index on a core table" nato exec "CREATE INDEX nato_p ON programme(code)"
err_has "the core table named, not the index" "plugin 'nato' may change only its own tables (named nato_*), not 'programme'"
same "nothing changed" "$(snapshot)" "$before"
db_is "the post is still there" "SELECT text FROM nato_posts_x" "перший допис"
ok "nato writes its own table" nato exec "INSERT INTO nato_t (text) VALUES ('a')"
ok "and creates new ones in its name space" nato exec "CREATE TABLE nato_u (a TEXT)"
ok "and indexes on them" nato exec "CREATE INDEX nato_t_text ON nato_t(text)"
db_is "registered to nato" "SELECT group_concat(name || ' ' || kind || ' ' || tbl, ', ') FROM (SELECT * FROM plugin_object WHERE plugin = 'nato' ORDER BY name) AS o" "nato_t table nato_t, nato_t_text index nato_t, nato_u table nato_u"
fails 1 "a plugin may not rename its table" nato exec "ALTER TABLE nato_t RENAME TO nato_v"
err_has "tables are registered by name" "plugin 'nato' may not rename its table 'nato_t': tables are registered by name"
db_is "the rename was rolled back" "$(q_tables nato_t)" "1"
sql_do "nato_posts's table dropped by hand" "DROP TABLE nato_posts_x"
fails 1 "a dropped table's name stays its owner's" nato exec "CREATE TABLE nato_posts_x (a)"
err_has "refused naming the owner" "$NP"
# Tables made before they were registered (an older database, or by hand)
# are adopted by init: each goes to the plugin with the longest name that
# is a prefix of its own.
sql_do "a table made by hand, registered to nobody" "CREATE TABLE nato_hand (a TEXT); CREATE TABLE nato_posts_hand (a TEXT)"
fails 1 "is not nato's to write" nato exec "INSERT INTO nato_hand VALUES (1)"
err_has "it is registered to no plugin" "plugin 'nato' may change only the tables registered to it, not 'nato_hand', which no plugin created through exec() (run 'integra init' to adopt tables made before)"
ok "init adopts it" init
db_is "to the plugin with the longest prefix" "SELECT group_concat(name || ' ' || plugin, ', ') FROM (SELECT * FROM plugin_object WHERE substr(name, length(name) - 3) = 'hand' ORDER BY name) AS o" "nato_hand nato, nato_posts_hand nato_posts"
ok "nato writes it now" nato exec "INSERT INTO nato_hand VALUES (1)"
fails 1 "but not nato_posts's" nato exec "INSERT INTO nato_posts_hand VALUES (1)"
err_has "which belongs to nato_posts" "not 'nato_posts_hand', which belongs to plugin 'nato_posts'"
finish
