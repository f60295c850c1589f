#!/bin/sh
# Runs a program under valgrind as `make check VALGRIND=1` wants it: any
# memory error or definitely lost block makes it exit 99, and valgrind's
# report goes to LOGDIR/NAME-PID.log (empty when all is well), never to
# the program's standard error, which the tests compare.  A log that
# cannot be written there (a test running integra as another user) goes
# to /dev/null; the exit code still tells.  What the program starts in
# turn (a job's on_success command) runs without valgrind.
#
# usage: tests/valgrind.sh LOGDIR NAME PROGRAM [ARG...]
logdir=$1 name=$2
shift 2
log="$logdir/$name-%p.log"
[ -d "$logdir" ] && [ -w "$logdir" ] || log=/dev/null
exec valgrind -q --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite --show-leak-kinds=definite \
    --suppressions="$(dirname "$0")/valgrind.supp" --log-file="$log" "$@"
