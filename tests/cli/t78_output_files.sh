#!/bin/sh
# Outputs go only to regular files: a FIFO, a symbolic link or a device at
# the path of `report -o` or of a job is refused with one line saying what
# it is, and nothing is written through it (the file a link points to
# stays as it was).  File modes never exceed 0666: a job's mode "0777" is
# a configuration error, and the --rejects file gets output_mode whatever
# the umask.  Output patterns refuse control characters (%n, %t, or one
# written in the pattern) with file:line.
. "$(dirname "$0")/lib.sh"

CFGDIR="$XDG_CONFIG_HOME/integra"
OUTDIR="$T/out"
mkdir -p "$CFGDIR" "$OUTDIR"
ok "init" init
printf 'code,name,kind,region\nMOU,Міністерство оборони,ministry,Київ\n' >"$T/o.csv"
ok "an organisation" import orgs "$T/o.csv"

# report -o: a FIFO (once opened and written in place, which blocked until
# a reader came), a symbolic link, a device
mkfifo "$OUTDIR/fifo"
printf 'precious\n' >"$T/precious"
ln -s "$T/precious" "$OUTDIR/link.csv"
run_bounded() { timeout 10 "$BIN" "$@" >"$OUT" 2>"$ERR"; RC=$?; }
run_bounded --format csv report coverage -o "$OUTDIR/fifo"
same "-o FIFO: exit 1 (at once)" "$RC" "1"
err_has "-o FIFO: says what it is" "refusing to write '$OUTDIR/fifo': it is a FIFO, and outputs go only to regular files"
fails 1 "-o symbolic link: refused" --format csv report coverage -o "$OUTDIR/link.csv"
err_has "-o symbolic link: says what it is" "'$OUTDIR/link.csv': it is a symbolic link"
same "the file the link points to is untouched" "$(cat "$T/precious")" "precious"
same "the link is still a link" "$(test -L "$OUTDIR/link.csv" && echo link)" "link"
fails 1 "-o /dev/null: a device, refused" --format csv report coverage -o /dev/null
err_has "-o device: says what it is" "'/dev/null': it is a character device"
# /dev/stdout is such a link; one of our own stands in for it, so that a
# binary without the check (which renamed a file over /dev/stdout when
# run as root) cannot harm the machine
ln -s /proc/self/fd/1 "$OUTDIR/stdout"
fails 1 "-o a link like /dev/stdout: refused" report coverage -o "$OUTDIR/stdout"
err_has "-o a link like /dev/stdout: the way out is named" "without -o a result goes to standard output"
rm "$OUTDIR/stdout"
ok "-o a regular file still works" --format csv report coverage -o "$OUTDIR/c.csv"
same "only the FIFO, the link and the file" "$(ls -A "$OUTDIR" | tr '\n' ' ')" "c.csv fifo link.csv "

# a job: the same refusals, recorded as failed runs
cat >"$CFGDIR/integra.cfg" <<CFG
jobs = (
  { name = "tofifo"; report = "coverage"; output = "$OUTDIR/fifo"; schedule = "@daily"; },
  { name = "tolink"; report = "coverage"; output = "$OUTDIR/link.csv"; schedule = "@daily"; }
);
CFG
run_bounded job run tofifo
same "job into a FIFO: exit 1" "$RC" "1"
err_has "job into a FIFO: says what it is" "'$OUTDIR/fifo': it is a FIFO"
same "the FIFO is still a FIFO" "$(test -p "$OUTDIR/fifo" && echo fifo)" "fifo"
fails 1 "job into a symbolic link: refused" job run tolink
err_has "job into a symbolic link: says what it is" "'$OUTDIR/link.csv': it is a symbolic link"
same "the link is not replaced" "$(test -L "$OUTDIR/link.csv" && echo link)" "link"
same "the file it points to is untouched" "$(cat "$T/precious")" "precious"
db_is "both runs are recorded as failed" \
	"SELECT group_concat(job || ':' || outcome, ' ') FROM (SELECT * FROM job_run ORDER BY id) AS r" \
	"tofifo:failed tolink:failed"
same "no temporary file left" "$(ls -A "$OUTDIR" | tr '\n' ' ')" "c.csv fifo link.csv "

# modes: a job's mode above 0666 is refused at load
bad_job() {
	printf '%s\n' "jobs = ( { name = \"w\"; report = \"coverage\"; schedule = \"@daily\";" \
	    "  $1 } );" >"$CFGDIR/integra.cfg"
	fails 4 "$2" job list
	err_has "$2: names file, line and field" "$3"
}
bad_job "output = \"$OUTDIR/x.csv\"; mode = \"0777\";" "a job's mode 0777" \
	"integra.cfg:2: job 'w': 'mode' must be at most 0666 (an output is never executable), not \"0777\""
bad_job "output = \"$OUTDIR/x.csv\"; mode = \"0755\";" "a job's mode 0755" "'mode' must be at most 0666"
# output patterns: no control characters
bad_job "output = \"$OUTDIR/x-%Y%n.csv\";" "%n in an output pattern" \
	"integra.cfg:2: job 'w': 'output' has %n (a newline) at byte $((${#OUTDIR} + 6)): a file name may not hold control characters"
bad_job "output = \"$OUTDIR/x-%t.csv\";" "%t in an output pattern" "'output' has %t (a tab)"
bad_job "output = \"$OUTDIR/x-%_5t.csv\";" "%t with a flag and a width" "'output' has %t (a tab)"
bad_job "output = \"$OUTDIR/x\\t.csv\";" "a tab written in an output pattern" "'output' has a control character at byte"
bad_job "output = \"$OUTDIR/x\\x01.csv\";" "a C0 control character" "'output' has a control character"
bad_job "output = \"$OUTDIR/x\\xc2\\x9b.csv\";" "a C1 control character (U+009B)" "'output' has a control character"
printf '%s\n' "jobs = ( { name = \"w\"; report = \"coverage\"; schedule = \"@daily\";" \
    "  output = \"$OUTDIR/x-%%n-%Y.csv\"; } );" >"$CFGDIR/integra.cfg"
ok "%%n is a literal '%n', allowed" job list

# the rejects file: output_mode (0640 by default), not 0666 under umask 000
rm -f "$CFGDIR/integra.cfg"
printf 'code,name,kind,region\nX1,Перший,club,Київ\nX2,Другий,ministry,Київ\n' >"$T/bad.csv"
(umask 000; exec "$BIN" import orgs "$T/bad.csv" --keep-going --rejects "$T/rej.csv") >"$OUT" 2>"$ERR"
RC=$?
same "an import with a rejected row" "$RC" "0"
same "the rejects file has output_mode under umask 000" "$(stat -c %a "$T/rej.csv")" "640"
echo 'output_mode = "0600";' >"$CFGDIR/integra.cfg"
(umask 000; exec "$BIN" import orgs "$T/bad.csv" --keep-going --rejects "$T/rej2.csv") >"$OUT" 2>"$ERR"
same "and the configured output_mode" "$(stat -c %a "$T/rej2.csv")" "600"
finish
