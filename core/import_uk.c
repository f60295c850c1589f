/*
 * Spreadsheets as a Ukrainian office writes them, for integra import:
 * the Ukrainian names of the header's columns (a table of the core
 * columns, and the labels of the area fields in English and in
 * Ukrainian), and the tidying of each row before it is checked: spaces
 * around keys, codes and enumerations trimmed (and counted, for the
 * summary), enumerations typed in Ukrainian put as their identifiers
 * (vocab.c).  docs/import.md shows the table.
 */
#include <libintl.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "vocab.h"

#define UK_MAX 4

/* The Ukrainian names of the core column `col` in files of `kind`. */
struct uk_column {
	const char *kind, *col;
	const char *uk[UK_MAX];
};

static const struct uk_column uk_columns[] = {
	{ "orgs", "code", { "Код", "Код організації", "Шифр" } },
	{ "orgs", "name", { "Назва", "Найменування", "Назва організації" } },
	{ "orgs", "kind", { "Вид", "Тип", "Вид організації" } },
	{ "orgs", "region", { "Регіон", "Область" } },
	{ "orgs", "parent", { "Підпорядкування", "Вищестояща організація" } },
	{ "orgs", "edrpou", { "ЄДРПОУ", "Код ЄДРПОУ", "Код за ЄДРПОУ" } },
	{ "people", "key", { "Табельний номер", "Таб. номер", "Таб. №" } },
	{ "people", "name", { "ПІБ", "Прізвище, ім'я, по батькові",
	  "Прізвище ім'я по батькові" } },
	{ "people", "org", { "Організація", "Код організації" } },
	{ "people", "position", { "Посада" } },
	{ "people", "service", { "Служба", "Вид служби" } },
	{ "people", "category", { "Категорія", "Категорія посади" } },
	{ "programmes", "area", { "Сфера", "Напрям" } },
	{ "programmes", "code", { "Код", "Код програми" } },
	{ "programmes", "title", { "Назва", "Назва програми" } },
	{ "programmes", "owner", { "Відповідальна організація", "Власник" } },
	{ "programmes", "start", { "Дата початку", "Початок" } },
	{ "programmes", "end", { "Дата завершення", "Дата закінчення", "Кінець" } },
	{ "programmes", "due", { "Строк", "Термін виконання", "Крайній строк" } },
	{ "programmes", "status", { "Статус", "Стан" } },
	{ "participation", "programme", { "Програма", "Код програми", "Код" } },
	{ "participation", "person", { "Табельний номер", "Працівник", "Особа" } },
	{ "participation", "org", { "Організація", "Код організації" } },
	{ "participation", "participant", { "Учасник" } },
	{ "participation", "activity", { "Захід", "Код заходу", "Код" } },
	{ "participation", "role", { "Роль" } },
	{ "participation", "status", { "Статус", "Стан" } },
	{ "participation", "start", { "Дата початку", "Початок" } },
	{ "participation", "end", { "Дата завершення", "Дата закінчення", "Кінець" } },
	{ "participation", "status_date", { "Дата статусу" } },
	{ "participation", "hours", { "Години", "Кількість годин", "Обсяг, год" } },
	{ "participation", "credits", { "Кредити", "Кредити ЄКТС" } },
	{ "participation", "result", { "Результат" } },
	{ 0 }
};

/* True when n (vocab_normal) is a Ukrainian name of core column col. */
static bool
uk_core(const struct import *imp, const char *n, const char *col)
{
	const struct uk_column *u;
	size_t k;

	for (u = uk_columns; u->kind; u++) {
		if (strcmp(u->kind, imp->kind->name) != 0 || strcmp(u->col, col) != 0)
			continue;
		for (k = 0; k < UK_MAX && u->uk[k]; k++)
			if (vocab_same(n, u->uk[k]))
				return true;
	}
	return false;
}

/*
 * The Ukrainian of msgid in the domain, whatever the locale of the
 * process: looked up under a uk_UA.UTF-8 locale of this thread alone
 * (uselocale).  msgid itself when that locale or the catalog is missing.
 */
