/*
 * The reader thread of rowpipe.h.  Slots form a ring of PIPE_SLOTS; the
 * reader fills them and the calling thread takes them, and the two
 * exchange their counts under one mutex only every PIPE_STEP rows, so
 * they rarely wait for each other.  A slot keeps its buffers for the
 * next record, except one grown past SLOT_KEEP: memory stays bounded by
 * the ring, whatever the file.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "rowpipe.h"

#define PIPE_SLOTS 2048
#define PIPE_STEP 256
#define SLOT_KEEP (64 * 1024)

struct rowpipe {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t more, room;	/* slots to take; slots to fill */
	uint64_t head, tail;	/* slots filled; slots the caller let go */
	bool stop;		/* the caller wants no more */
	uint64_t next;		/* the caller's next slot */
	uint64_t avail;		/* filled slots the caller knows of */
	struct rowpipe_slot *slots;
	void *data;		/* PIPE_SLOTS payloads */
	struct csv *csv;
	void (*check)(void *arg, struct rowpipe_slot *s);
	void *arg;
};

void
rowpipe_message(struct rowpipe_slot *s, const char *msg)
{
	buf_add(&s->msgs, msg, strlen(msg) + 1);
}

/* Copies the record just read into the slot. */
static void
slot_copy(struct rowpipe_slot *s, const struct csv *csv)
{
	size_t i, need = 0, off = 0;

	for (i = 0; i < csv->nfields; i++)
		need += csv->len[i] + 1;
	if (s->cap > SLOT_KEEP && need <= SLOT_KEEP) {
		free(s->buf);
		s->buf = NULL;
		s->cap = 0;
	}
	if (need > s->cap) {
		s->buf = xrealloc(s->buf, need);
		s->cap = need;
	}
	if (csv->nfields > s->fcap) {
		s->fcap = csv->nfields;
		s->field = xrealloc(s->field, s->fcap * sizeof(*s->field));
		s->len = xrealloc(s->len, s->fcap * sizeof(*s->len));
	}
	for (i = 0; i < csv->nfields; i++) {
		memcpy(s->buf + off, csv->field[i], csv->len[i] + 1);
		s->field[i] = s->buf + off;
		s->len[i] = csv->len[i];
		off += csv->len[i] + 1;
	}
	s->nfields = csv->nfields;
	s->line = csv->line;
}

/* Reads the next record into s and checks it; true at the end. */
static bool
slot_read(struct rowpipe *p, struct rowpipe_slot *s)
{
	s->r = csv_next(p->csv);
	s->bytes = p->csv->bytes;
	buf_reset(&s->msgs);
	if (s->r == CSV_BAD || s->r == CSV_ERROR)
		rowpipe_message(s, p->csv->err);
	if (s->r == CSV_EOF || s->r == CSV_ERROR)
		return true;
	slot_copy(s, p->csv);
	if (s->r == CSV_ROW)
		p->check(p->arg, s);
	return false;
}

static void *
reader(void *arg)
{
	struct rowpipe *p = arg;
	uint64_t h = 0, limit = PIPE_SLOTS;
	bool end = false;

	while (!end) {
		if (h == limit) {
			pthread_mutex_lock(&p->mu);
			p->head = h;
			pthread_cond_signal(&p->more);
			while (!p->stop && h - p->tail >= PIPE_SLOTS)
				pthread_cond_wait(&p->room, &p->mu);
			limit = p->tail + PIPE_SLOTS;
			end = p->stop;
			pthread_mutex_unlock(&p->mu);
			if (end)
				break;
		}
		end = slot_read(p, &p->slots[h % PIPE_SLOTS]) ||
		    __atomic_load_n(&p->stop, __ATOMIC_RELAXED);
		h++;
		if (end || h % PIPE_STEP == 0) {
			pthread_mutex_lock(&p->mu);
			p->head = h;
			pthread_cond_signal(&p->more);
			limit = p->tail + PIPE_SLOTS;
			end = end || p->stop;
			pthread_mutex_unlock(&p->mu);
		}
	}
	return NULL;
}

static void
pipe_free(struct rowpipe *p)
{
	size_t i;

	for (i = 0; i < PIPE_SLOTS; i++) {
		free(p->slots[i].buf);
		free(p->slots[i].field);
		free(p->slots[i].len);
		buf_release(&p->slots[i].msgs);
	}
	free(p->slots);
	free(p->data);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->more);
	pthread_cond_destroy(&p->room);
	free(p);
}

int
rowpipe_start(struct ctx *ctx, struct rowpipe **out, struct csv *csv,
    size_t data_size, void (*check)(void *arg, struct rowpipe_slot *s), void *arg)
{
	struct rowpipe *p = xcalloc(1, sizeof(*p));
	size_t i;
	int e;

	*out = NULL;
	p->slots = xcalloc(PIPE_SLOTS, sizeof(*p->slots));
	p->data = xcalloc(PIPE_SLOTS, data_size ? data_size : 1);
	for (i = 0; i < PIPE_SLOTS; i++)
		p->slots[i].data = (char *)p->data + i * data_size;
	p->csv = csv;
	p->check = check;
	p->arg = arg;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->more, NULL);
	pthread_cond_init(&p->room, NULL);
	if ((e = pthread_create(&p->thread, NULL, reader, p)) != 0) {
		pipe_free(p);
		return error_set(ctx, ERR_FAIL, "cannot start a thread: %s", strerror(e));
	}
	*out = p;
	return 0;
}

struct rowpipe_slot *
rowpipe_next(struct rowpipe *p)
{
	uint64_t t = p->next++;

	if (t == p->avail || t % PIPE_STEP == 0) {
		pthread_mutex_lock(&p->mu);
		p->tail = t;
		pthread_cond_signal(&p->room);
		while (p->head == t)
			pthread_cond_wait(&p->more, &p->mu);
		p->avail = p->head;
		pthread_mutex_unlock(&p->mu);
	}
	return &p->slots[t % PIPE_SLOTS];
}

void
rowpipe_stop(struct rowpipe *p)
{
	if (p == NULL)
		return;
	pthread_mutex_lock(&p->mu);
	__atomic_store_n(&p->stop, true, __ATOMIC_RELAXED);
	pthread_cond_signal(&p->room);
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->thread, NULL);
	pipe_free(p);
}
