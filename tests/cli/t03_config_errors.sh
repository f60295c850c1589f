#!/bin/sh
# Configuration errors: a missing -c file, a syntax error, an unknown key,
# a wrong type, an out-of-range number, a missing include.  Each is one
# line on stderr naming file:line, with a defined exit code, and no
# database is created.
. "$(dirname "$0")/lib.sh"

C="$T/bad.cfg"

fails 1 "a missing -c file is an error" -c "$T/nope.cfg" config show
err_has "it names the file and why" "cannot read configuration '$T/nope.cfg': No such file or directory"
INTEGRA_CONFIG="$T/nope.cfg" run config show
same "a missing \$INTEGRA_CONFIG file is an error too" "$RC" "1"
err_has "naming it" "'$T/nope.cfg'"
fails 1 "a directory is not a configuration file" -c "$T" config show

printf 'database = "/x.db";\nbusy_timeout = ;\n' >"$C"
fails 4 "syntax error" -c "$C" config show
err_has "syntax error names file:line" "integra: $C:2: syntax error"

printf 'database = "/x.db";\n\ncolour = "red";\n' >"$C"
fails 4 "unknown key" -c "$C" config show
err_has "unknown key names file:line and the key" "integra: $C:3: unknown key 'colour'"
err_has "unknown key lists the known keys" "(known: database, busy_timeout, output_mode, plugins, jobs, pager)"

printf 'plugins = {\n  dir = "/p";\n  enable = [ "decree" ];\n};\n' >"$C"
fails 4 "unknown key in plugins" -c "$C" config show
err_has "names plugins.enable at its line" "$C:3: unknown key 'plugins.enable'"

printf 'busy_timeout = "soon";\n' >"$C"
fails 4 "wrong type" -c "$C" config show
err_has "wrong type names file:line and the type" "integra: $C:1: 'busy_timeout' must be an integer"

printf 'database = 42;\n' >"$C"
fails 4 "database must be a string" -c "$C" config show
err_has "database type error" "$C:1: 'database' must be a string"

printf '\n\nbusy_timeout = 3600001;\n' >"$C"
fails 4 "out of range" -c "$C" config show
err_has "out of range names file:line and the range" "integra: $C:3: busy_timeout = 3600001 is out of range (0..3600000 ms)"

printf 'busy_timeout = -5;\n' >"$C"
fails 4 "negative busy_timeout" -c "$C" config show

# libconfig reads integers with atoi(): 4294967297 would become 1 and
# 99999999999999999999 -1; integra reads the text as written, in 64 bits.
printf 'busy_timeout = 4294967297;\n' >"$C"
fails 4 "a busy_timeout that wraps at 32 bits" -c "$C" config show
err_has "is out of range as written" "integra: $C:1: busy_timeout = 4294967297 is out of range (0..3600000 ms)"
printf 'busy_timeout = 99999999999999999999;\n' >"$C"
fails 4 "a busy_timeout beyond 64 bits" -c "$C" config show
err_has "is reported with its real text" "integra: $C:1: busy_timeout = 99999999999999999999 is out of range (0..3600000 ms)"

printf '\noutput_mode = "0777";\n' >"$C"
fails 4 "an output_mode with execute bits" -c "$C" config show
err_has "is refused with file:line" "integra: $C:2: 'output_mode' must be an octal mode as a string, at most \"0666\" and without execute bits, such as \"0640\" (found \"0777\")"
printf 'output_mode = "0700";\n' >"$C"
fails 4 "an owner-only executable output_mode" -c "$C" config show

printf 'output_mode = "0999";\n' >"$C"
fails 4 "a bad output_mode" -c "$C" config show
err_has "output_mode error" "$C:1: 'output_mode' must be an octal mode"

printf 'plugins = { enabled = [ "decree" ]; };\ncivil_service = { hours_per_credit = 30; };\n' >"$C"
fails 4 "a group of a plugin that is not enabled" -c "$C" config show
err_has "names the group" "$C:2: unknown key 'civil_service'"

printf 'plugins = { enabled = [ ]; };\ncivil_service = { hours_per_credit = 30; };\n' >"$C"
fails 4 "an empty enabled list and a plugin group (once a crash)" -c "$C" config show
err_has "names the group" "$C:2: unknown key 'civil_service'"

printf 'civil_service = { hours_per_credit = 30; };\nplugins = { enabled = [ "decree" ]; };\n' >"$C"
fails 4 "a plugin group before the plugins group is checked too" -c "$C" config show
err_has "names the group at its line" "$C:1: unknown key 'civil_service'"

printf 'plugins = { enabled = [ "decree", "decree" ]; };\n' >"$C"
fails 4 "a plugin enabled twice" -c "$C" config show
err_has "says so" "'plugins.enabled' names 'decree' twice"

printf 'busy_timeout = 1;\nbusy_timeout = 2;\n' >"$C"
fails 4 "a key given twice" -c "$C" config show
err_has "names the second line" "$C:2:"

mkdir -p "$T/inc"
printf 'busy_timeout = 10;\n@include "missing.cfg"\n' >"$T/inc/main.cfg"
fails 1 "a missing include" -c "$T/inc/main.cfg" config show
err_has "names the including line and the resolved path" "$T/inc/main.cfg:2: cannot include '$T/inc/missing.cfg': No such file or directory"

# @include reads only regular files of bounded size.
printf 'busy_timeout = 10;\n@include "/dev/zero"\n' >"$T/inc/zero.cfg"
fails 1 "@include of /dev/zero" -c "$T/inc/zero.cfg" config show
err_has "is refused with file:line" "integra: $T/inc/zero.cfg:2: cannot include '/dev/zero': a character device (expected a regular file of at most 1 MiB)"
mkfifo "$T/inc/fifo"
printf '@include "fifo"\n' >"$T/inc/fifo.cfg"
fails 1 "@include of a FIFO" -c "$T/inc/fifo.cfg" config show
err_has "is refused without waiting for a writer" "integra: $T/inc/fifo.cfg:1: cannot include '$T/inc/fifo': a FIFO"
head -c 1100000 /dev/zero | tr '\0' '#' >"$T/inc/huge.cfg"
printf '@include "huge.cfg"\n' >"$T/inc/big.cfg"
fails 1 "@include of a file over 1 MiB" -c "$T/inc/big.cfg" config show
err_has "is refused" "integra: $T/inc/big.cfg:1: cannot include '$T/inc/huge.cfg': larger than 1 MiB"

printf 'busy_timeout = 10;\n@include "sub.cfg"\n' >"$T/inc/main.cfg"
printf 'database = "/x.db";\n\nplugins = { dir = ; };\n' >"$T/inc/sub.cfg"
fails 4 "a syntax error inside an include" -c "$T/inc/main.cfg" config show
err_has "names the included file and its own line" "integra: $T/inc/sub.cfg:3: syntax error"

printf 'busy_timeout = 200000000;\n' >"$C"
fails 4 "a configuration error stops every command, not just config show" -c "$C" init
same "and no database was created" "$(test -e "$DB" && echo yes)" ""
printf 'busy_timeout = "x";\n' >"$C"
INTEGRA_CONFIG="$C" run org list
same "errors in \$INTEGRA_CONFIG's file stop commands too" "$RC" "4"
err_has "naming the file" "$C:1:"
finish
