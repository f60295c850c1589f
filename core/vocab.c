/*
 * Enumerations typed in Ukrainian (vocab.h): the Ukrainian names of every
 * identifier of a closed list, core and in-tree plugins alike, and the
 * lookup that turns a typed value into its identifier.  The table is
 * keyed by identifier, so a name serves every list that has the
 * identifier ("скасовано" is a cancelled programme and a cancelled
 * procurement stage); a list only ever resolves to its own identifiers.
 * docs/import.md shows the table to users.
 */
#include <stdlib.h>
#include <string.h>

#include "integra.h"
#include "vocab.h"

#define NAMES_MAX 8

/* The Ukrainian names of one identifier. */
struct alias {
	const char *id;
	const char *uk[NAMES_MAX];	/* NULL-terminated */
};

static const struct alias aliases[] = {
	/* organisation kinds */
	{ .id = "ministry", .uk = { "міністерство" } },
	{ .id = "agency", .uk = { "агентство", "відомство",
	  "центральний орган виконавчої влади" } },
	{ .id = "government", .uk = { "уряд", "Кабінет Міністрів",
	  "Кабінет Міністрів України" } },
	{ .id = "oblast-administration", .uk = { "обласна державна адміністрація",
	  "обласна адміністрація", "ОДА", "обласна військова адміністрація",
	  "ОВА" } },
	{ .id = "local-council", .uk = { "місцева рада", "рада",
	  "орган місцевого самоврядування" } },
	{ .id = "military-unit", .uk = { "військова частина", "в/ч" } },
	{ .id = "education-provider", .uk = { "заклад освіти",
	  "навчальний заклад", "освітній заклад" } },
	{ .id = "other", .uk = { "інше", "інша", "інший" } },
	/* services of people, and their categories */
	{ .id = "civil-service", .uk = { "державна служба", "держслужба" } },
	{ .id = "local-self-government", .uk = { "служба в органах місцевого "
	  "самоврядування", "місцеве самоврядування" } },
	{ .id = "military", .uk = { "військова служба" } },
	{ .id = "А", .uk = { "категорія А" } },
	{ .id = "Б", .uk = { "категорія Б" } },
	{ .id = "В", .uk = { "категорія В" } },
	/* statuses of programmes and of participation */
	{ .id = "planned", .uk = { "заплановано", "запланована", "заплановане" } },
	{ .id = "active", .uk = { "активна", "активне", "триває", "діюча" } },
	{ .id = "completed", .uk = { "завершено", "завершена", "завершений",
	  "закінчив", "закінчила", "пройшов", "пройшла" } },
	{ .id = "cancelled", .uk = { "скасовано", "скасована", "скасований" } },
	{ .id = "nominated", .uk = { "висунуто", "номіновано", "висунутий",
	  "висунута" } },
	{ .id = "enrolled", .uk = { "зараховано", "зарахований", "зарахована" } },
	{ .id = "attended", .uk = { "відвідано", "відвідав", "відвідала",
	  "пройшов", "пройшла" } },
	{ .id = "failed", .uk = { "не склав", "не склала", "не пройшов",
	  "не пройшла", "не завершено" } },
	{ .id = "withdrawn", .uk = { "вибув", "вибула", "відкликано", "знято" } },
	/* roles (core and the area plugins) */
	{ .id = "participant", .uk = { "учасник", "учасниця" } },
	{ .id = "observer", .uk = { "спостерігач" } },
	{ .id = "host", .uk = { "приймаюча сторона" } },
	{ .id = "staff", .uk = { "штаб", "персонал" } },
	{ .id = "responsible", .uk = { "відповідальний", "відповідальний виконавець" } },
	{ .id = "co-executor", .uk = { "співвиконавець" } },
	{ .id = "lead", .uk = { "головний виконавець" } },
	{ .id = "approver", .uk = { "погоджувач" } },
	/* area enumerations: civil_service */
	{ .id = "professional", .uk = { "професійна", "професійне навчання" } },
	{ .id = "short-term", .uk = { "короткострокова", "короткострокове навчання" } },
	{ .id = "in-person", .uk = { "очна", "очно" } },
	{ .id = "online", .uk = { "дистанційна", "дистанційно", "онлайн" } },
	{ .id = "blended", .uk = { "змішана", "змішано" } },
	/* exercises */
	{ .id = "exercise", .uk = { "навчання" } },
	{ .id = "operation", .uk = { "операція" } },
	{ .id = "training", .uk = { "тренування" } },
	{ .id = "NATO", .uk = { "НАТО" } },
	{ .id = "nation", .uk = { "національне", "національні" } },
	{ .id = "multinational", .uk = { "багатонаціональне", "багатонаціональні" } },
	{ .id = "land", .uk = { "суходіл", "сухопутний" } },
	{ .id = "maritime", .uk = { "море", "морський" } },
	{ .id = "air", .uk = { "повітря", "повітряний" } },
	{ .id = "cyber", .uk = { "кібер", "кіберпростір" } },
	{ .id = "joint", .uk = { "об'єднаний", "спільний" } },
	/* procurement */
	{ .id = "cabinet-resolution", .uk = { "постанова Кабінету Міністрів",
	  "постанова КМУ" } },
	{ .id = "ministry-order", .uk = { "наказ міністерства" } },
	{ .id = "law-amendment", .uk = { "зміни до закону" } },
	{ .id = "drafting", .uk = { "розроблення", "підготовка" } },
	{ .id = "public-consultation", .uk = { "громадське обговорення" } },
	{ .id = "approval", .uk = { "погодження" } },
	{ .id = "state-registration", .uk = { "державна реєстрація" } },
	{ .id = "adopted", .uk = { "прийнято", "прийнятий" } },
	{ .id = "in-force", .uk = { "чинний", "набрав чинності" } },
	{ .id = "amended", .uk = { "змінено" } },
	{ .id = "suspended", .uk = { "зупинено" } },
	{ .id = "amends", .uk = { "змінює" } },
	{ .id = "suspends", .uk = { "зупиняє" } },
	{ .id = "cancels", .uk = { "скасовує" } },
	/* template */
	{ .id = "introductory", .uk = { "початковий" } },
	{ .id = "advanced", .uk = { "поглиблений" } },
	{ .id = "expert", .uk = { "експертний" } },
	{ 0 }
};

