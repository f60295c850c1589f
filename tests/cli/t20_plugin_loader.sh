#!/bin/sh
# The plugin loader: every refusal (wrong magic, wrong major, newer minor,
# small descriptor, bad field table, failing init, missing symbol, not an
# ELF file, symlink, world-writable, wrong file name, duplicate area) is
# one line naming the file, the check, the expected and the found values;
# one broken plugin does not stop the others unless plugins.strict is set;
# `plugin check` runs every check without a database.
. "$(dirname "$0")/lib.sh"
umask 022
P="$T/plugins"
mkdir -p "$P" "$XDG_CONFIG_HOME/integra"
CFG="$XDG_CONFIG_HOME/integra/integra.cfg"
for f in good other wrong_magic wrong_major newer_minor small_size bad_fields \
    failing_init no_symbol dup_area; do
	cp "$FIXDIR/$f.so" "$P/$f.so"
done
printf 'This is a text file, not a shared object: the loader must say so plainly.\n' >"$P/not_elf.so"
ln -s "$FIXDIR/good.so" "$P/linked.so"
cp "$FIXDIR/other.so" "$P/writable.so"
chmod o+w "$P/writable.so"
cp "$FIXDIR/other.so" "$P/renamed.so"

# check FILE: the same checks, no database, exact refusals, exit 4.
ok "check accepts the good plugin" plugin check "$P/good.so"
out_is "check says ok with name, version and ABI" "$P/good.so: ok (plugin good 1.2.3, ABI 1.1)"
same "check opened no database" "$(ls "$XDG_DATA_HOME")" ""
fails 4 "wrong magic refused" plugin check "$P/wrong_magic.so"
err_has "wrong magic: expected and found" "integra: plugin '$P/wrong_magic.so' refused: magic: expected 0x494e5447, found 0x12345678"
fails 4 "wrong major refused" plugin check "$P/wrong_major.so"
err_has "wrong major: expected and found" "integra: plugin '$P/wrong_major.so' refused: ABI major version: expected 1, found 2; rebuild the plugin against this integra's plugin.h"
fails 4 "newer minor refused" plugin check "$P/newer_minor.so"
err_has "newer minor: expected and found" "integra: plugin '$P/newer_minor.so' refused: ABI minor version: expected at most 1, found 6; the plugin needs a newer integra"
fails 4 "small descriptor refused" plugin check "$P/small_size.so"
err_has "small size: expected and found" "refused: descriptor size: expected at least"
err_has "small size: found 16" "found 16"
fails 4 "bad field table refused before init runs" plugin check "$P/bad_fields.so"
err_has "bad fields: which field and why" "integra: plugin '$P/bad_fields.so' refused: field 'kind': enum values: expected at least one, found none"
fails 4 "missing symbol refused" plugin check "$P/no_symbol.so"
err_has "missing symbol says so" "integra: plugin '$P/no_symbol.so' refused: not an integra plugin: no symbol 'integra_plugin'"
fails 4 "a text file is refused" plugin check "$P/not_elf.so"
err_has "not ELF: the dlerror text" "integra: plugin '$P/not_elf.so' refused: cannot load: $P/not_elf.so: invalid ELF header"
err_has "not ELF: the ldd hint" "; check its libraries with: ldd $P/not_elf.so"
fails 4 "a symbolic link is refused" plugin check "$P/linked.so"
err_has "symlink: expected and found" "integra: plugin '$P/linked.so' refused: file type: expected a regular file, found a symbolic link"
fails 4 "a world-writable file is refused" plugin check "$P/writable.so"
err_has "writable: expected, found and the fix" "integra: plugin '$P/writable.so' refused: permissions: expected no write permission for group or others, found mode 0757; fix with: chmod go-w $P/writable.so"
fails 4 "a file not named after its plugin is refused" plugin check "$P/renamed.so"
err_has "file name: expected and found" "integra: plugin '$P/renamed.so' refused: file name: expected 'other.so' for plugin 'other', found 'renamed.so'"
fails 3 "a missing file is not found" plugin check "$P/nothing.so"
err_has "missing file named" "integra: plugin '$P/nothing.so': no such file"
(cd "$P" && "$BIN" plugin check good.so >"$OUT" 2>"$ERR"); RC=$?
out_is "check of a bare file name opens that file, not a library search" "good.so: ok (plugin good 1.2.3, ABI 1.1)"
ok "check does not run init (a failing init passes the file checks)" plugin check "$P/failing_init.so"

# Loading: enabled plugins only; a broken one is a warning, the rest load.
cat >"$CFG" <<CFGEOF
plugins = { dir = "$P"; enabled = [ "good", "wrong_magic", "failing_init", "dup_area", "other", "bad_fields" ]; };
CFGEOF
run plugin list
if [ "$RC" -eq 0 ]; then pass "list works with broken plugins around"; else fail "list works with broken plugins around"; fi
out_has "good is listed with its ABI" "good"
out_has "other is listed" "other"
out_lacks "a failed init leaves nothing registered" "failing"
err_has "warning for wrong magic" "integra: plugin '$P/wrong_magic.so' refused: magic: expected 0x494e5447, found 0x12345678"
err_has "warning for failing init, with its reason" "integra: plugin '$P/failing_init.so' refused: init failed: cannot reach the registry at example.org"
err_has "warning for a duplicate area" "integra: plugin '$P/dup_area.so' refused: area: expected a unique area, found 'testing', already claimed by plugin 'good'"
err_has "warning for the bad field table" "refused: field 'kind': enum values"
same "one warning line per broken plugin" "$(wc -l <"$ERR")" "4"
ok "json list" --format json plugin list
if jq -e '.[0].name == "good" and .[0].abi == "1.1" and .[0].area == "testing" and .[0].fields == 9 and .[0].reports == 1 and .[0].commands == 5' "$OUT" >/dev/null; then
	pass "json list has name, ABI, area and counts"; else fail "json list has name, ABI, area and counts"; fi