static const char *
uk_gettext(const char *domain, const char *msgid)
{
	locale_t uk = newlocale(LC_MESSAGES_MASK, "uk_UA.UTF-8", (locale_t)0);
	locale_t old;
	const char *s;

	if (uk == (locale_t)0)
		return msgid;
	old = uselocale(uk);
	s = dgettext(domain, msgid);
	uselocale(old);
	freelocale(uk);
	return s;
}

/* True when n (vocab_normal) names area field f: its name, its label,
 * the label in the current language or in Ukrainian. */
static bool
names_field(const struct integra_plugin *pl, const struct integra_field *f,
    const char *n)
{
	const char *dom = pl->textdomain ? pl->textdomain : "integra";

	if (vocab_same(n, f->name))
		return true;
	if (f->label == NULL)
		return false;
	return vocab_same(n, f->label) || vocab_same(n, dgettext(dom, f->label)) ||
	    vocab_same(n, uk_gettext(dom, f->label));
}

/* Notes candidate column `name` (core column k, or an area field when k
 * is -1) for the header cell; a second distinct one is kept in two. */
static void
candidate(struct import_col *c, int k, const char *name)
{
	if (c->n > 0 && strcmp(c->name[0], name) == 0)
		return;
	if (c->n < 2) {
		c->core[c->n] = k;
		c->name[c->n] = name;
	}
	c->n++;
}

/* The area fields of the import's kind (and --area) that n names. */
static void
area_candidates(const struct import *imp, const char *n, struct import_col *c)
{
	const struct integra_plugin *pl;
	const struct integra_field *f;
	size_t i, np = plugins_count(imp->ctx);

	if (imp->kind->record == 0)
		return;
	for (i = 0; i < np; i++) {
		pl = plugins_get(imp->ctx, i);
		if (pl == NULL || pl->fields == NULL ||
		    (imp->area && strcmp(pl->area, imp->area) != 0))
			continue;
		for (f = pl->fields; f->name; f++)
			if (f->record == imp->kind->record &&
			    !(f->flags & INTEGRA_FIELD_DERIVED) && names_field(pl, f, n))
				candidate(c, -1, f->name);
	}
}

/*
 * The columns a header cell may name: a core column by its identifier
 * (in any case) or Ukrainian name (in any case and spacing), an area
 * field by its name or label.
 * An identifier wins over a translation; c->n > 1 when two remain.
 */
void
import_header_names(const struct import *imp, const char *cell,
    struct import_col *c)
{
	char *f = text_fold(cell), *n = vocab_normal(cell);
	size_t k;

	memset(c, 0, sizeof(*c));
	for (k = 0; imp->kind->cols[k]; k++)
		if (strcmp(f, imp->kind->cols[k]) == 0)
			candidate(c, (int)k, imp->kind->cols[k]);
	free(f);
	if (c->n == 0) {
		for (k = 0; imp->kind->cols[k]; k++)
			if (uk_core(imp, n, imp->kind->cols[k]))
				candidate(c, (int)k, imp->kind->cols[k]);
		area_candidates(imp, n, c);
	}
	free(n);
}

/* The closed lists of the core columns, by kind (role: the area's). */
struct enum_col {
	const char *kind;
	int col;
	const char *const *allowed;	/* NULL: a role (vocab_role) */
};

static const struct enum_col enum_cols[] = {
	{ .kind = "orgs", .col = O_KIND, .allowed = org_kinds },
	{ .kind = "people", .col = P_SERVICE, .allowed = person_services },
	{ .kind = "people", .col = P_CATEGORY, .allowed = civil_categories },
	{ .kind = "programmes", .col = G_STATUS, .allowed = programme_statuses },
	{ .kind = "participation", .col = A_STATUS, .allowed = participation_statuses },
	{ .kind = "participation", .col = A_ROLE },
	{ 0 }
};

