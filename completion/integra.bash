# bash completion for integra(1): commands, verbs, options, report names
# and dimensions, formats, areas, import kinds, closed lists of values,
# and the codes of organisations, people and programmes from the database.
#
# Installed as $(DATADIR)/bash-completion/completions/integra, where
# bash-completion loads it on the first TAB after "integra".
#
# Everything it offers is asked of the integra being completed (with the
# -c and -d already typed, so the same database): the command and verb
# names and the options from its --help, which lists the plugins'
# commands too; reports and their dimensions from `report list`; areas
# and format plugins from `plugin list`; codes from the `list` commands in
# csv.  integra runs in the C locale here, so that the help it parses is
# the same whatever the user's language; the identifiers are never
# translated anyway.  The closed lists below are the core's identifiers
# (validate.c); tests/cli/t32_completion.sh checks them against the
# binary's own refusals.

_integra_kinds="orgs people programmes participation"
_integra_org_kinds="ministry agency government oblast-administration local-council military-unit education-provider other"
_integra_services="civil-service local-self-government military other"
_integra_categories="А Б В"
_integra_programme_statuses="planned active completed cancelled"
_integra_participation_statuses="nominated enrolled attended completed failed withdrawn"
_integra_core_formats="table csv json html"

# Runs the integra being completed, quietly, in the C locale.
_integra_run() {
	LC_ALL=C LANGUAGE= "$_integra_bin" "${_integra_global[@]}" "$@" 2>/dev/null
}

# The names a --help lists under its commands or verbs (a plugin's
# command "decree load" gives its noun, "decree").
_integra_names() {
	_integra_run "$@" --help |
	    sed -n 's/^  \([a-z][a-z0-9_-]*\)\( [a-z][a-z0-9_-]*\)\{0,1\}  .*/\1/p' |
	    sort -u
}

# The options a --help lists.
_integra_options() {
	_integra_run "$@" --help |
	    sed -n 's/^ \{2,\}\(-[a-zA-Z], \)\{0,1\}\(--[a-z][a-z0-9-]*\).*/\2/p'
	echo --help
}

# Column 1 of a csv list, without its header: `_integra_codes org list`.
_integra_codes() {
	_integra_run --format csv "$@" | sed '1d; s/,.*//; s/^"//; s/"$//'
}

# The reports' names, or the dimensions of report $1 (its last column,
# "a, b, c").
_integra_reports() {
	_integra_run --format csv report list | tr -d '\r' | sed 1d |
	    if [ -z "$1" ]; then
		sed 's/,.*//'
	    else
		sed -n "s/^$1,.*,\"\{0,1\}\([a-z_]*\(, [a-z_]*\)*\)\"\{0,1\}\$/\1/p" |
		    tr -s ', ' '\n\n'
	    fi
}

# The areas of the plugins, and the formats (the core's and the plugins
# that have no area: format plugins).
_integra_areas() { _integra_run --format csv plugin list | awk -F, 'NR > 1 && $4 != "" { print $4 }'; }
_integra_formats() {
	printf '%s\n' $_integra_core_formats
	_integra_run --format csv plugin list | awk -F, 'NR > 1 && $4 == "" { print $1 }'
}

# The values of option $1 of command $2 (verb $3; $4 the first argument).
_integra_values() {
	case $1 in
	--format) _integra_formats ;;
	--area) _integra_areas ;;
	--by) _integra_reports "$4" ;;
	--kind) [ "$2" = org ] && printf '%s\n' $_integra_org_kinds ;;
	--service) printf '%s\n' $_integra_services ;;
	--category) printf '%s\n' $_integra_categories ;;
	--status)
		if [ "$2" = programme ]; then printf '%s\n' $_integra_programme_statuses
		else printf '%s\n' $_integra_participation_statuses; fi ;;
	--parent|--org|--owner) _integra_codes org list ;;
	--programme) _integra_codes programme list ;;
	--delimiter) printf '%s\n' ';' ',' ;;
	--encoding) echo cp1251 utf-8 ;;
	esac
}

# The values of positional argument number $3 (from 1) of command $1,
# verb $2 ($4: the first argument).
_integra_argument() {
	case $1:$2:$3 in
	help::1) _integra_names ;;
	help::2) _integra_names "$4" ;;
	report:*:1) echo list; _integra_reports ;;
	import:*:1) printf '%s\n' $_integra_kinds ;;
	org:show:1|org:set:1|org:remove:1) _integra_codes org list ;;
	person:show:1|person:set:1|person:remove:1) _integra_codes person list ;;
	programme:show:1|programme:set:1|programme:remove:1|enrol::1|activity:*:1|participation:*:1)
		_integra_codes programme list ;;
	esac
}

# Options that take a value: the global ones and any with an argument.
_integra_takes_value() {
	case $1 in
	-c|--config|-d|--database|--format|-o|--output|--rejects|--area|--by|--kind|\
	--region|--parent|--org|--owner|--programme|--service|--category|--status|\
	--role|--from|--to|--as-of|--within|--name|--title|--start|--end|--due|\
	--date|--hours|--credits|--result|--field|--search|--activity|--position|\
	--delimiter|--encoding|--since|--entity|--capacity|--location|--limit)
		return 0 ;;
	esac
	return 1
}

_integra() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev= w i cmd= verb= nargs=0 first=
	local _integra_bin=${COMP_WORDS[0]} words
	local -a _integra_global=()

	# The words before the cursor: global options, command, verb, arguments.
	for ((i = 1; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [ -n "$prev" ]; then
			case $prev in -c|--config|-d|--database) _integra_global+=("$prev" "$w") ;; esac
			prev=
			continue
		fi
		if _integra_takes_value "$w"; then prev=$w; continue; fi
		case $w in -*) continue ;; esac
		if [ -z "$cmd" ]; then
			cmd=$w
			[ -n "$(_integra_names "$cmd")" ] || verb=-
		elif [ -z "$verb" ]; then
			verb=$w
		else
			nargs=$((nargs + 1))
			[ -n "$first" ] || first=$w
		fi
	done
	[ "$verb" = - ] && verb=

	if [ -n "$prev" ]; then
		case $prev in
		-c|--config|-d|--database|-o|--output|--rejects)
			compopt -o filenames 2>/dev/null
			COMPREPLY=($(compgen -f -- "$cur"))
			return ;;
		esac
		words=$(_integra_values "$prev" "$cmd" "$verb" "$first")
	elif [ -z "$cmd" ]; then
		case $cur in
		-*) words="-c --config -d --database --format --help --version" ;;
		*) words=$(_integra_names) ;;
		esac
	elif [ -z "$verb" ] && [ -n "$(_integra_names "$cmd")" ] && [ "$cmd" != help ]; then
		words=$(_integra_names "$cmd")
	elif [[ $cur == -* ]]; then
		words="$(_integra_options "$cmd" $verb) --format"
	else
		words=$(_integra_argument "$cmd" "$verb" $((nargs + 1)) "$first")
	fi
	COMPREPLY=($(compgen -W "$words" -- "$cur"))
}

complete -o bashdefault -o default -F _integra integra
