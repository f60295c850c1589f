/*
 * The names of the records an area's plugin extends: each record kind's
 * name for messages and its core field names (what a plugin reads with
 * api->record_get()).  Depends on nothing but the enums of plugin.h, so
 * that the loader's checks (plugin.c) and the record rules share them
 * without depending on each other.
 */
#include <stddef.h>

#include "integra.h"

static const char *const programme_core[] = {
	"area", "code", "title", "owner", "start", "end", "due", "status", NULL
};
static const char *const activity_core[] = {
	"programme", "code", "title", "start", "end", "location", "capacity", NULL
};
static const char *const participation_core[] = {
	"programme", "activity", "participant", "participant_kind", "role", "status",
	"start", "end", "status_date", "hours", "credits", "result", NULL
};

/* The core field names of a record kind, NULL-terminated; NULL for an
 * unknown kind. */
const char *const *
record_core_names(enum integra_record_kind kind)
{
	switch (kind) {
	case INTEGRA_RECORD_PROGRAMME:
		return programme_core;
	case INTEGRA_RECORD_ACTIVITY:
		return activity_core;
	case INTEGRA_RECORD_PARTICIPATION:
		return participation_core;
	default:
		return NULL;
	}
}

/* The name of a record kind, for messages. */
const char *
record_kind_name(enum integra_record_kind kind)
{
	switch (kind) {
	case INTEGRA_RECORD_PROGRAMME:
		return "programme";
	case INTEGRA_RECORD_ACTIVITY:
		return "activity";
	case INTEGRA_RECORD_PARTICIPATION:
		return "participation";
	default:
		return "unknown record";
	}
}
