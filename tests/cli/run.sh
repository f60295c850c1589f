#!/bin/sh
# Runs test scripts (the end-to-end tests in tests/cli, the lint checks in
# tests/lint), several at once, each with its output captured to a file;
# prints each script's output in the order given, unmixed, as soon as it
# and every script before it have ended, then one closing line:
# "NAME: N passed, M failed, K skipped".  Exits non-zero on any failure.
#
# usage: run.sh [-j JOBS] [-n NAME] [-s FILE] [-t FILE] SCRIPT...
#   -j JOBS  how many scripts run at once (default: the number of CPUs)
#   -n NAME  the name on the closing line (default: cli)
#   -s FILE  also write "PASSED FAILED SKIPPED" to FILE
#   -t FILE  the scripts' run times ("MS SCRIPT" lines), read to start
#            the longest first (new scripts before all) and written anew
#
# A script prints "ok - DESC", "not ok - DESC" or "ok - DESC # SKIP
# REASON" per check (lib.sh's pass, fail and skip) and ends with lib.sh's
# summary line "# SCRIPT: ..."; a script that exits non-zero or ends
# before its summary line counts as a failure, as does one still running
# after $TEST_TIMEOUT seconds (default 300).  A script with a line
# "# run alone: REASON" runs after the others, with nothing beside it.
: "${BUILD:=build}"
export BUILD

# One script, as a worker: output to DIR/I.out, then the exit code to
# DIR/I.rc (renamed into place, so that a reader never sees it half-written).
if [ "${1:-}" = "--one" ]; then
	dir=$2; i=$3; t=$4
	start=$(date +%s%N)
	timeout "${TEST_TIMEOUT:-300}" sh "$t" >"$dir/$i.out" 2>&1
	rc=$?
	[ "$rc" -ne 124 ] || echo "not ok - $t still ran after ${TEST_TIMEOUT:-300} s" >>"$dir/$i.out"
	echo "$(( ($(date +%s%N) - start) / 1000000 ))" >"$dir/$i.ms"
	echo "$rc" >"$dir/$i.rc.tmp" && mv "$dir/$i.rc.tmp" "$dir/$i.rc"
	exit 0
fi

jobs=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)
name=cli
sumfile=
timefile=
while getopts j:n:s:t: o; do
	case $o in
	j) jobs=$OPTARG ;;
	n) name=$OPTARG ;;
	s) sumfile=$OPTARG ;;
	t) timefile=$OPTARG ;;
	*) echo "usage: run.sh [-j JOBS] [-n NAME] [-s FILE] [-t FILE] SCRIPT..." >&2
	   exit 2 ;;
	esac
done
shift $((OPTIND - 1))
case $jobs in
''|*[!0-9]*|0) echo "run.sh: -j wants a positive number, not '$jobs'" >&2; exit 2 ;;
esac

dir=$(mktemp -d "${TMPDIR:-/tmp}/integra-run.XXXXXX") || exit 1
self=$0
case $self in /*) ;; *) self="$PWD/$self" ;; esac

# Starts every script in the background: those that may share the machine
# JOBS at a time, the longest first, then those that run alone, one by one.
i=0
: >"$dir/together"
: >"$dir/alone"
for t in "$@"; do
	i=$((i + 1))
	if grep -q '^# run alone:' "$t" 2>/dev/null; then
		printf '%s %s\n' "$i" "$t" >>"$dir/alone"
	else
		ms=$(awk -v t="$t" '$2 == t { ms = $1 } END { print ms + 0 ? ms : 999999 }' \
		    "${timefile:-/dev/null}" 2>/dev/null)
		printf '%s %s %s\n' "${ms:-999999}" "$i" "$t" >>"$dir/together"
	fi
done
sort -k1,1nr -k2,2n "$dir/together" | cut -d' ' -f2- >"$dir/order"
(
	xargs -r -P "$jobs" -L 1 sh "$self" --one "$dir" <"$dir/order"
	while read -r n t; do sh "$self" --one "$dir" "$n" "$t"; done <"$dir/alone"
) &
starter=$!
trap 'kill "$starter" 2>/dev/null; rm -rf "$dir"' EXIT
trap 'exit 130' INT TERM

# Prints the block of script number I (T) once it has ended and adds its
# counts to the totals.
pass=0
fail=0
skip=0
report() {
	n=$1; t=$2
	while [ ! -f "$dir/$n.rc" ]; do
		if ! kill -0 "$starter" 2>/dev/null && [ ! -f "$dir/$n.rc" ]; then
			echo "== $t"
			echo "not ok - $t did not run"
			fail=$((fail + 1))
			return
		fi
		sleep 0.05
	done
	rc=$(cat "$dir/$n.rc")
	out="$dir/$n.out"
	echo "== $t ($(cat "$dir/$n.ms") ms)"
	awk '!/^ok - / || / # SKIP/' "$out"
	s=$(grep -c '^ok - .* # SKIP' "$out")
	p=$(($(grep -c '^ok - ' "$out") - s))
	f=$(grep -c '^not ok - ' "$out")
	if ! grep -q "^# $(basename "$t"): " "$out" && [ "$f" -eq 0 ]; then
		f=1; echo "not ok - $t ended before its summary line"
	fi
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "not ok - $t exited $rc"; fi
	pass=$((pass + p))
	fail=$((fail + f))
	skip=$((skip + s))
	echo "$(cat "$dir/$n.ms") $t" >>"$dir/times"
}

i=0
for t in "$@"; do
	i=$((i + 1))
	report "$i" "$t"
done
wait "$starter"
echo "$name: $pass passed, $fail failed, $skip skipped"
[ -z "$sumfile" ] || echo "$pass $fail $skip" >"$sumfile"
[ -z "$timefile" ] || [ ! -f "$dir/times" ] || cp "$dir/times" "$timefile"
[ "$fail" -eq 0 ]
