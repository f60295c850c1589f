/* Area fields (placeholder until the loader lands). */
#include "integra.h"

int
record_fields(struct ctx *ctx, enum integra_record_kind kind, const char *area,
    const char *const *assignments, const char *old_json,
    const struct kv *core_new, const struct kv *core_old, char **json_out)
{
	(void)kind; (void)old_json; (void)core_new; (void)core_old;
	if (assignments && assignments[0])
		return error_set(ctx, ERR_INVALID, "area '%s' declares no field '%s'",
		    area, assignments[0]);
	*json_out = xstrdup(old_json ? old_json : "{}");
	return 0;
}