/* Notes once the file columns of free text (name, title, position,
 * result: their spaces are the user's) and those of the closed lists of
 * the import's kind (-1: not in the file). */
static void
tidy_cols(struct import *imp)
{
	static const char *const names[] = { "name", "title", "position", "result" };
	const struct enum_col *e;
	size_t i;
	int k;

	for (i = 0; i < 4; i++) {
		imp->tidy_free[i] = -1;
		for (k = 0; imp->kind->cols[k]; k++)
			if (strcmp(imp->kind->cols[k], names[i]) == 0)
				imp->tidy_free[i] = imp->col[k];
	}
	for (e = enum_cols; e->kind; e++)
		imp->tidy_enum[e - enum_cols] = strcmp(e->kind, imp->kind->name) == 0 ?
		    imp->col[e->col] : -1;
	imp->tidy_ready = true;
}

/* True when file column c holds free text. */
static bool
free_text(const struct import *imp, size_t c)
{
	size_t i;

	for (i = 0; i < 4; i++)
		if (imp->tidy_free[i] >= 0 && (size_t)imp->tidy_free[i] == c)
			return true;
	return false;
}

/* Trims the spaces around cell c of the row in place; true if any. */
static bool
trim_cell(struct row *r, size_t c)
{
	char *s = r->field[c];
	size_t n = r->len[c], a = 0;

	while (a < n && (s[a] == ' ' || s[a] == '\t'))
		a++;
	while (n > a && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (a == 0 && n == r->len[c])
		return false;
	s[n] = '\0';
	r->field[c] = s + a;
	r->len[c] = n - a;
	return true;
}

/* The identifier typed value v of enumerated column e stands for (NULL:
 * leave it), looked up once per value and kept in m. */
static const char *
tidy_lookup(struct tidy_memo *m, const struct enum_col *e, const char *v)
{
	const char *id, *other;
	unsigned k;

	for (k = 0; k < TIDY_MEMO; k++)
		if (m->typed[k] != NULL && strcmp(m->typed[k], v) == 0)
			return m->id[k];
	if (e->allowed == NULL) {
		if ((id = vocab_role(v)) == v)
			id = NULL;
	} else if (vocab_find(v, e->allowed, NULL, &id, &other) != VOCAB_ONE)
		id = NULL;
	k = m->next++ % TIDY_MEMO;
	free(m->typed[k]);
	m->typed[k] = xstrdup(v);
	m->id[k] = id;
	return id;
}

/*
 * Tidies the current row before it is checked: trims the spaces around
 * every value but free text (counted in imp->trimmed), and puts the
 * identifier in place of an enumeration typed in Ukrainian.  An unknown
 * or ambiguous value is left as typed, for its check to refuse.
 */
void
import_tidy(struct import *imp)
{
	struct row *r = &imp->cur;
	const struct enum_col *e;
	const char *id, *const *p;
	size_t c;
	int k;

	if (!imp->tidy_ready)
		tidy_cols(imp);
	for (c = 0; c < r->nfields; c++)
		if (r->len[c] > 0 && !free_text(imp, c) && trim_cell(r, c))
			imp->trimmed++;
	for (e = enum_cols; e->kind; e++) {
		if ((k = imp->tidy_enum[e - enum_cols]) < 0 ||
		    (size_t)k >= r->nfields || r->len[k] == 0)
			continue;
		for (p = e->allowed; p && *p && strcmp(*p, r->field[k]) != 0; p++)
			;
		if ((p && *p) || (id = tidy_lookup(&imp->tidy[e - enum_cols], e,
		    r->field[k])) == NULL)
			continue;
		r->field[k] = (char *)(uintptr_t)id;
		r->len[k] = strlen(id);
	}
}

/* Frees what import_tidy kept. */
void
import_tidy_free(struct import *imp)
{
	unsigned c, k;

	for (c = 0; c < TIDY_COLS; c++)
		for (k = 0; k < TIDY_MEMO; k++) {
			free(imp->tidy[c].typed[k]);
			imp->tidy[c].typed[k] = NULL;
		}
}
