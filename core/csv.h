/*
 * A strict RFC 4180 reader that streams a file one record at a time:
 * byte-order mark stripped, CRLF or LF line ends, a last line without a
 * newline, quoted fields holding commas, quotes and line breaks.  Every
 * malformation is an error with its line and column; nothing is merged or
 * guessed.  Memory is bounded by the longest record.
 */
#ifndef CSV_H
#define CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CSV_FIELD_MAX (64 * 1024)	/* default limit of one field, bytes */

/* What csv_next() found. */
enum csv_result {
	CSV_ROW = 1,	/* a record: fields in c->field[0..c->nfields) */
	CSV_EOF = 0,	/* no more records */
	CSV_BAD = -1,	/* a whole record that is wrong (field count, UTF-8):
			 * c->err says why, the fields are readable and the
			 * next call goes on with the next record */
	CSV_ERROR = -2	/* the file cannot be read further: c->err says why */
};

struct csv {
	/* The current record: NUL-terminated fields and their lengths. */
	char **field;
	size_t *len;
	size_t nfields;
	int64_t line;		/* line where the current record starts */
	uint64_t bytes;		/* bytes consumed so far (for progress) */
	size_t expect;		/* fields a record must have; 0: set by the first */
	size_t field_max;	/* longest field accepted, bytes */
	char delim;		/* ',' or ';'; 0: the one the first line uses most
				 * (set before the first csv_next) */
	char err[512];		/* "line L, column C: why" after CSV_BAD/CSV_ERROR */

	/* Private state.  Positions are byte offsets in the file; columns
	 * are worked out from them only when an error needs one. */
	int fd;
	char *in;
	size_t inlen, inpos;
	bool eof, failed, started;
	char *rec;
	size_t reclen, reccap;
	size_t *off;		/* start of each field in rec */
	int64_t *fline;		/* line where each field's data begins */
	int64_t *fbyte;		/* its bytes from the start of that line */
	size_t cap;
	uint64_t total;		/* bytes read from fd */
	uint64_t base;		/* file offset of in[0] */
	uint64_t lstart;	/* file offset where line cur_line begins */
	int64_t cur_line;	/* line of the next byte */
	int64_t end_line, end_byte;	/* where the last record ended */
	unsigned char stop[256];	/* the bytes that end a run of data */
	void *cd;		/* iconv_t from the file's encoding, or NULL */
	const char *enc;	/* its name, for messages */
	char *raw;		/* bytes read and not converted yet */
	size_t rawlen;
	int64_t raw_line;	/* lines of the file converted so far */
	bool enc_checked;	/* the first non-ASCII bytes were not UTF-8 */
};

/* Starts reading fd (not closed by csv_release). */
void csv_init(struct csv *c, int fd);
void csv_release(struct csv *c);
/* Reads fd in encoding enc (iconv's name, e.g. "cp1251") converted to
 * UTF-8; -1 with err set when iconv does not know it. */
int csv_set_encoding(struct csv *c, const char *enc, char *err, size_t n);
/* Reads the next record; see enum csv_result. */
int csv_next(struct csv *c);
/* Offset of the first byte that is not valid UTF-8 (or a NUL), n if none. */
size_t csv_utf8_check(const char *s, size_t n);

#endif /* CSV_H */
