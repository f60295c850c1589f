#!/bin/sh
# A throw-away PostgreSQL cluster for the tests: started in a directory
# of its own, reached only through a Unix socket in it, trusted (no
# passwords), stopped and removed when the tests end.
#
#   tests/pg/cluster.sh start DIR   makes and starts the cluster in DIR;
#                                   prints the URI of its "integra" database
#   tests/pg/cluster.sh stop DIR    stops it (DIR is left for the caller)
#   tests/pg/cluster.sh bindir      prints where initdb and pg_ctl are, or
#                                   fails when PostgreSQL is not installed
#
# The superuser is "integra_admin".  PostgreSQL refuses to run as root:
# as root the cluster belongs to the "postgres" user (Debian's package
# makes it), or to "nobody" without it.
set -eu

bindir() {
	for d in "${PG_BINDIR:-}" $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
			echo "$d"
			return 0
		fi
	done
	return 1
}

# as_owner CMD...: runs CMD as the cluster's owner.
as_owner() {
	if [ "$(id -u)" -ne 0 ]; then
		"$@"
	elif id postgres >/dev/null 2>&1; then
		runuser -u postgres -- "$@"
	else
		runuser -u nobody -- "$@"
	fi
}

start() {
	dir=$1
	bin=$(bindir) || { echo "PostgreSQL is not installed (initdb, pg_ctl)" >&2; exit 3; }
	mkdir -p "$dir/sock"
	if [ "$(id -u)" -eq 0 ]; then
		owner=postgres
		id postgres >/dev/null 2>&1 || owner=nobody
		chown -R "$owner" "$dir"
		chmod 0755 "$dir"
	fi
	as_owner "$bin/initdb" -D "$dir/data" -U integra_admin -A trust \
	    -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
	    { cat "$dir/initdb.log" >&2; exit 1; }
	as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
	    -o "-k $dir/sock -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
	    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
	as_owner "$bin/createdb" -h "$dir/sock" -U integra_admin integra
	echo "postgresql:///integra?host=$dir/sock&user=integra_admin"
}

stop() {
	dir=$1
	bin=$(bindir) || exit 0
	[ -f "$dir/data/postmaster.pid" ] || exit 0
	as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
}

case "${1:-}" in
start) start "$2" ;;
stop) stop "$2" ;;
bindir) bindir ;;
*) echo "usage: $0 start DIR | stop DIR | bindir" >&2; exit 2 ;;
esac
