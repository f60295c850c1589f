#!/bin/sh
# The plugin paths, checked as OpenSSH's StrictModes checks them: the
# plugin directory and every directory above it must be owned by root or
# the running user and writable by nobody else (an ancestor may be a sticky
# directory such as /tmp, never the plugin directory itself); the plugin
# directory and the .so must not be symbolic links.  Each refusal is one
# line naming the directory, the check, expected and found, and the fix,
# for `plugin check` and the loader alike.  The user's plugin directory is
# searched after the system one.
. "$(dirname "$0")/lib.sh"
umask 022
R=$(cd "$T" && pwd -P)	# the real path, as the refusals of ancestors name it
CFG="$XDG_CONFIG_HOME/integra/integra.cfg"
mkdir -p "$XDG_CONFIG_HOME/integra"
# plugdir DIR: a plugin directory holding good.so.
plugdir() {
	mkdir -p "$1"
	cp "$FIXDIR/good.so" "$1/good.so"
}
# usedir DIR [strict]: the configuration loads every .so of DIR.
usedir() {
	printf 'plugins = { dir = "%s"; %s };\n' "$1" "${2:+strict = true;}" >"$CFG"
}

# A directory others may write: 0777 and 1777 (sticky is no excuse here).
plugdir "$T/w777"
chmod 0777 "$T/w777"
fails 4 "a world-writable plugin directory is refused by check" plugin check "$T/w777/good.so"
err_has "0777: directory, check, expected, found and fix" "integra: plugin directory '$T/w777' refused: permissions: expected no write permission for group or others, found mode 0777; fix with: chmod go-w $T/w777"
usedir "$T/w777"
run plugin list
same "the loader goes on without it" "$RC" "0"
out_lacks "its plugin is not loaded" "good.so"
err_has "the loader says why, once" "integra: plugin directory '$T/w777' refused: permissions"
same "one warning line" "$(wc -l <"$ERR")" "1"
usedir "$T/w777" strict
fails 4 "with plugins.strict it is the error" plugin list
err_has "strict: the same line" "found mode 0777; fix with: chmod go-w $T/w777"
plugdir "$T/w1777"
chmod 1777 "$T/w1777"
fails 4 "a sticky world-writable plugin directory (1777) is refused" plugin check "$T/w1777/good.so"
err_has "1777: found mode 1777" "integra: plugin directory '$T/w1777' refused: permissions: expected no write permission for group or others, found mode 1777; fix with: chmod go-w $T/w1777"
plugdir "$T/g775"
chmod 0775 "$T/g775"
fails 4 "a group-writable plugin directory (0775) is refused" plugin check "$T/g775/good.so"
err_has "0775: found mode 0775" "found mode 0775; fix with: chmod go-w $T/g775"

# An ancestor others may write, without the sticky bit: refused, named.
mkdir -p "$T/open"
plugdir "$T/open/plugins"
chmod 0777 "$T/open"
fails 4 "a world-writable directory above is refused" plugin check "$T/open/plugins/good.so"
err_has "the ancestor is named with its real path" "integra: plugin directory '$T/open/plugins' refused: '$R/open': permissions: expected no write permission for group or others (or the sticky bit, as on /tmp), found mode 0777; fix with: chmod go-w $R/open"
# ... with the sticky bit (as /tmp, above every test directory): accepted.
chmod 1777 "$T/open"
ok "a sticky directory above is accepted" plugin check "$T/open/plugins/good.so"
out_is "and the plugin checks ok" "$T/open/plugins/good.so: ok (plugin good 1.2.3, ABI 1.1)"
chmod 0755 "$T/open"

# Another owner: the directory, an ancestor, the file.
if [ "$(id -u)" -eq 0 ]; then
	plugdir "$T/theirs"
	chown 65534 "$T/theirs"
	fails 4 "a plugin directory owned by another user is refused" plugin check "$T/theirs/good.so"
	err_has "owner: expected, found and fix" "integra: plugin directory '$T/theirs' refused: owner: expected root (uid 0) or the running user (uid 0), found uid 65534; fix with: chown 0 $T/theirs"
	mkdir -p "$T/above"
	plugdir "$T/above/plugins"
	chown 65534 "$T/above"
	fails 4 "a directory above owned by another user is refused" plugin check "$T/above/plugins/good.so"
	err_has "the ancestor's owner" "integra: plugin directory '$T/above/plugins' refused: '$R/above': owner: expected root (uid 0) or the running user (uid 0), found uid 65534; fix: use a plugin directory below directories of root's or yours only"
	plugdir "$T/file"
	chown 65534 "$T/file/good.so"
	fails 4 "a plugin file owned by another user is refused" plugin check "$T/file/good.so"
	err_has "the file's owner" "integra: plugin '$T/file/good.so' refused: owner: expected root (uid 0) or the running user (uid 0), found uid 65534; fix with: chown 0 $T/file/good.so"
	usedir "$T/theirs"
	run plugin list
	err_has "the loader refuses it too" "integra: plugin directory '$T/theirs' refused: owner"
	out_lacks "and loads nothing from it" "good.so"
