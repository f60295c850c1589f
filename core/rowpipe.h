/*
 * A reader thread for a CSV file: it reads records ahead, copies each
 * into a slot of a ring and runs a check on it, while the calling thread
 * takes the slots in file order.  Reading and checking then overlap
 * whatever the calling thread does with the rows (storing them).  The
 * check runs in the reader thread: it must not touch anything the
 * calling thread uses (the database connection above all); it leaves its
 * results in the slot's data and its messages in msgs.
 */
#ifndef ROWPIPE_H
#define ROWPIPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "integra.h"
#include "csv.h"

struct rowpipe;

struct rowpipe_slot {
	int r;			/* what csv_next() found (enum csv_result) */
	char **field;		/* the record: nfields NUL-terminated fields */
	size_t *len;
	size_t nfields;
	int64_t line;		/* where the record starts */
	uint64_t bytes;		/* bytes of the file read up to its end */
	struct buf msgs;	/* messages, each NUL-terminated: the check's,
				 * or csv_next()'s after CSV_BAD or CSV_ERROR */
	void *data;		/* data_size bytes for the check's results */

	/* Private. */
	char *buf;
	size_t cap, fcap;
};

/*
 * Starts reading csv (after its header) in a new thread; check(arg, slot)
 * is called there on every CSV_ROW.  The csv belongs to the reader until
 * rowpipe_stop().
 */
int rowpipe_start(struct ctx *ctx, struct rowpipe **out, struct csv *csv,
    size_t data_size, void (*check)(void *arg, struct rowpipe_slot *s), void *arg);
/*
 * The next slot, in file order, waiting for the reader when it is behind;
 * the slot before it may be reused from now on.  The last slot has r
 * CSV_EOF or CSV_ERROR; do not ask for more after it.
 */
struct rowpipe_slot *rowpipe_next(struct rowpipe *p);
/* Appends msg and its NUL to the slot's messages (for the check). */
void rowpipe_message(struct rowpipe_slot *s, const char *msg);
/* Stops the reader (at once, if rows are left), waits for it and frees
 * the pipe; csv is handed back as the reader left it. */
void rowpipe_stop(struct rowpipe *p);

#endif /* ROWPIPE_H */
