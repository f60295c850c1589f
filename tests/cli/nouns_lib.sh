# Helpers shared by the tests of the core nouns (t10..t19), sourced after
# lib.sh.  These tests exercise the core alone, with no plugin loaded, so
# no area can take `programme add`: they put programmes into the database
# directly; the audit trigger needs integra's own SQL functions, so it is
# set aside for that one statement (on PostgreSQL switched off by its
# setting for the transaction).

# The core alone: no plugin is loaded, whatever is in the build tree.
mkdir -p "$XDG_CONFIG_HOME/integra"
printf 'plugins = { enabled = [ ]; };\n' >"$XDG_CONFIG_HOME/integra/integra.cfg"

# add_programme CODE TITLE [AREA [STATUS [DUE]]]: a programme row, no
# audit; a check of its own, which fails if the SQL does.
add_programme() {
	t=$(printf '%s' "$2" | sed "s/'/''/g")
	if [ -n "$PG" ]; then	# the server's triggers read a setting
		sql_do "programme $1 put into the database" "BEGIN;
SELECT set_config('integra.audit_on', '0', true);
INSERT INTO programme (area, code, title, status, due)
  VALUES ('${3:-test}', '$1', '$t', '${4:-planned}', nullif('${5:-}', ''));
COMMIT;"
		return
	fi
	trig=$(sql "SELECT sql FROM sqlite_master WHERE name = 'programme_audit_add'")
	sql_do "programme $1 put into the database" "BEGIN;
DROP TRIGGER programme_audit_add;
INSERT INTO programme (area, code, title, status, due)
  VALUES ('${3:-test}', '$1', '$t', '${4:-planned}', nullif('${5:-}', ''));
$trig;
COMMIT;"
}

# json_ok DESC FILTER: the last stdout is JSON for which jq FILTER is true.
json_ok() {
	if jq -e "$2" "$OUT" >/dev/null 2>&1; then pass "$1"; else fail "$1 (jq '$2')"; fi
}

# column N: the Nth whitespace-separated column of the table rows of stdout.
column() { awk -v n="$1" 'NR > 2 { print $n }' "$OUT" | tr '\n' ' '; }
