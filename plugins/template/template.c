/*
 * template: the smallest complete integra plugin, to copy when you start
 * a new one (see integra-plugin(7) and plugin-guide.md).  It adds one
 * field to the programmes of its area, one report computed by the host
 * from an SQL query, and one command, `integra template summary`.
 *
 * Build it outside the integra source tree with:
 *   cc -shared -fPIC $(pkg-config --cflags integra-plugin) -o template.so template.c
 * and install it as <plugin directory>/template.so (the file name must be
 * the plugin's name): pkg-config --variable=plugindir integra-plugin
 *
 * To make your own, copy this file to <name>.c and replace "template" by
 * your plugin's name and area everywhere.
 *
 * Translations: every string a person reads is marked N_() and the
 * descriptor names the plugin's own gettext domain, "integra-template";
 * the host translates labels, help, titles, summaries, value_labels and
 * the messages given to api->error() and api->log() through it.  The
 * Makefile beside this file extracts the messages (make pot), builds the
 * catalogs of po/ (make) and installs them (make install) under
 * $(LOCALEDIR)/LANG/LC_MESSAGES/integra-template.mo; build with
 * -DTEMPLATE_LOCALEDIR='"/dir"' when that is not the host's locale
 * directory.
 */
#include <string.h>

#include <integra/plugin.h>

/* The plugin's name and area (the file must be template.so). */
#define NAME "template"

/* The host's services, kept from init() for the commands. */
static const struct integra_api *api;

/* Values of the enum field (identifiers, stored and in csv and json)... */
static const char *const levels[] = { "introductory", "advanced", "expert", NULL };
/* ...and the names people read for them, in the same order. */
static const char *const level_labels[] = {
	N_("introductory"), N_("advanced"), N_("expert"), NULL
};

/* Where the catalogs are: NULL for the host's locale directory. */
#ifndef TEMPLATE_LOCALEDIR
#define TEMPLATE_LOCALEDIR NULL
#endif

/* One field on programmes: `--field level=advanced`.  The host checks the
 * value against `levels` before anything is stored. */
static const struct integra_field fields[] = {
	{ .name = "level", .label = N_("Level"), .record = INTEGRA_RECORD_PROGRAMME,
	  .type = INTEGRA_ENUM, .values = levels, .value_labels = level_labels,
	  .help = N_("how deep the programme goes") },
	{ .name = NULL }
};

/* One key in the plugin's own configuration group:
 *   template = { title_width = 40; };  */
static const struct integra_config_key config[] = {
	{ .name = "title_width", .type = INTEGRA_INTEGER, .min = 10, .max = 200,
	  .def = "40", .help = N_("titles longer than this are cut in 'summary'") },
	{ NULL }
};

/* One report: `integra report template_levels`.  The host runs the query
 * read-only; :area is this plugin's area. */
static const struct integra_report_query levels_queries[] = {
	{ "none", "SELECT coalesce(json_extract(fields, '$.level'), '(none)') AS level, "
	  "count(*) AS programmes FROM programme WHERE area = :area "
	  "GROUP BY 1 ORDER BY 1" },
	{ NULL, NULL }
};

static const struct integra_column levels_columns[] = {
	{ .name = "level", .type = INTEGRA_TEXT, .label = N_("Level") },
	{ .name = "programmes", .type = INTEGRA_INTEGER, .flags = INTEGRA_COLUMN_TOTAL,
	  .label = N_("Programmes") },
	{ NULL }
};

static const struct integra_report reports[] = {
	{ .name = "template_levels", .title = N_("Programmes by level"),
	  .summary = N_("how many programmes of the area there are at each level"),
	  .queries = levels_queries, .columns = levels_columns },
	{ NULL }
};

/* Collects the rows of the query in `summary` and emits them. */
struct summary {
	const struct integra_host *h;
	int64_t width;
	int rc;
};

static int
summary_row(void *ud, const struct integra_value *cols, size_t ncols)
{
	struct summary *s = ud;
	struct integra_value out[3];

	if (ncols != 3)
		return 1;
	memcpy(out, cols, sizeof(out));
	if (out[1].type == INTEGRA_TEXT && out[1].n > (size_t)s->width) {
		/* cut long titles, never inside a UTF-8 character */
		out[1].n = (size_t)s->width;
		while (out[1].n > 0 && (out[1].s[out[1].n] & 0xC0) == 0x80)
			out[1].n--;
	}
	s->rc = api->emit_row(s->h, out);
	return s->rc != 0;
}

/* `integra template summary`: the area's programmes with their level, on
 * whatever output format the user chose (--format table|csv|json|...). */
static int
cmd_summary(const struct integra_host *h, int argc, char **argv)
{
	static const struct integra_column cols[] = {
		{ .name = "code", .type = INTEGRA_TEXT, .label = N_("Code") },
		{ .name = "title", .type = INTEGRA_TEXT, .label = N_("Title") },
		{ .name = "level", .type = INTEGRA_TEXT, .label = N_("Level") },
	};
	struct integra_value area = { .type = INTEGRA_TEXT, .s = NAME,
	    .n = sizeof(NAME) - 1 };
	struct summary s = { .h = h, .width = 40 };
	int rc;

	(void)argv;
	if (argc != 1)
		return api->error(h, INTEGRA_EUSAGE, "usage: integra template summary");
	if ((rc = api->config_int(h, "title_width", &s.width)) != 0)
		return rc;
	if ((rc = api->emit_begin(h, N_("The area's programmes"), cols, 3)) != 0)
		return rc;
	rc = api->query(h, "SELECT code, title, json_extract(fields, '$.level') "
	    "FROM programme WHERE area = ?1 ORDER BY code", &area, 1, summary_row, &s);
	if (rc == 0)
		rc = s.rc;
	if (rc != 0)
		return rc;
	return api->emit_end(h);
}

static const struct integra_command commands[] = {
	{ .name = "summary", .usage = "", .summary = N_("list the area's programmes "
	  "with their level"), .exec = cmd_summary },
	{ NULL }
};

static int
template_init(const struct integra_api *a, const struct integra_host *h)
{
	api = a;
	api->log(h, INTEGRA_LOG_DEBUG, "template plugin ready");
	return INTEGRA_OK;
}

INTEGRA_PLUGIN_DEFINE(
	.name = NAME,
	.version = "1.0",
	.area = NAME,
	.title = N_("Template: copy this plugin to start a new area"),
	.fields = fields,
	.config = config,
	.reports = reports,
	.commands = commands,
	.init = template_init,
	.textdomain = "integra-template",
	.localedir = TEMPLATE_LOCALEDIR,
);
