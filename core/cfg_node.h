/*
 * The settings of the loaded configuration as opaque nodes, for modules
 * that read a structured part of it (the export jobs) without speaking
 * libconfig: a node's kind, its members and elements, its scalar values
 * and where it was written (file:line, through cfg.c's line map).
 */
#ifndef INTEGRA_CFG_NODE_H
#define INTEGRA_CFG_NODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cfg;
struct cfg_node;	/* a setting of the configuration; owned by it */

enum cfg_node_kind {
	CFG_NODE_OTHER = 0,	/* a float or a boolean */
	CFG_NODE_GROUP,		/* { name = value; ... } */
	CFG_NODE_LIST,		/* [ ... ] or ( ... ) */
	CFG_NODE_STRING,
	CFG_NODE_INT
};

/* The top-level `jobs` setting, or NULL when there is none. */
const struct cfg_node *cfg_node_jobs(const struct cfg *cfg);
/* The top-level group called name, or NULL when there is none. */
const struct cfg_node *cfg_node_group(const struct cfg *cfg, const char *name);
enum cfg_node_kind cfg_node_kind(const struct cfg_node *n);
/* Members of a group or elements of a list; 0 for a scalar. */
size_t cfg_node_count(const struct cfg_node *n);
const struct cfg_node *cfg_node_at(const struct cfg_node *n, size_t i);
/* The member called name of a group, or NULL. */
const struct cfg_node *cfg_node_member(const struct cfg_node *n, const char *name);
/* The name of a group member (NULL for a list element). */
const char *cfg_node_name(const struct cfg_node *n);
/* The value of a string node, or NULL when n is not a string. */
const char *cfg_node_string(const struct cfg_node *n);
/* The value of an integer node as written, in 64 bits; false when n is
 * not an integer or does not fit. */
bool cfg_node_int(const struct cfg *cfg, const struct cfg_node *n, int64_t *out);

#endif /* INTEGRA_CFG_NODE_H */
