/*
 * Files in words: what kind of file a mode is, for the one-line refusals
 * of the plugin loader and the output writer.
 */
#include <sys/stat.h>

#include "integra.h"

/* What a file of mode m is, in words ("a FIFO", "a directory", ...). */
const char *
file_kind(unsigned m)
{
	static const struct {
		mode_t type;
		const char *words;
	} kinds[] = {
		{ .type = S_IFREG, .words = "a regular file" },
		{ .type = S_IFDIR, .words = "a directory" },
		{ .type = S_IFLNK, .words = "a symbolic link" },
		{ .type = S_IFCHR, .words = "a character device" },
		{ .type = S_IFBLK, .words = "a block device" },
		{ .type = S_IFIFO, .words = "a FIFO" },
		{ .type = S_IFSOCK, .words = "a socket" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(kinds); i++)
		if ((m & S_IFMT) == kinds[i].type)
			return kinds[i].words;
	return "a file of unknown kind";
}
