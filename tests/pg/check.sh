#!/bin/sh
# The end-to-end suite again on PostgreSQL: starts a throw-away cluster
# (cluster.sh), runs the scripts given with run.sh, each on a database of
# its own (lib.sh, INTEGRA_TEST_PG), and stops the cluster.  Without
# PostgreSQL installed it says so and counts the run as skipped.
#
# usage: tests/pg/check.sh SUMFILE SCRIPT...
#   SUMFILE gets "PASSED FAILED SKIPPED", as run.sh -s writes it.
: "${BUILD:=build}"
export BUILD
here=$(cd "$(dirname "$0")" && pwd)
sum=$1
shift
if ! "$here/cluster.sh" bindir >/dev/null 2>&1; then
	echo "ok - the suite on PostgreSQL # SKIP PostgreSQL is not installed (make deps)"
	echo "0 0 1" >"$sum"
	exit 0
fi
dir=$(mktemp -d /tmp/integra-pg.XXXXXX) || exit 1
chmod 0755 "$dir"
trap '"$here/cluster.sh" stop "$dir"; rm -rf "$dir"' EXIT
if ! "$here/cluster.sh" start "$dir" >"$dir/uri"; then
	echo "not ok - the throw-away PostgreSQL cluster does not start"
	echo "0 1 0" >"$sum"
	exit 1
fi
INTEGRA_TEST_PG=$dir/sock "$here/../cli/run.sh" -n cli-pg -s "$sum" \
    ${CHECK_JOBS:+-j "$CHECK_JOBS"} "$@"