run failing ping
same "a failed plugin's command is unknown (exit 2)" "$RC" "2"
err_has "a failed plugin's area is an unknown command" "integra: unknown command 'failing' for 'integra'"

# Strict: the first broken plugin is the error.
cat >"$CFG" <<CFGEOF
plugins = { dir = "$P"; enabled = [ "good", "wrong_major" ]; strict = true; };
CFGEOF
fails 4 "strict mode fails on a broken plugin" plugin list
err_has "strict names the plugin and the check" "integra: plugin '$P/wrong_major.so' refused: ABI major version: expected 1, found 2"
cat >"$CFG" <<CFGEOF
plugins = { dir = "$P"; enabled = [ "good", "absent" ]; strict = true; };
CFGEOF
fails 3 "strict mode fails on a missing plugin" plugin list
err_has "the missing file is named" "integra: plugin '$P/absent.so': no such file"

# Configuration groups must name a loaded plugin and use its keys.
cat >"$CFG" <<CFGEOF
plugins = { dir = "$P"; enabled = [ "good" ]; };
good = { max_seats = 20; label = "Добре"; };
CFGEOF
ok "init" init
ok "a plugin's group with its keys" testing hello
out_has "the plugin read its text key" "Добре"
out_has "the plugin read its integer key" "20"
cat >"$CFG" <<CFGEOF
plugins = { dir = "$P"; enabled = [ "good" ]; };
good = { max_seats = 20;
  colour = "red"; };
CFGEOF
fails 4 "an unknown key in a plugin's group is refused" plugin list
err_has "with file, line and the known keys" "integra.cfg:3: unknown key 'good.colour' (known: max_seats, label)"
fails 4 "plugin check checks the plugin's group too" plugin check "$P/good.so"
err_has "the same message" "integra.cfg:3: unknown key 'good.colour' (known: max_seats, label)"
cat >"$CFG" <<CFGEOF
plugins = { dir = "$P"; enabled = [ "good" ]; };
good = { max_seats = 0; };
CFGEOF
fails 4 "an out-of-range plugin key is refused" plugin list
err_has "with the range" "integra.cfg:2: good.max_seats = 0 is out of range (1..10000)"
mkdir -p "$T/only"
cp "$FIXDIR/good.so" "$T/only/good.so"
cat >"$CFG" <<CFGEOF
plugins = { dir = "$T/only"; };
good = { max_seats = 30; };
nosuch = { a = 1; };
CFGEOF
fails 4 "a group that names no loaded plugin is refused" plugin list
err_has "with file and line" "integra.cfg:3: unknown key 'nosuch' (not a core key, nor a loaded plugin's group)"

mkdir -p "$T/empty"
cat >"$CFG" <<CFGEOF
plugins = { dir = "$T/empty"; };
good = { max_seats = 30; };
CFGEOF
fails 4 "with no plugin at all, a plugin group is refused" plugin list
err_has "naming the group" "integra.cfg:2: unknown key 'good' (not a core key, nor a loaded plugin's group)"

# Without plugins.enabled every .so of the directory loads, sorted.
cp "$FIXDIR/other.so" "$T/only/other.so"
cat >"$CFG" <<CFGEOF
plugins = { dir = "$T/only"; };
CFGEOF
ok "every .so of the directory loads" plugin list
same "in sorted order" "$(awk 'NR>2 {print $1}' "$OUT" | tr '\n' ' ')" "good other "

# info shows everything declared.
ok "info by name" plugin info good
out_has "info: version and ABI" "plugin good 1.2.3 (ABI 1.1)"
out_has "info: an enum field with its values" "programme.level: enum, required, one of: basic, advanced"
out_has "info: bounds" "programme.seats: integer, 1..500"
out_has "info: a reference" "programme.provider: reference to organisation"
out_has "info: a derived field" "programme.cost_per_seat: real, derived"
out_has "info: a config key with its default" "good.max_seats: integer, 1..10000, default 500"
out_has "info: a report with its dimensions" "testing_levels - how many programmes of each level"
out_has "info: a format" "lines (.txt)"
out_has "info: a command" "integra testing note DATE TEXT"
ok "info by area" plugin info testing
fails 3 "info of an unknown plugin" plugin info nosuch

# Help: top-level help lists the plugin commands; the area has its own.
ok "top-level help" --help
out_has "plugin commands in the top-level help" "testing hello"
ok "area help" testing --help
out_has "area help lists commands" "note"
ok "command help" testing note --help
out_has "command usage" "usage: integra testing note DATE TEXT"
fails 2 "an unknown plugin command" testing frobnicate
err_has "names the area" "unknown command 'frobnicate' for 'integra testing'"
finish
