/*
 * The configuration's settings as opaque nodes (see cfg_node.h): the one
 * place besides cfg.c that speaks libconfig, so that the export jobs can
 * read their list and report errors with file and line without it.
 */
#include <libconfig.h>

#include "integra.h"
#include "cfg_node.h"

/* A node is a libconfig setting under another name. */
static const config_setting_t *
setting(const struct cfg_node *n)
{
	return (const config_setting_t *)n;
}

static const struct cfg_node *
node(const config_setting_t *s)
{
	return (const struct cfg_node *)s;
}

const struct cfg_node *
cfg_node_jobs(const struct cfg *cfg)
{
	return node(cfg_jobs(cfg));
}

const struct cfg_node *
cfg_node_group(const struct cfg *cfg, const char *name)
{
	return node(cfg_group(cfg, name));
}

enum cfg_node_kind
cfg_node_kind(const struct cfg_node *n)
{
	switch (config_setting_type(setting(n))) {
	case CONFIG_TYPE_GROUP:
		return CFG_NODE_GROUP;
	case CONFIG_TYPE_ARRAY:
	case CONFIG_TYPE_LIST:
		return CFG_NODE_LIST;
	case CONFIG_TYPE_STRING:
		return CFG_NODE_STRING;
	case CONFIG_TYPE_INT:
	case CONFIG_TYPE_INT64:
		return CFG_NODE_INT;
	default:
		return CFG_NODE_OTHER;
	}
}

size_t
cfg_node_count(const struct cfg_node *n)
{
	int len = config_setting_length(setting(n));

	return len > 0 ? (size_t)len : 0;
}

const struct cfg_node *
cfg_node_at(const struct cfg_node *n, size_t i)
{
	return node(config_setting_get_elem(setting(n), (unsigned)i));
}

const struct cfg_node *
cfg_node_member(const struct cfg_node *n, const char *name)
{
	if (config_setting_type(setting(n)) != CONFIG_TYPE_GROUP)
		return NULL;
	return node(config_setting_get_member(setting(n), name));
}

const char *
cfg_node_name(const struct cfg_node *n)
{
	return config_setting_name(setting(n));
}

const char *
cfg_node_string(const struct cfg_node *n)
{
	return config_setting_get_string(setting(n));
}

bool
cfg_node_int(const struct cfg *cfg, const struct cfg_node *n, int64_t *out)
{
	return cfg_node_kind(n) == CFG_NODE_INT && cfg_int64(cfg, setting(n), out);
}
