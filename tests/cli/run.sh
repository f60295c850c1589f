#!/bin/sh
# Runs the end-to-end test scripts given as arguments and prints one
# closing line: "N passed, M failed".  Exits non-zero on any failure.
: "${BUILD:=build}"
export BUILD
pass=0
fail=0
for t in "$@"; do
	echo "== $t"
	out=$(sh "$t" 2>&1)
	rc=$?
	printf '%s\n' "$out" | grep -v '^ok - '
	p=$(printf '%s\n' "$out" | grep -c '^ok - ')
	f=$(printf '%s\n' "$out" | grep -c '^not ok - ')
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "not ok - $t exited $rc"; fi
	pass=$((pass + p))
	fail=$((fail + f))
done
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