/*
 * The form values are compared in: case folded, spaces around trimmed,
 * hyphens and underscores taken as spaces, runs of spaces as one, and
 * every apostrophe (’ ʼ `) as '.  The caller frees it.
 */
char *
vocab_normal(const char *s)
{
	char *f = text_fold(s), *o = f;
	const char *p = f;

	while (*p == ' ' || *p == '\t')
		p++;
	while (*p) {
		if (*p == ' ' || *p == '\t' || *p == '-' || *p == '_') {
			if (o > f && o[-1] != ' ')
				*o++ = ' ';
			p++;
		} else if (strncmp(p, "\u2019", 3) == 0 || strncmp(p, "\u02bc", 2) == 0) {
			*o++ = '\'';
			p += p[0] == '\xe2' ? 3 : 2;
		} else {
			*o++ = *p == '`' ? '\'' : *p;
			p++;
		}
	}
	while (o > f && o[-1] == ' ')
		o--;
	*o = '\0';
	return f;
}

/* True when the normal form n (vocab_normal) is that of s. */
bool
vocab_same(const char *n, const char *s)
{
	char *m = vocab_normal(s);
	bool eq = strcmp(n, m) == 0;

	free(m);
	return eq;
}

/* True when id, its label or one of its Ukrainian names is n. */
static bool
names(const char *n, const char *id, const char *label)
{
	const struct alias *a;
	size_t k;

	if (vocab_same(n, id) || (label && vocab_same(n, label)))
		return true;
	for (a = aliases; a->id; a++) {
		if (strcmp(a->id, id) != 0)
			continue;
		for (k = 0; k < NAMES_MAX && a->uk[k]; k++)
			if (vocab_same(n, a->uk[k]))
				return true;
	}
	return false;
}

/*
 * Finds the identifier of allowed that s names: the identifier itself as
 * it is, else any that s names in another case, spacing or in Ukrainian;
 * labels (NULL or parallel to allowed) are names too.  Two identifiers
 * named: VOCAB_TWO with both.
 */
enum vocab_match
vocab_find(const char *s, const char *const *allowed, const char *const *labels,
    const char **out, const char **other)
{
	char *n;
	size_t i;
	int found = 0;

	*out = *other = NULL;
	for (i = 0; allowed[i]; i++)
		if (strcmp(allowed[i], s) == 0) {
			*out = allowed[i];
			return VOCAB_ONE;
		}
	n = vocab_normal(s);
	for (i = 0; allowed[i] && found < 2 && *n; i++) {
		if (!names(n, allowed[i], labels ? labels[i] : NULL))
			continue;
		if (found++ == 0)
			*out = allowed[i];
		else
			*other = allowed[i];
	}
	free(n);
	return found == 0 ? VOCAB_NONE : found == 1 ? VOCAB_ONE : VOCAB_TWO;
}

/* Resolves s, one of allowed (vocab_find), to its identifier in *out; an
 * unknown or ambiguous value is an error that says what is allowed. */
int
vocab_enum(struct ctx *ctx, const char *what, const char *s,
    const char *const *allowed, const char **out)
{
	const char *other;
	const char *const *p;
	struct buf b = { 0 };

	switch (vocab_find(s, allowed, NULL, out, &other)) {
	case VOCAB_ONE:
		return 0;
	case VOCAB_TWO:
		return error_set(ctx, ERR_INVALID, "ambiguous %s '%s': it may mean "
		    "'%s' or '%s'; give the identifier", what, s, *out, other);
	case VOCAB_NONE:
		break;
	}
	for (p = allowed; *p; p++)
		buf_printf(&b, "%s%s", p == allowed ? "" : ", ", *p);
	error_set(ctx, ERR_INVALID, "invalid %s '%s' (allowed: %s)", what, s, b.s);
	buf_release(&b);
	return ERR_INVALID;
}

/* The identifier of a role typed in Ukrainian when one alone has that
 * name, else s: the roles are the area's, checked later against them. */
const char *
vocab_role(const char *s)
{
	const struct alias *a;
	const char *found = NULL;
	char *n = vocab_normal(s);
	size_t k;

	for (a = aliases; a->id; a++)
		for (k = 0; k < NAMES_MAX && a->uk[k]; k++)
			if (vocab_same(n, a->uk[k]) && found != a->id)
				found = found ? s : a->id;
	free(n);
	return found ? found : s;
}