else
	skip "a plugin directory owned by another user is refused" "needs root to chown"
	skip "a directory above owned by another user is refused" "needs root to chown"
	skip "a plugin file owned by another user is refused" "needs root to chown"
fi

# Symbolic links: the plugin directory, the .so.
plugdir "$T/real"
ln -s "$T/real" "$T/linked"
fails 4 "a symlinked plugin directory is refused by check" plugin check "$T/linked/good.so"
err_has "symlinked directory: expected, found and fix" "integra: plugin directory '$T/linked' refused: file type: expected a directory, not a symbolic link that can be changed under it, found a symbolic link; fix with: name the directory itself ($R/real)"
usedir "$T/linked" strict
fails 4 "a symlinked plugin directory is refused by the loader" plugin list
err_has "the loader names the link" "integra: plugin directory '$T/linked' refused: file type"
# A link above the plugin directory: only one nobody else can change.
mkdir -p "$T/pub" "$T/target"
plugdir "$T/target/plugins"
ln -s "$T/target" "$T/pub/l"
chmod 0777 "$T/pub"
fails 4 "a link above, in a directory others can write, is refused" plugin check "$T/pub/l/plugins/good.so"
err_has "the directory holding the link is named" "integra: plugin directory '$T/pub/l/plugins' refused: '$T/pub': permissions: expected no write permission for group or others (or the sticky bit, as on /tmp), found mode 0777; fix with: chmod go-w $T/pub"
chmod 0755 "$T/pub"
ok "a link above that only we can change is followed" plugin check "$T/pub/l/plugins/good.so"
if [ "$(id -u)" -eq 0 ]; then
	chmod 1777 "$T/pub"
	chown -h 65534 "$T/pub/l"
	fails 4 "someone else's link above, in a sticky directory, is refused" plugin check "$T/pub/l/plugins/good.so"
	err_has "the link's owner" "integra: plugin directory '$T/pub/l/plugins' refused: '$T/pub/l': symbolic link owner: expected root (uid 0) or the running user (uid 0), found uid 65534; fix with: name the directory itself ($R/target/plugins)"
	chmod 0755 "$T/pub"
else
	skip "someone else's link above, in a sticky directory, is refused" "needs root to chown"
fi
mkdir -p "$T/solink"
ln -s "$T/real/good.so" "$T/solink/good.so"
fails 4 "a symlinked .so is refused by check" plugin check "$T/solink/good.so"
err_has "symlinked .so: expected and found" "integra: plugin '$T/solink/good.so' refused: file type: expected a regular file, found a symbolic link"
usedir "$T/solink" strict
fails 4 "a symlinked .so is refused by the loader" plugin list
err_has "the loader names the file" "integra: plugin '$T/solink/good.so' refused: file type: expected a regular file, found a symbolic link"

# The user's plugin directory: searched after the system one.
U="$XDG_DATA_HOME/integra/plugins"
mkdir -p "$T/sys" "$U"
cp "$FIXDIR/good.so" "$T/sys/good.so"
cp "$FIXDIR/other.so" "$U/other.so"
cp "$FIXDIR/good.so" "$U/good.so"
usedir "$T/sys"
ok "config show" config show
out_has "config show names the user's directory" "plugins.user_dir = \"$U\";	# default (the user's data directory)"
ok "system and user plugins load" plugin list
same "system first, then the user's" "$(awk 'NR>2 {print $1 " " $5}' "$OUT" | tr '\n' ' ')" "good $T/sys/good.so other $U/other.so "
printf 'plugins = { dir = "%s"; enabled = [ "other", "good" ]; };\n' "$T/sys" >"$CFG"
ok "an enabled plugin is found in the user's directory" plugin info other
out_has "info names the user's file" "file: $U/other.so"
ok "the system one wins a name both have" plugin info good
out_has "info names the system file" "file: $T/sys/good.so"
printf 'plugins = { dir = "%s"; user_dir = ""; };\n' "$T/sys" >"$CFG"
ok "plugins.user_dir = \"\" turns it off" plugin list
out_lacks "no user plugin" "other"
ok "config show says so" config show
out_has "config show: the empty user directory and its line" "plugins.user_dir = \"\";	# $CFG:1"
chmod 0777 "$U"
usedir "$T/sys"
run plugin list
same "a refused user directory does not stop the system's" "$RC" "0"
out_has "the system plugin loads" "$T/sys/good.so"
err_has "the user directory is named with the fix" "integra: plugin directory '$U' refused: permissions: expected no write permission for group or others, found mode 0777; fix with: chmod go-w $U"
chmod 0755 "$U"
finish
