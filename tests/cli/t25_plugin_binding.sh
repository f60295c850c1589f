#!/bin/sh
# Area bindings: the first plugin to serve an area is recorded with it
# (name, version, file, SHA-256) and not audited; another plugin claiming
# the area (the impostor fixture, area "testing" like good's) is refused
# when the database is opened, before it validates anything: a warning
# naming both plugins and files and the way to rebind, or the error with
# plugins.strict; `integra check` reports it; `integra plugin rebind`
# binds the area on purpose, audited; a new build of the bound plugin is
# accepted and recorded, audited.
. "$(dirname "$0")/lib.sh"
umask 022
P="$T/plugins"
mkdir -p "$P" "$XDG_CONFIG_HOME/integra"
CFG="$XDG_CONFIG_HOME/integra/integra.cfg"
cp "$FIXDIR/good.so" "$FIXDIR/impostor.so" "$P/"
# enable NAME... [EXTRA]: the plugins enabled, in this order.
enable() {
	list=""
	for n in $1; do list="$list${list:+, }\"$n\""; done
	printf 'plugins = { dir = "%s"; enabled = [ %s ]; %s };\n' "$P" "$list" \
	    "${2:-}" >"$CFG"
}
sha() { sha256sum "$1" | cut -d' ' -f1; }
BOUND="SELECT plugin || ' ' || version || ' ' || path || ' ' || sha256 FROM plugin_area WHERE area = 'testing'"
REFUSED="integra: plugin '$P/impostor.so' refused: area 'testing': expected plugin 'good' 1.2.3 ('$P/good.so', sha256 $(sha "$P/good.so" | cut -c1-16)...), to which database '$DB' binds the area, found plugin 'impostor' 6.6.6; remove or disable '$P/impostor.so', or bind the area to it on purpose with 'integra plugin rebind testing'"

enable good
ok "init binds the area to the plugin that serves it" init
db_is "name, version, file and checksum recorded" "$BOUND" "good 1.2.3 $P/good.so $(sha "$P/good.so")"
db_is "the first binding is not audited" "SELECT count(*) FROM audit WHERE entity = 'plugin_area'" "0"
ok "a programme of the area" programme add testing P1 "Перша програма" -f level=basic
ok "check says ok" check
out_is "ok" "ok"

# The impostor alone: refused, so nothing of it runs on the area's data.
enable impostor
before=$(snapshot)
ok "a command still runs without the refused plugin" programme list
err_has "the refusal names both plugins and files and the way to rebind" "$REFUSED"
same "the refusal is one line" "$(wc -l <"$ERR")" "1"
out_has "the stored programme is listed" "P1"
same "nothing was written" "$(snapshot)" "$before"
run programme add testing P2 "Друга програма" -f level=basic
same "the impostor validates no new programme" "$RC" "4"
err_has "the area has no plugin now" "integra: unknown area 'testing'"
run programme set P1 -f level=advanced
same "nor a change of a stored one's fields" "$RC" "4"
err_has "no plugin checks the field" "cannot check field 'level=advanced': no plugin for area 'testing' is loaded"
db_is "the programme is unchanged" "SELECT json_extract(fields, '\$.level') FROM programme WHERE code = 'P1'" "basic"
run testing hello
same "the impostor's own commands are refused" "$RC" "4"
err_has "saying why" "integra: plugin 'impostor' was refused for area 'testing'"
run check
same "check finds the problems" "$RC" "4"
out_has "programmes whose area has no loaded plugin" "problem: no loaded plugin: area 'testing' of 1 programme"
out_has "the area bound to another plugin" "problem: area bound to another plugin: area 'testing' is bound to plugin 'good' 1.2.3 ('$P/good.so'), not to the loaded plugin 'impostor' 6.6.6 ('$P/impostor.so'); 'integra plugin rebind testing' binds it on purpose"
err_has "and says how many" "integra: check found 2 problems"

# The impostor sorted first beside the good plugin: good is refused as a
# second claimant, the impostor for the binding.
enable "impostor good"
run check
same "check refuses with both enabled" "$RC" "4"
err_has "the good plugin refused as a duplicate" "refused: area: expected a unique area, found 'testing', already claimed by plugin 'impostor'"
err_has "the impostor refused for the binding" "$REFUSED"

enable impostor "strict = true;"
before=$(snapshot)
fails 4 "with plugins.strict the refusal is the error" programme list
err_has "the same message" "$REFUSED"
same "nothing was written" "$(snapshot)" "$before"
fails 4 "init refuses it too" init
err_has "init's message" "$REFUSED"

# Rebinding on purpose.
enable impostor
fails 3 "rebind needs a loaded plugin claiming the area" plugin rebind nosuch
err_has "its message" "integra: no loaded plugin claims area 'nosuch' (see 'integra plugin list')"
ok "rebind binds the area to the impostor" plugin rebind testing
out_has "rebind says what it bound and what was bound" "area 'testing': bound to plugin 'impostor' 6.6.6 ('$P/impostor.so', sha256 $(sha "$P/impostor.so")), was plugin 'good' 1.2.3 ('$P/good.so', sha256 $(sha "$P/good.so"))"
db_is "the binding recorded" "$BOUND" "impostor 6.6.6 $P/impostor.so $(sha "$P/impostor.so")"
db_is "the rebind is audited with its command, old and new plugin" "SELECT command || ' ' || entity_key || ' ' || action || ' ' || json_extract(old, '\$.plugin') || ' ' || json_extract(new, '\$.plugin') FROM audit WHERE entity = 'plugin_area'" "$ARGV0 plugin rebind testing testing change good impostor"
ok "the impostor is accepted now" programme list
same "without a warning" "$(cat "$ERR")" ""
ok "check says ok" check

# And back to good, which is now the other plugin.
enable good
ok "a command with good" programme list
err_has "good is refused now" "integra: plugin '$P/good.so' refused: area 'testing': expected plugin 'impostor' 6.6.6"
ok "rebind to good" plugin rebind testing
ok "good serves the area again" programme set P1 --title "Змінена"
db_is "changed" "SELECT title FROM programme WHERE code = 'P1'" "Змінена"

# A new build of the bound plugin (same name, another checksum) is
# accepted and recorded, audited.
printf 'rebuilt' >>"$P/good.so"
ok "a new build of the bound plugin is accepted" programme list
same "without a warning" "$(cat "$ERR")" ""
db_is "the new checksum recorded" "$BOUND" "good 1.2.3 $P/good.so $(sha "$P/good.so")"
db_is "the update is audited" "SELECT count(*) FROM audit WHERE entity = 'plugin_area' AND action = 'change' AND json_extract(new, '\$.sha256') = '$(sha "$P/good.so")'" "1"
ok "check says ok" check
finish
