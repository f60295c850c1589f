/*
 * libFuzzer harness of the configuration loader (core/cfg*.c, with the
 * jobs of job_config.c): the input is split at its first NUL byte into a
 * main text and a second file.  The main text is loaded twice: by
 * cfg_load_string() as if read from a file of the private directory, and
 * written there as main.cfg and loaded by cfg_load_file(); the second part
 * is written beside it as extra.cfg, and common.cfg there holds a valid
 * setting, so `@include "extra.cfg"` and `@include "common.cfg"` both
 * resolve.  A loaded configuration is shown, its plugin groups checked
 * and its jobs read (with no plugin loaded: the plugin registry is filled
 * once from an empty list, so that nothing is searched or opened); a
 * refusal must say why (main.c prints it as one line, escaping what a
 * quoted value brings), with no configuration returned.
 */
#include "fuzz.h"
#include "job.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static FILE *devnull;
static char *string_name, *main_path;
static struct cfg *no_plugins;

/* Writes common.cfg and loads the configuration that enables no plugin. */
int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct ctx ctx0;
	static const char common[] = "busy_timeout = 3000;\n"
	    "plugins = { enabled = [ \"xlsx\" ]; };\n";

	(void)argc;
	(void)argv;
	memset(&ctx0, 0, sizeof(ctx0));
	devnull = fopen("/dev/null", "w");
	FUZZ_ASSERT(devnull != NULL);
	free(fuzz_file("common.cfg", (const uint8_t *)common, strlen(common)));
	string_name = xasprintf("%s/string.cfg", fuzz_dir());
	main_path = xasprintf("%s/main.cfg", fuzz_dir());
	unsetenv("INTEGRA_CONFIG");
	if (cfg_load_string(&ctx0, "plugins = { enabled = [ ]; };\n", string_name,
	    &no_plugins) != 0) {
		fprintf(stderr, "fuzz_cfg: %s\n", ctx0.errmsg);
		abort();
	}
	return 0;
}

/* What every loaded configuration must allow: its settings read, shown,
 * and its jobs checked. */
static void
use(struct ctx *ctx)
{
	const char *const *enabled;
	struct cfg *cfg = ctx->cfg;
	struct jobs jobs;

	(void)cfg_path(ctx->cfg);
	(void)cfg_database(ctx->cfg);
	(void)cfg_plugin_dir(ctx->cfg);
	if (cfg_plugins_enabled(ctx->cfg, &enabled) > 0 &&
	    cfg_check_groups(ctx, ctx->cfg, enabled) != 0)
		FUZZ_ASSERT(ctx->errmsg[0] != '\0');
	(void)cfg_busy_timeout(ctx->cfg);
	FUZZ_ASSERT((cfg_output_mode(ctx->cfg) & ~0777u) == 0);
	ctx->out = devnull;
	FUZZ_ASSERT(cfg_show(ctx) == 0);
	host_init(ctx);
	ctx->cfg = no_plugins;
	FUZZ_ASSERT(plugins_load(ctx) == 0);
	ctx->cfg = cfg;
	if (jobs_load(ctx, &jobs) == 0)
		jobs_free(&jobs);
	else
		FUZZ_ASSERT(ctx->errmsg[0] != '\0');
	plugins_unload(ctx);
}

/* Checks what one load returned, then frees the configuration. */
static void
loaded(struct ctx *ctx, int rc)
{
	if (rc != 0) {
		FUZZ_ASSERT(ctx->cfg == NULL);
		FUZZ_ASSERT(ctx->errmsg[0] != '\0');
		return;
	}
	FUZZ_ASSERT(ctx->cfg != NULL);
	use(ctx);
	cfg_free(ctx->cfg);
}

/* Loads one input both ways; see the top of the file. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	size_t mainlen = nul ? (size_t)(nul - data) : size;
	char *text = fuzz_string(data, mainlen), *extra;
	struct ctx ctx;

	memset(&ctx, 0, sizeof(ctx));
	loaded(&ctx, cfg_load_string(&ctx, text, string_name, &ctx.cfg));
	free(fuzz_file("main.cfg", data, mainlen));
	extra = nul ? fuzz_file("extra.cfg", nul + 1, size - mainlen - 1) :
	    fuzz_file("extra.cfg", data, 0);
	memset(&ctx, 0, sizeof(ctx));
	loaded(&ctx, cfg_load_file(&ctx, main_path, &ctx.cfg));
	free(extra);
	free(text);
	return 0;
}
