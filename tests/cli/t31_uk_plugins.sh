#!/bin/sh
# Plugins translate: the host shows a plugin's labels, help, value_labels,
# title, report titles and summaries, column labels, command summaries and
# its api->error() messages through the plugin's own textdomain (ABI 1.1).
# The template, built out of the tree with its Makefile, has its own
# domain (integra-template) and catalogs; procurement, in the tree, uses
# the core's domain "integra".  csv keeps the identifiers; a plugin whose
# catalog is missing speaks English.
. "$(dirname "$0")/lib.sh"
umask 022
unset LC_ALL LC_MESSAGES LANGUAGE
export LANG=C
P="$T/plugins"
TPL="$T/tpl"
mkdir -p "$P" "$TPL" "$XDG_CONFIG_HOME/integra"
cp -R "$ROOT/plugins/template/template.c" "$ROOT/plugins/template/Makefile" \
	"$ROOT/plugins/template/po" "$TPL/"
if ! command -v msgfmt >/dev/null || ! command -v cc >/dev/null; then
	skip "the template's plugin and catalogs" "no cc or msgfmt (make deps)"
	finish
	exit
fi
if make -s -C "$TPL" INTEGRA_CFLAGS="-I$ROOT/core/include" \
    CFLAGS="-O2 -DTEMPLATE_LOCALEDIR='\"$TPL/locale\"'" all >"$OUT" 2>"$ERR"; then
	pass "the template and its catalog build with its Makefile"
else
	fail "the template and its catalog build with its Makefile"
fi
if [ -f "$TPL/locale/uk/LC_MESSAGES/integra-template.mo" ]; then
	pass "its catalog is in its own domain"; else fail "its catalog is in its own domain"; fi
if make -s -C "$TPL" INTEGRA_CFLAGS="-I$ROOT/core/include" pot >"$OUT" 2>"$ERR" &&
    grep -q 'msgid "usage: integra template summary"' "$TPL/po/integra-template.pot"; then
	pass "make pot extracts its api->error() messages"
else
	fail "make pot extracts its api->error() messages"
fi
cp "$TPL/template.so" "$P/"
cp "$PLUGDIR/procurement.so" "$FIXDIR/good.so" "$P/"
cat >"$XDG_CONFIG_HOME/integra/integra.cfg" <<CFGEOF
plugins = { dir = "$P"; enabled = [ "template", "procurement", "good" ]; strict = true; };
CFGEOF

ok "init" init
ok "a programme of the template's area" programme add template T-1 "Основи НАТО" --field level=advanced
ok "another" programme add template T-2 "Стандарти НАТО" --field level=expert
ok "an organisation" org add MOD "Міністерство оборони України" --kind ministry
ok "an act" programme add procurement O1 "Порядок планування закупівель" --owner MOD \
	--due 01.03.2021 --field act_type=ministry-order --field stage=approval

LANG=uk_UA.UTF-8 run plugin info template
out_has "uk info: its title" "назва: Шаблон: скопіюйте цей модуль, щоб почати новий напрям"
out_has "uk info: a field's label and help" "Рівень: наскільки глибока програма"
out_has "uk info: a value's name" "advanced: поглиблений"
out_has "uk info: a configuration key's help" "довші назви скорочуються в «summary»"
out_has "uk info: a report's summary" "template_levels — скільки програм напряму на кожному рівні"
out_has "uk info: a command's summary" "перелічити програми напряму з їх рівнем"
LANG=C run plugin info template
out_has "C info: in English" "Level: how deep the programme goes"
out_has "C info: a value's label" "advanced: advanced"

LANG=uk_UA.UTF-8 run template summary
out_has "uk command: column labels" "Код"
out_has "uk command: the label of level" "Рівень"
out_has "uk command: values by their names" "поглиблений"
LANG=uk_UA.UTF-8 run --format csv template summary
out_has "uk csv: identifiers" "code,title,level"
out_has "uk csv: values as stored" "T-1,Основи НАТО,advanced"
LANG=uk_UA.UTF-8 run template summary extra
same "uk: its usage error exits 2" "$RC" 2
err_has "uk: its api->error() message translated" "integra: використання: integra template summary"
LANG=C run template summary extra
err_has "C: in English" "integra: usage: integra template summary"
LANG=uk_UA.UTF-8 run --help
out_has "uk help: a plugin command's summary" "перелічити програми напряму з їх рівнем"
LANG=uk_UA.UTF-8 run report list
out_has "uk report list: a plugin report's summary" "скільки програм напряму на кожному рівні"
out_has "uk report list: procurement's too" "які обов’язкові акти прострочено і не прийнято"
LANG=uk_UA.UTF-8 run programme show T-1
out_has "uk show: a plugin field by its label and value name" "Рівень:"
out_has "uk show: its value's name" "поглиблений"

# procurement, in the tree: the core's domain.
LANG=uk_UA.UTF-8 run plugin info procurement
out_has "uk procurement: a field label" "Вид акта"
out_has "uk procurement: a value label" "ministry-order: наказ міністерства"
LANG=uk_UA.UTF-8 run report pr_overdue --as-of 01.10.2021
out_has "uk procurement report: a stage by its name" "погодження"
out_has "uk procurement report: an act type by its name" "наказ міністерства"
out_has "uk procurement report: dates" "01.03.2021"
LANG=uk_UA.UTF-8 run --format csv report pr_overdue --as-of 01.10.2021
out_has "uk procurement csv: identifiers" "O1,MOD,ministry-order,approval,2021-03-01,214,"
LANG=uk_UA.UTF-8 run --format html report pr_overdue --as-of 01.10.2021 -o "$T/overdue.html"
if grep -q "Прострочені акти" "$T/overdue.html"; then pass "uk html: the report's title"; else
	fail "uk html: the report's title"; fi
# A plugin's format is a human format: names of values, but dates ISO and
# typed, for it to write its own way (xlsx: date cells).
LANG=uk_UA.UTF-8 run --format lines report pr_overdue --as-of 01.10.2021
out_has "uk plugin format: names of values" "stage=погодження"
out_has "uk plugin format: dates stay ISO" "due=2021-03-01"
LANG=uk_UA.UTF-8 run programme set O1 --field amends=O1
err_has "uk procurement: api->error() through the domain" "integra: поле «amends» = «O1»: акт не може змінювати сам себе"

# A plugin whose catalog is not there speaks English.
if make -s -C "$TPL" INTEGRA_CFLAGS="-I$ROOT/core/include" CFLAGS="-O2" \
    -B template.so >"$OUT" 2>"$ERR"; then
	cp "$TPL/template.so" "$P/"
	LANG=uk_UA.UTF-8 run plugin info template
	out_has "no catalog of its domain: English" "Level: how deep the programme goes"
	out_has "the core still Ukrainian" "поля:"
else
	fail "the template builds without a locale directory"
fi
finish
