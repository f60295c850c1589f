#!/bin/sh
# Runs each libFuzzer harness named on the command line (csv date cron cfg
# import) for $FUZZ_SECONDS seconds on its seeds (tests/fuzz/corpus/NAME)
# with its dictionary (tests/fuzz/NAME.dict) and input size limit, and
# fails when one finds a crash, a sanitizer error, a leak, a hang
# (an input slower than $FUZZ_TIMEOUT seconds) or too much memory.  New
# inputs go to $BUILD/fuzz/corpus/NAME, kept between runs; what a harness
# found goes to $BUILD/fuzz/crashes/ (copy it to tests/fuzz/crashes/ to
# keep it).  The closing table gives each harness's runs, executions per
# second and coverage (libFuzzer's cov: edges and ft: features).  The
# mutations start from FUZZ_SEED (1), so that CI's run repeats the one
# checked before landing; FUZZ_SEED=0 takes a random seed.
set -u
cd "$(dirname "$0")/../.."
: "${BUILD:=build-fuzz}" "${FUZZ_SECONDS:=60}" "${FUZZ_TIMEOUT:=10}"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:symbolize=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/fuzz/lsan.supp:print_suppressions=0"

# The largest input each harness is given, bytes.
max_len() {
	case $1 in
	date) echo 64 ;;
	cron) echo 256 ;;
	cfg) echo 4096 ;;
	csv|import) echo 8192 ;;
	*) echo 4096 ;;
	esac
}

fail=0
summary=""
for name in "$@"; do
	bin="$BUILD/fuzz/fuzz_$name"
	work="$BUILD/fuzz/corpus/$name"
	crashes="$BUILD/fuzz/crashes"
	log="$BUILD/fuzz/$name.log"
	mkdir -p "$work" "$crashes"
	set -- -max_total_time="$FUZZ_SECONDS" -max_len="$(max_len "$name")" \
	    -timeout="$FUZZ_TIMEOUT" -rss_limit_mb=2048 -malloc_limit_mb=1024 \
	    -print_final_stats=1 -artifact_prefix="$crashes/$name-" \
	    -seed="${FUZZ_SEED:-1}"
	[ -f "tests/fuzz/$name.dict" ] && set -- "$@" -dict="tests/fuzz/$name.dict"
	echo "== fuzz $name: $FUZZ_SECONDS s, inputs up to $(max_len "$name") bytes"
	if "$bin" "$@" "$work" "tests/fuzz/corpus/$name" </dev/null >"$log" 2>&1; then
		result=ok
	else
		result=FAILED
		fail=1
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*broken promise|.*runtime error|artifact_prefix|Test unit written)' \
		    "$log" | head -20
		echo "   (whole log: $log)"
	fi
	last=$(grep -E '^#[0-9]+' "$log" | tail -1)
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
	cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
	corp=$(echo "$last" | sed -n 's/.* corp: \([0-9]*\/[0-9a-zA-Z]*\).*/\1/p')
	line=$(printf '%-7s %-6s %10s runs %7s exec/s  cov %5s  ft %6s  corpus %s' \
	    "$name" "$result" "${runs:-?}" "${speed:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}")
	echo "   $line"
	summary="$summary$line
"
done
echo "== fuzz summary"
printf '%s' "$summary"
if [ $fail -ne 0 ]; then echo "make fuzz: FAILED"; exit 1; fi
echo "make fuzz: no crash, leak or hang"
