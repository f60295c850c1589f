#!/bin/sh
# `integra config show`: every value with where it came from, and the
# look-up order of the configuration file (-c, $INTEGRA_CONFIG,
# $XDG_CONFIG_HOME/integra/integra.cfg, ~/.config/integra/integra.cfg),
# with @include resolved against the including file.
. "$(dirname "$0")/lib.sh"

# On PostgreSQL lib.sh names the server in $INTEGRA_DATABASE: empty, it is
# no setting (t96), and the default file shows on both backends.
INTEGRA_DATABASE= ok "config show works with no configuration at all" config show
out_has "says that defaults serve" "none found; embedded defaults"
out_has "default database under XDG_DATA_HOME" "database = \"$XDG_DATA_HOME/integra/integra.db\";"
out_has "default busy_timeout" "busy_timeout = 5000;"
out_has "default output_mode" "output_mode = \"0640\";"
out_has "default plugins.enabled" "plugins.enabled = [ ];"
out_has "default plugins.strict" "plugins.strict = false;"
out_has "defaults are labelled" "# default"

mkdir -p "$T/etc/conf.d" "$T/shared"
cat >"$T/etc/main.cfg" <<'CFG'
# a comment
database = "/srv/integra/main.db";
@include "conf.d/timeouts.cfg"
plugins = {
  dir = "@PLUGDIR@";
  enabled = [ "civil_service", "decree" ];
  strict = true;
};
civil_service = { hours_per_credit = 30; };
CFG
cat >"$T/etc/conf.d/timeouts.cfg" <<'CFG'
busy_timeout = 250;
@include "../../shared/mode.cfg"
CFG
printf '\noutput_mode = "0600";\n' >"$T/shared/mode.cfg"
sed -i "s|@PLUGDIR@|$PLUGDIR|" "$T/etc/main.cfg"

# Run from elsewhere: include paths must not depend on the working directory.
cd /
ok "config show with -c" -c "$T/etc/main.cfg" config show
out_has "names the file and how it was found" "# configuration file: $T/etc/main.cfg (from -c)"
out_has "lists the included files" "# included: $T/etc/conf.d/timeouts.cfg"
out_has "lists nested includes" "# included: $T/etc/conf.d/../../shared/mode.cfg"
out_has "database and its line" "database = \"/srv/integra/main.db\";	# $T/etc/main.cfg:2"
out_has "busy_timeout from the include" "busy_timeout = 250;	# $T/etc/conf.d/timeouts.cfg:1"
out_has "output_mode from the nested include" "output_mode = \"0600\";	# $T/etc/conf.d/../../shared/mode.cfg:2"
out_has "plugins.dir and its line" "plugins.dir = \"$PLUGDIR\";	# $T/etc/main.cfg:5"
out_has "plugins.enabled and its line" "plugins.enabled = [ \"civil_service\", \"decree\" ];	# $T/etc/main.cfg:6"
out_has "plugins.strict and its line" "plugins.strict = true;	# $T/etc/main.cfg:7"
ok "the long option works too" --config "$T/etc/main.cfg" config show
out_has "same file" "(from -c)"
ok "and --config=FILE" --config="$T/etc/main.cfg" config show
out_has "same file again" "(from -c)"
ok "a prefix of config and show works" -c "$T/etc/main.cfg" conf sh
out_has "prefix output" "busy_timeout = 250;"
cd "$ROOT"

ok "-d overrides the configured database" -c "$T/etc/main.cfg" -d "$T/other.db" config show
out_has "-d is named as the source" "database = \"$T/other.db\";	# -d option"

# The look-up order.
echo 'busy_timeout = 1;' >"$T/opt.cfg"
echo 'busy_timeout = 2;' >"$T/env.cfg"
mkdir -p "$XDG_CONFIG_HOME/integra" "$HOME/.config/integra"
echo 'busy_timeout = 3;' >"$XDG_CONFIG_HOME/integra/integra.cfg"
echo 'busy_timeout = 4;' >"$HOME/.config/integra/integra.cfg"

INTEGRA_CONFIG="$T/env.cfg"
export INTEGRA_CONFIG
ok "-c wins over \$INTEGRA_CONFIG" -c "$T/opt.cfg" config show
out_has "-c value" "busy_timeout = 1;"
ok "\$INTEGRA_CONFIG wins over the XDG file" config show
out_has "\$INTEGRA_CONFIG value" "busy_timeout = 2;"
out_has "\$INTEGRA_CONFIG is named" "(from \$INTEGRA_CONFIG)"
unset INTEGRA_CONFIG
ok "the XDG file is found" config show
out_has "XDG value" "busy_timeout = 3;"
out_has "the XDG file is named" "# configuration file: $XDG_CONFIG_HOME/integra/integra.cfg"
saved=$XDG_CONFIG_HOME
unset XDG_CONFIG_HOME
ok "without XDG_CONFIG_HOME, ~/.config is used" config show
XDG_CONFIG_HOME=$saved
export XDG_CONFIG_HOME
out_has "~/.config value" "busy_timeout = 4;"
INTEGRA_CONFIG=""
export INTEGRA_CONFIG
ok "an empty \$INTEGRA_CONFIG is ignored" config show
out_has "falls through to XDG" "busy_timeout = 3;"
unset INTEGRA_CONFIG
rm -f "$XDG_CONFIG_HOME/integra/integra.cfg" "$HOME/.config/integra/integra.cfg"

# The configured database is the one used.
printf 'database = "%s/conf/db/x.db";\nbusy_timeout = 100;\n' "$T" >"$T/db.cfg"
ok "init uses the configured database" -c "$T/db.cfg" init
same "created where configured" "$(test -f "$T/conf/db/x.db" && echo yes)" "yes"
same "and not at the default place" "$(test -e "$DB" && echo yes)" ""
ok "the example configuration in config/ is valid" -c "$ROOT/config/integra.cfg" config show
finish
