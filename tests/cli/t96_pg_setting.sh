#!/bin/sh
# The database setting as a PostgreSQL server: $INTEGRA_DATABASE names the
# database when neither -d nor the configuration does; a URI or
# service=NAME is never taken for a path (no file or directory made, the
# job lock not beside it); an unreachable server is one line naming the
# host and libpq's reason, exit 1, within the connect timeout; and, when
# PostgreSQL is installed, a throw-away cluster is reached.
. "$(dirname "$0")/lib.sh"

NOSOCK="$T/nosock"
URI="postgresql:///integra?host=$NOSOCK&user=integra_admin"

INTEGRA_DATABASE="$T/env.db" run config show
same "config show runs with \$INTEGRA_DATABASE" "$RC" 0
out_has "the database is \$INTEGRA_DATABASE's" "database = \"$T/env.db\";"
out_has "saying where it came from" "INTEGRA_DATABASE"
INTEGRA_DATABASE="$T/env.db" run -d "$T/opt.db" config show
out_has "-d wins over \$INTEGRA_DATABASE" "database = \"$T/opt.db\";"
printf 'database = "%s";\n' "$T/cfg.db" >"$T/c.cfg"
INTEGRA_DATABASE="$T/env.db" run -c "$T/c.cfg" config show
out_has "the configuration wins over \$INTEGRA_DATABASE" "database = \"$T/cfg.db\";"
INTEGRA_DATABASE= run config show
out_has "an empty \$INTEGRA_DATABASE is not a setting" "$XDG_DATA_HOME/integra/integra.db"

INTEGRA_DATABASE="service=integra_nowhere" run config show
out_has "a service is shown as it is" "database = \"service=integra_nowhere\";"

start=$(date +%s)
fails 1 "an unreachable server is one line, exit 1" -d "$URI" status
end=$(date +%s)
err_has "naming the socket directory and libpq's reason" \
    "cannot connect to the PostgreSQL server on $NOSOCK port 5432: No such file or directory"
same "within the connect timeout (2 s)" "$([ $((end - start)) -le 3 ] && echo yes)" yes
INTEGRA_DATABASE="$URI" fails 1 "the same through \$INTEGRA_DATABASE" init
err_has "init names the server too" "on $NOSOCK port 5432"
same "no file or directory was made for the URI" \
    "$(find "$T" -name '*postgres*' -o -name '*integra?host*' | wc -l)" 0
same "nor under the data directory" "$(ls "$XDG_DATA_HOME")" ""

if ! "$ROOT/tests/pg/cluster.sh" bindir >/dev/null 2>&1; then
	skip "a cluster is reached" "PostgreSQL is not installed"
	finish
	exit $?
fi
PGDIR=$(mktemp -d /tmp/integra-pg.XXXXXX)
chmod 0755 "$PGDIR"
trap '"$ROOT/tests/pg/cluster.sh" stop "$PGDIR"; rm -rf "$PGDIR" "$T"' EXIT
if ! PGURI=$("$ROOT/tests/pg/cluster.sh" start "$PGDIR" 2>"$ERR"); then
	fail "the cluster starts"
	finish
	exit 1
fi
run -d "$PGURI" status
same "status on the server fails, at the schema" "$RC" 1
err_has "the server was reached: no schema yet" "is not initialised; run 'integra init'"
finish
