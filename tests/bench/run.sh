#!/bin/sh
# make bench: times integra's import of one million participation rows
# over 200,000 people against the sqlite3 shell's `.import --csv` of the
# same file into a bare table of a fresh database, a second import of
# the same file (all unchanged), and integra's peak memory at 10,000 and
# at 1,000,000 rows.  Targets: time at most 1.5x the shell's, memory at
# 1M at most 1.2x that at 10k.  PEOPLE, ROWS and SMALL override the sizes,
# ROUNDS the number of timed rounds (5).
set -eu
: "${BUILD:=build}"
: "${PEOPLE:=200000}"
: "${ROWS:=1000000}"
: "${SMALL:=10000}"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
make --no-print-directory -s "$BUILD/bench/gen" "$BUILD/integra"
BIN="$ROOT/$BUILD/integra"
GEN="$ROOT/$BUILD/bench/gen"
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "bench: $TIME is missing: run 'make deps' as root" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "bench: sqlite3 is missing: run 'make deps' as root" >&2; exit 1; }

W=$(mktemp -d "${TMPDIR:-/tmp}/integra-bench.XXXXXX")
trap 'rm -rf "$W"' EXIT INT TERM
export HOME="$W" XDG_CONFIG_HOME="$W/config" XDG_DATA_HOME="$W/data"
unset INTEGRA_CONFIG
export LC_ALL=C.UTF-8

echo "generating: $PEOPLE people, $ROWS and $SMALL participation rows (seed 42)"
"$GEN" --orgs 500 --people "$PEOPLE" --participation "$ROWS" --seed 42 --out "$W/big"
"$GEN" --orgs 500 --people "$PEOPLE" --participation "$SMALL" --seed 42 --out "$W/small"
BASE="$W/base.db"
"$BIN" -d "$BASE" init >/dev/null
for k in orgs people programmes; do
	"$BIN" -d "$BASE" import "$k" "$W/big/$k.csv" >/dev/null
done
printf 'participation file: %s bytes\n' "$(wc -c <"$W/big/participation.csv")"

# measure LABEL CMD...: runs CMD under time(1); sets SECS and KB.
measure() {
	label=$1
	shift
	sync
	if ! "$TIME" -f '%e %M' -o "$W/time" "$@" >"$W/out" 2>"$W/err"; then
		echo "bench: $label failed:" >&2
		cat "$W/err" >&2
		exit 1
	fi
	SECS=$(cut -d' ' -f1 "$W/time")
	KB=$(cut -d' ' -f2 "$W/time")
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }'; }
rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.0f", (t > 0) ? n / t : 0 }'; }

median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }

# The first import and its two references, in ROUNDS rounds of one run
# each, so that a slow spell of the shared machine falls on all three
# alike; each takes the median of its runs, and the ratio the median of
# the rounds' ratios.
cols=$(head -1 "$W/big/participation.csv" | sed 's/\([^,]*\)/"\1" TEXT/g')
: "${ROUNDS:=5}"
ti="" tq="" tk="" rq="" rk="" m1=0 qm1=0
round=0
while [ "$round" -lt "$ROUNDS" ]; do
	round=$((round + 1))
	cp "$BASE" "$W/big.db"
	measure "integra import" "$BIN" -d "$W/big.db" import participation \
	    "$W/big/participation.csv"
	a=$SECS; s1=$(cat "$W/out")
	[ "$KB" -gt "$m1" ] && m1=$KB
	rm -f "$W/bare.db"
	measure "sqlite3 .import" sqlite3 "$W/bare.db" \
	    ".import --csv '$W/big/participation.csv' participation"
	b=$SECS
	[ "$KB" -gt "$qm1" ] && qm1=$KB
	rm -f "$W/keyed.db" "$W/keyed.db-wal" "$W/keyed.db-shm"
	measure "sqlite3 .import, keyed" sqlite3 "$W/keyed.db" "PRAGMA journal_mode = WAL" \
	    "CREATE TABLE participation ($cols)" "BEGIN" \
	    ".import --csv --skip 1 '$W/big/participation.csv' participation" \
	    "CREATE UNIQUE INDEX participation_key ON participation(programme, person)" \
	    "CREATE INDEX participation_person ON participation(person)" "COMMIT"
	k=$SECS
	ti="$ti $a" tq="$tq $b" tk="$tk $k"
	rq="$rq $(ratio "$a" "$b")" rk="$rk $(ratio "$a" "$k")"
done
i1=$(median $ti) q1=$(median $tq) k1=$(median $tk)
r1=$(median $rq) r1k=$(median $rk)
measure "integra second import" "$BIN" -d "$W/big.db" import participation "$W/big/participation.csv"
i2=$SECS; s2=$(cat "$W/out")
measure "sqlite3 second .import" sqlite3 "$W/bare.db" ".import --csv --skip 1 '$W/big/participation.csv' participation"
q2=$SECS
cp "$BASE" "$W/small.db"
measure "integra import (small)" "$BIN" -d "$W/small.db" import participation "$W/small/participation.csv"
m0=$KB
measure "sqlite3 .import (small)" sqlite3 "$W/bare-small.db" ".import --csv '$W/small/participation.csv' participation"
qm0=$KB

echo
printf '%-34s %10s %12s %8s\n' "$ROWS participation rows" "seconds" "rows/s" "ratio"
echo "(first import and references: medians of $ROUNDS rounds; the ratios are"
echo " the medians of each round's ratio; every round's ratio:$rq)"
printf '%-34s %10s %12s %8s\n' "integra import (first)" "$i1" "$(rate "$ROWS" "$i1")" "$r1"
printf '%-34s %10s %12s\n' "sqlite3 .import, bare table" "$q1" "$(rate "$ROWS" "$q1")"
printf '%-34s %10s %12s %8s\n' "sqlite3 .import, keyed (WAL)" "$k1" "$(rate "$ROWS" "$k1")" "$r1k"
printf '%-34s %10s %12s %8s\n' "integra import (again, unchanged)" "$i2" "$(rate "$ROWS" "$i2")" "$(ratio "$i2" "$q2")"
printf '%-34s %10s %12s\n' "sqlite3 .import again" "$q2" "$(rate "$ROWS" "$q2")"
echo "  integra, first:  $s1"
echo "  integra, again:  $s2"
echo
printf '%-34s %10s %12s %8s\n' "peak memory (KiB)" "$SMALL" "$ROWS" "ratio"
printf '%-34s %10s %12s %8s\n' "integra import" "$m0" "$m1" "$(ratio "$m1" "$m0")"
printf '%-34s %10s %12s %8s\n' "sqlite3 .import" "$qm0" "$qm1" "$(ratio "$qm1" "$qm0")"
echo
t=$(awk -v r="$r1" 'BEGIN { print (r <= 1.5) ? "met" : "MISSED" }')
m=$(awk -v a="$m1" -v b="$m0" 'BEGIN { print (a <= 1.2 * b) ? "met" : "MISSED" }')
k=$(awk -v r="$r1k" 'BEGIN { print (r <= 1.5) ? "met" : "MISSED" }')
echo "target time   (integra <= 1.5 x sqlite3 .import): $t"
echo "  against the keyed reference (integra <= 1.5 x):   $k"
echo "target memory (1M <= 1.2 x 10k):                  $m"
