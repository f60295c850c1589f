#!/usr/bin/env python3
# Feeds the statements of an SQLite trace (INTEGRA_TRACE_SQL=FILE: one line
# a statement run, "NANOSECONDS<TAB>SQL" with the values expanded) to a
# PostgreSQL database, so that nothing runs for real: EXPLAIN for a query,
# BEGIN; ...; ROLLBACK for the rest; transaction control is left out.  One
# statement of each shape (the SQL with its literals taken out) is sent.
# Prints the statements PostgreSQL refuses, "COUNT<TAB>ERROR<TAB>SQL" (COUNT
# the number of traced statements of that shape), then the errors by kind.
#
#   usage: explain_trace.py TRACE CONNINFO
#   e.g.   explain_trace.py /tmp/trace.sql \
#              'host=/tmp/integra-pg.X/sock user=integra_admin dbname=integra'
#
# Errors of the wrapping itself (a table already made, a row referring to
# one the empty database lacks) are expected; the rest is SQL to port.
import collections
import re
import subprocess
import sys
import tempfile

STRING = re.compile(r"'(?:[^']|'')*'")
NUMBER = re.compile(r"\b\d+(\.\d+)?\b")
LIST = re.compile(r"\?(\s*,\s*\?)+")
CONTROL = re.compile(r"(?i)(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|END)\b")
QUERY = re.compile(r"(?i)(SELECT|WITH|VALUES)\b")


def shapes(path):
	"""The first statement of each shape and how many had it."""
	seen = collections.OrderedDict()
	with open(path, "rb") as f:
		for raw in f:
			line = raw.decode("utf-8", "replace").rstrip("\n")
			sql = line.split("\t", 1)[-1].strip().rstrip(";").strip()
			if not sql or CONTROL.match(sql):
				continue
			key = LIST.sub("?", NUMBER.sub("N", STRING.sub("?", sql)))
			seen.setdefault(key, [sql, 0])[1] += 1
	return list(seen.values())


def main():
	if len(sys.argv) != 3:
		sys.exit("usage: explain_trace.py TRACE CONNINFO")
	items = shapes(sys.argv[1])
	with tempfile.NamedTemporaryFile("w", suffix=".sql") as script:
		for sql, _ in items:
			if QUERY.match(sql):
				script.write("EXPLAIN " + sql + ";\n")
			else:
				script.write("BEGIN; " + sql + "; ROLLBACK;\n")
		script.flush()
		run = subprocess.run(["psql", "-X", "-q", sys.argv[2], "-v",
		    "ON_ERROR_STOP=0", "-v", "VERBOSITY=terse", "-o", "/dev/null",
		    "-f", script.name], capture_output=True, text=True)
	errors = {}
	for e in run.stderr.splitlines():
		m = re.match(r"psql:[^:]+:(\d+): ERROR:\s+(.*)", e)
		if m and int(m.group(1)) not in errors:
			errors[int(m.group(1))] = m.group(2)
	kinds = collections.Counter()
	for n, msg in sorted(errors.items()):
		sql, count = items[n - 1]
		print("%d\t%s\t%s" % (count, msg, sql))
		if not msg.startswith("syntax error"):
			msg = re.sub(r'"[^"]*"', "X", msg)
		kinds[re.sub(r" at character \d+", "", msg)] += 1
	print("# %d shapes, %d refused" % (len(items), len(errors)))
	for kind, n in kinds.most_common():
		print("# %4d  %s" % (n, kind))


if __name__ == "__main__":
	main()
