#!/bin/sh
# The SDK for outsiders: `make install` into a temporary DESTDIR installs
# the header, integra-plugin.pc, the guide, the man page and the template;
# the template builds out of tree with pkg-config alone and the installed
# binary loads it (its field declared, its report listed, its command run).
. "$(dirname "$0")/lib.sh"
umask 022
R="$T/root"
if make -C "$ROOT" --no-print-directory install DESTDIR="$R" PREFIX=/usr \
    BUILD="$BUILD" >"$T/install.log" 2>&1; then
	pass "make install into a DESTDIR"
else
	cp "$T/install.log" "$ERR"; fail "make install into a DESTDIR"
fi
for f in usr/bin/integra usr/include/integra/plugin.h usr/lib/pkgconfig/integra-plugin.pc \
    usr/share/doc/integra/plugin-guide.md usr/share/man/man7/integra-plugin.7 \
    usr/share/doc/integra/examples/template.c; do
	if [ -f "$R/$f" ]; then pass "installed $f"; else fail "installed $f"; fi
done

export PKG_CONFIG_PATH="$R/usr/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$R"
export PKG_CONFIG_ALLOW_SYSTEM_CFLAGS=1
same "pkg-config knows the SDK version" "$(pkg-config --modversion integra-plugin)" "$(sed -n 's/^VERSION *:= *//p' "$ROOT/Makefile")"
same "the plugin directory is a variable" "$(PKG_CONFIG_SYSROOT_DIR= pkg-config --variable=plugindir integra-plugin)" "/usr/lib/integra/plugins"
cflags=$(pkg-config --cflags integra-plugin)
case "$cflags" in
*"-I$R/usr/include"*) pass "cflags point at the installed header" ;;
*) echo "$cflags" >"$OUT"; fail "cflags point at the installed header" ;;
esac

# A developer's folder outside the tree: only the installed files.
D="$T/dev"
mkdir -p "$D/plugins"
cp "$R/usr/share/doc/integra/examples/template.c" "$D/"
if (cd "$D" && cc -shared -fPIC $cflags -o plugins/template.so template.c) >"$ERR" 2>&1; then
	pass "the template builds out of tree with pkg-config"
else
	fail "the template builds out of tree with pkg-config"
fi
BIN="$R/usr/bin/integra"
ok "the installed binary checks it" plugin check "$D/plugins/template.so"
out_has "check: ok" "ok (plugin template 1.0, ABI 1.1)"

# The guide's first steps: copy, rename by sed, build, check.
mkdir -p "$T/mine"
sed 's/template/mytraining/g' "$D/template.c" >"$T/mine/mytraining.c"
if (cd "$T/mine" && cc -shared -fPIC $cflags -o mytraining.so mytraining.c) >"$ERR" 2>&1; then
	pass "a renamed copy builds"; else fail "a renamed copy builds"; fi
ok "and passes every loader check" plugin check "$T/mine/mytraining.so"
out_has "under its new name" "ok (plugin mytraining 1.0, ABI 1.1)"
same "it exports only the descriptor" "$(nm -D --defined-only "$T/mine/mytraining.so" | awk '$2 ~ /[TDRB]/ {print $3}')" "integra_plugin"

mkdir -p "$XDG_CONFIG_HOME/integra"
cat >"$XDG_CONFIG_HOME/integra/integra.cfg" <<CFGEOF
plugins = { dir = "$D/plugins"; enabled = [ "template" ]; };
template = { title_width = 24; };
CFGEOF
ok "init with the outside plugin" init
ok "plugin list shows it" plugin list
out_has "listed with its ABI and path" "template  1.0      1.1  template  $D/plugins/template.so"
ok "plugin info shows its field and report" plugin info template
out_has "its field" "programme.level: enum, one of: introductory, advanced, expert"
out_has "its report" "template_levels - how many programmes of the area"
out_has "its command" "integra template summary"
ok "a programme of the template's area, with its field" programme add template T-1 \
    "Євроатлантична інтеграція: вступний курс" --field level=advanced
ok "its command runs" template summary
out_has "its command read the programme" "T-1"
out_has "with the field" "advanced"
out_has "title cut by its configuration, at a character boundary" "Євроатлантич "
ok "its command honours --format" --format csv template summary
out_has "csv header" "code,title,level"
fails 2 "its command checks its arguments" template summary extra
ok "top-level help lists it" --help
out_has "plugin commands section" "template summary"

if make -C "$ROOT" --no-print-directory uninstall DESTDIR="$R" PREFIX=/usr \
    BUILD="$BUILD" >"$T/uninstall.log" 2>&1; then
	pass "make uninstall from the DESTDIR"
else
	cp "$T/uninstall.log" "$ERR"; fail "make uninstall from the DESTDIR"
fi
left=$(find "$R" -type f | sed "s|^$R/||" | tr '\n' ' ')
same "uninstall leaves no file behind" "$left" ""
finish
