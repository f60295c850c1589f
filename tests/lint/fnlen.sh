#!/bin/sh
# Lint: no function in core/*.c is longer than 60 lines.  The style puts
# a function's opening "{" alone on a line in column 0 and its closing "}"
# in column 0; its length is the line number of that "}" minus the line
# number of that "{" (its body and the closing brace).  Prints one "ok" a
# file, one "not ok" a function over the limit, with file, line and name.
# Arguments, if any, are the files to read instead (relative to the top).
cd "$(dirname "$0")/../.." || exit 1
[ $# -gt 0 ] || set -- core/*.c
awk -v max="${LINT_MAX_LINES:-60}" -v me="$(basename "$0")" '
function endfile() {
	if (file == "")
		return
	if (long == 0) {
		print "ok - " file ": every function at most " max " lines"
		pass++
	}
}
FNR == 1 { endfile(); file = FILENAME; long = 0; open = 0; name = "" }
/^[A-Za-z_][A-Za-z0-9_]*\(/ { name = $0; sub(/\(.*/, "", name) }
/^\{[ \t]*$/ { open = FNR; what = name }
/^\}/ && open {
	if (FNR - open > max) {
		print "not ok - " file ":" open ": " what " is " FNR - open \
		    " lines long (at most " max ")"
		long++; fail++
	}
	open = 0
}
END {
	endfile()
	if (pass + fail == 0) {
		print "not ok - no core/*.c file to read"
		fail++
	}
	print "# " me ": " pass + 0 " passed, " fail + 0 " failed, 0 skipped"
	exit fail > 0
}' "$@"
