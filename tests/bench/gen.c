/*
 * gen: a deterministic generator of realistic integra data for the
 * benchmarks and for tests that need big files.  The same seed gives the
 * same files byte for byte; the people do not depend on the number of
 * participation rows, so a small and a large participation file can be
 * loaded over the same people.
 *
 *   gen --orgs N --people N --participation M --seed S --out DIR
 *       [--style plain|realistic] [--changed PCT] [--new PCT]
 *
 * writes DIR/orgs.csv (ministries, agencies, oblast administrations,
 * councils and units across the 24 oblasts and Kyiv), DIR/people.csv
 * (Ukrainian names: surname, first name, patronymic), DIR/programmes.csv
 * (programmes in every area) and DIR/participation.csv (unique programme
 * x person pairs, a realistic mix of statuses, dates as 23.07.2021).
 *
 * --style realistic fills participation as offices fill it: a BOM, CRLF,
 * every column given (both date forms, 23.07.2021 and 2021-07-23, hours
 * and credits with a decimal comma or point, a Cyrillic result on every
 * row, quoted where it holds a comma).  Each row's values come from its
 * own number, so --changed PCT gives the same file with PCT percent of
 * the rows changed (status, dates, hours, credits or result) and --new
 * PCT adds PCT percent of new rows among the others: a month's re-send.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define NPROG 48		/* programmes: 12 in each of four areas */

static const char *const regions[] = {
	"Вінницька", "Волинська", "Дніпропетровська", "Донецька", "Житомирська",
	"Закарпатська", "Запорізька", "Івано-Франківська", "Київська",
	"Кіровоградська", "Луганська", "Львівська", "Миколаївська", "Одеська",
	"Полтавська", "Рівненська", "Сумська", "Тернопільська", "Харківська",
	"Херсонська", "Хмельницька", "Черкаська", "Чернівецька", "Чернігівська",
	"Київ"
};
#define NREG (sizeof(regions) / sizeof(regions[0]))

static const char *const surnames[] = {
	"Мельник", "Шевченко", "Коваленко", "Бондаренко", "Бойко", "Ткаченко",
	"Кравченко", "Ковальчук", "Коваль", "Олійник", "Шевчук", "Поліщук",
	"Ткачук", "Савченко", "Бондар", "Марченко", "Руденко", "Мороз",
	"Лисенко", "Петренко", "Клименко", "Павленко", "Кравчук", "Кузьменко",
	"Пономаренко", "Савчук", "Василенко", "Левченко", "Харченко", "Карпенко",
	"Гаврилюк", "Сидоренко", "Романенко", "Григоренко", "Гончаренко",
	"Ярошенко", "Іваненко", "Юрченко", "Єременко", "Їжакевич", "Ґудзь",
	"Дмитренко", "Онищенко", "Приходько", "Тарасенко", "Литвиненко"
};
static const char *const male[] = {
	"Олександр", "Іван", "Андрій", "Сергій", "Володимир", "Микола", "Василь",
	"Юрій", "Дмитро", "Олег", "Тарас", "Богдан", "Ігор", "Максим", "Євген",
	"Віталій", "Роман", "Ярослав", "Петро", "Степан"
};
static const char *const male_patr[] = {
	"Олександрович", "Іванович", "Андрійович", "Сергійович", "Володимирович",
	"Миколайович", "Васильович", "Юрійович", "Дмитрович", "Олегович",
	"Тарасович", "Богданович", "Ігорович", "Петрович", "Степанович"
};
static const char *const female[] = {
	"Олена", "Ірина", "Наталія", "Тетяна", "Оксана", "Юлія", "Марія",
	"Світлана", "Галина", "Людмила", "Катерина", "Анна", "Ольга", "Інна",
	"Яна", "Ганна", "Леся", "Зоряна"
};
static const char *const female_patr[] = {
	"Олександрівна", "Іванівна", "Андріївна", "Сергіївна", "Володимирівна",
	"Миколаївна", "Василівна", "Юріївна", "Дмитрівна", "Олегівна",
	"Тарасівна", "Богданівна", "Ігорівна", "Петрівна", "Степанівна"
};
static const char *const positions[] = {
	"головний спеціаліст", "провідний спеціаліст", "начальник відділу",
	"заступник начальника відділу", "державний експерт",
	"начальник управління", "радник", "спеціаліст першої категорії",
	"головний спеціаліст відділу європейської інтеграції",
	"завідувач сектору, юрисконсульт"
};
static const char *const ranks[] = {
	"солдат", "сержант", "старший сержант", "лейтенант", "старший лейтенант",
	"капітан", "майор", "підполковник", "полковник"
};
static const char *const areas[] = {
	"civil_service", "exercises", "procurement", "decree"
};
static const char *const titles[][12] = {
	{ "Євроатлантична інтеграція України", "Стандарти НАТО в державному управлінні",
	  "Протидія гібридним загрозам", "Стратегічні комунікації",
	  "Англійська мова для державних службовців, рівень B2",
	  "Демократичний цивільний контроль", "Управління проєктами міжнародної допомоги",
	  "Кібербезпека в органах влади", "Гендерна політика в секторі безпеки",
	  "Річна національна програма під егідою Комісії Україна - НАТО",
	  "Антикорупційні механізми", "Лідерство в публічному управлінні" },
	{ "Rapid Trident 2021", "Sea Breeze 2021", "Cossack Mace", "Combined Resolve",
	  "Three Swords 2021", "Joint Efforts 2021", "Defender Europe 2021",
	  "Saber Guardian", "Agile Spirit", "Coherent Resilience",
	  "Cyber Coalition", "Steadfast Jupiter" },
	{ "Постанова КМУ № 363 від 03.03.2021", "Порядок планування оборонних закупівель",
	  "Річний план оборонних закупівель", "Типовий договір державного контракту",
	  "Порядок формування ціни", "Закупівлі в умовах особливого періоду",
	  "Реєстр суб'єктів господарювання ОПК", "Кодифікація за стандартами НАТО",
	  "Звітність про виконання державного оборонного замовлення",
	  "Порядок супроводження державних контрактів", "Закупівлі за кордоном",
	  "Державна реєстрація нормативних актів" },
	{ "CMU-1 Аналіз виконання річних національних програм",
	  "CMU-2 Структурні підрозділи з питань євроатлантичної інтеграції",
	  "CMU-3 Система переходу сектору безпеки на стандарти НАТО",
	  "CMU-4 Програми підвищення кваліфікації", "CMU-5 Акти до закону про оборонні закупівлі",
	  "MOD-1 Меморандум C4ISR", "MOD-2 Вимоги до фізичної безпеки майна",
	  "MOD-3 Військовий представник у Місії України при НАТО",
	  "ALL-1 Участь у навчаннях НАТО", "ALL-2 Діалог розвідок",
	  "ALL-3 Обмін досвідом протидії гібридній війні",
	  "ALL-4 Посади в органах НАТО" }
};
static const char *const kind_names[] = {
	"ministry", "agency", "oblast-administration", "local-council",
	"military-unit", "education-provider", "other"
};
static const char *const kind_title[] = {
	"Міністерство", "Державне агентство", "обласна державна адміністрація",
	"міська рада", "Військова частина", "Навчальний центр", "Установа"
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* splitmix64: small, fast and the same everywhere. */
static uint64_t
next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned
pick(uint64_t *s, unsigned n)
{
	return (unsigned)(next(s) % n);
}

static FILE *
create(const char *dir, const char *name)
{
	char path[4096];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((fp = fopen(path, "w")) == NULL) {
		fprintf(stderr, "gen: cannot create '%s': %s\n", path, strerror(errno));
		exit(1);
	}
	return fp;
}

static void
done(FILE *fp, const char *name)
{
	if (fflush(fp) != 0 || ferror(fp) || fclose(fp) != 0) {
		fprintf(stderr, "gen: cannot write '%s': %s\n", name, strerror(errno));
		exit(1);
	}
}

/* A date as DD.MM.YYYY from days since 2021-01-01 (within 2021-2023). */
static void
date_str(unsigned day, char out[16])
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y = 2021, m = 0;

	for (;;) {
		unsigned ylen = (y % 4 == 0) ? 366 : 365;

		if (day < ylen)
			break;
		day -= ylen;
		y++;
	}
	for (m = 0; m < 12; m++) {
		unsigned len = (unsigned)mdays[m] + (m == 1 && y % 4 == 0);

		if (day < len)
			break;
		day -= len;
	}
	snprintf(out, 16, "%02u.%02d.%04d", (day + 1) % 100, (m + 1) % 100, y % 10000);
}

static void
gen_orgs(const char *dir, unsigned norgs, uint64_t seed)
{
	FILE *fp = create(dir, "orgs.csv");
	uint64_t s = seed ^ 0x6f726773;
	unsigned i, k, r;

	fputs("code,name,kind,region,parent\r\n", fp);
	for (i = 0; i < norgs; i++) {
		k = i < 20 ? (i < 15 ? 0 : 1) : 2 + pick(&s, N(kind_names) - 2);
		r = i < 25 ? i % NREG : pick(&s, NREG);
		fprintf(fp, "ORG%05u,", i + 1);
		if (k == 2 || k == 3)
			fprintf(fp, "\"%s %s, %u\"", regions[r], kind_title[k], i + 1);
		else
			fprintf(fp, "%s № %u", kind_title[k], i + 1);
		fprintf(fp, ",%s,%s,", kind_names[k], regions[r]);
		if (i >= 20 && pick(&s, 3) == 0)
			fprintf(fp, "ORG%05u", 1 + pick(&s, 15));
		fputs("\r\n", fp);
	}
	done(fp, "orgs.csv");
}

static void
gen_people(const char *dir, unsigned npeople, unsigned norgs, uint64_t seed)
{
	FILE *fp = create(dir, "people.csv");
	uint64_t s = seed ^ 0x70656f706c65;
	unsigned i, svc;
	bool f;

	fputs("key,name,org,position,service,category\r\n", fp);
	for (i = 0; i < npeople; i++) {
		f = pick(&s, 2);
		svc = pick(&s, 10);	/* 6 civil, 2 local, 2 military */
		fprintf(fp, "P%07u,%s %s %s,ORG%05u,", i + 1,
		    surnames[pick(&s, N(surnames))], f ? female[pick(&s, N(female))] :
		    male[pick(&s, N(male))], f ? female_patr[pick(&s, N(female_patr))] :
		    male_patr[pick(&s, N(male_patr))], 1 + pick(&s, norgs));
		if (svc < 8) {
			const char *p = positions[pick(&s, N(positions))];

			fprintf(fp, strchr(p, ',') ? "\"%s\"" : "%s", p);
			fprintf(fp, ",%s,%s\r\n", svc < 6 ? "civil-service" :
			    "local-self-government", svc < 6 ? (const char *[]){ "А", "Б",
			    "В" }[pick(&s, 3)] : "");
		} else {
			fprintf(fp, "військовослужбовець,military,%s\r\n",
			    ranks[pick(&s, N(ranks))]);
		}
	}
	done(fp, "people.csv");
}

/* Start day (since 2021-01-01) of programme p. */
static unsigned
prog_start(unsigned p)
{
	return 150 + (p * 37) % 500;
}

static void
gen_programmes(const char *dir, unsigned norgs, uint64_t seed)
{
	static const char *const status[] = { "completed", "completed", "active", "planned" };
	FILE *fp = create(dir, "programmes.csv");
	uint64_t s = seed ^ 0x70726f67;
	char d1[16], d2[16], d3[16];
	unsigned p, a;

	/* The fields each area's plugin requires, in the area's own columns:
	 * kind and credits (civil_service), kind and source (exercises),
	 * act_type (procurement), decree and term (decree). */
	static const char *const area_cols[] = {
		"professional,4,,,,", "exercise,,Міністерство оборони України,,,",
		",,,cabinet-resolution,,", ",,,,307/2021,2 months"
	};

	fputs("area,code,title,owner,start,end,due,status,"
	    "kind,credits,source,act_type,decree,term\r\n", fp);
	for (p = 0; p < NPROG; p++) {
		a = p % 4;
		date_str(prog_start(p), d1);
		date_str(prog_start(p) + 30 + p % 60, d2);
		date_str(prog_start(p) + 120, d3);
		fprintf(fp, "%s,%s-%02u,\"%s\",ORG%05u,%s,%s,%s,%s,%s\r\n", areas[a],
		    (const char *[]){ "CS", "EX", "PR", "DC" }[a], p / 4 + 1,
		    titles[a][p / 4], 1 + pick(&s, norgs < 20 ? norgs : 20), d1, d2, d3,
		    status[pick(&s, N(status))], area_cols[a]);
	}
	done(fp, "programmes.csv");
}

static unsigned
gcd(unsigned a, unsigned b)
{
	while (b) {
		unsigned t = a % b;

		a = b;
		b = t;
	}
	return a;
}

/* One participation row: row i pairs person perm(i % P) with the k-th
 * programme of that person (k = i / P), so every pair is unique. */
static void
gen_part_row(FILE *fp, uint64_t i, unsigned npeople, unsigned stride, uint64_t *s)
{
	static const char *const st[] = { "completed", "completed", "completed",
		"completed", "completed", "completed", "completed", "completed",
		"completed", "completed", "completed", "attended", "attended",
		"enrolled", "enrolled", "enrolled", "nominated", "failed",
		"withdrawn", "withdrawn" };
	static const char *const progs[] = { "CS", "EX" };
	unsigned person = (unsigned)((i % npeople) * stride % npeople);
	unsigned k = (unsigned)(i / npeople), h = person * 2654435761u >> 7;
	unsigned p = (h + k) % (NPROG / 2), area = p % 2, num = p / 2 + 1;
	unsigned prog = p / 2 * 4 + area, start = prog_start(prog), hours;
	const char *status = st[pick(s, N(st))];
	char d1[16], d2[16], d3[16];

	date_str(start, d1);
	date_str(start + 30 + prog % 60, d2);
	date_str(start + 30 + prog % 60 + pick(s, 10), d3);
	fprintf(fp, "%s-%02u,P%07u,%s,%s,", progs[area], num, person + 1, status, d1);
	if (strcmp(status, "completed") == 0 || strcmp(status, "failed") == 0) {
		hours = 6 * (1 + pick(s, 20));
		fprintf(fp, "%s,%s,%u,", d2, d3, hours);
		if (area == 0)
			fprintf(fp, "\"%u,%u\",%s\r\n", hours / 30, (hours % 30) / 3,
			    status[0] == 'c' ? "зараховано" : "\"не зараховано, повторити\"");
		else
			fprintf(fp, ",%s\r\n", status[0] == 'c' ? "виконано" : "не виконано");
	} else {
		fprintf(fp, ",%s,,,\r\n", status[0] == 'w' ? d3 : "");
	}
}

struct style {
	bool realistic;
	unsigned changed, added;	/* percent of rows */
};

/* A date as 23.07.2021 or as 2021-07-23 (iso). */
static void
date_any(unsigned day, bool iso, char out[16])
{
	char d[16];

	date_str(day, d);
	if (iso)
		snprintf(out, 16, "%.4s-%.2s-%.2s", d + 6, d + 3, d);
	else
		memcpy(out, d, 11);
}

/* A number of tenths as offices write it: 36, "7,5" or 7.5. */
static void
tenths(FILE *fp, unsigned t, unsigned form)
{
	if (t % 10 == 0)
		fprintf(fp, "%u", t / 10);
	else if (form == 0)
		fprintf(fp, "\"%u,%u\"", t / 10, t % 10);
	else
		fprintf(fp, "%u.%u", t / 10, t % 10);
}

/* The result an office writes for a status (area 0: a course). */
static const char *
result_text(const char *status, unsigned area, unsigned r)
{
	static const char *const done[] = { "зараховано",
		"\"зараховано, сертифікат видано\"", "зараховано з відзнакою" };
	static const char *const done_ex[] = { "виконано",
		"\"виконано, оцінка «добре»\"", "виконано в повному обсязі" };

	switch (status[0]) {
	case 'c':
		return area == 0 ? done[r % 3] : done_ex[r % 3];
	case 'f':
		return "\"не зараховано, повторити\"";
	case 'a':
		return "прослухано без підсумкового контролю";
	case 'e':
		return "навчається";
	case 'n':
		return "кандидатуру погоджено";
	default:
		return "\"відраховано, за власним бажанням\"";
	}
}

/*
 * One realistic participation row: the pair of row i as gen_part_row's,
 * every other value from the row's own number (and from `change` when
 * the row is one of those a re-send changes).
 */
static void
gen_real_row(FILE *fp, uint64_t i, unsigned npeople, unsigned stride,
    uint64_t seed, unsigned change)
{
	static const char *const st[] = { "completed", "completed", "completed",
		"completed", "completed", "completed", "completed", "completed",
		"completed", "completed", "completed", "attended", "attended",
		"enrolled", "enrolled", "enrolled", "nominated", "failed",
		"withdrawn", "withdrawn" };
	uint64_t s = seed ^ (i * 0xd1342543de82ef95ULL) ^ ((uint64_t)change << 56);
	unsigned person = (unsigned)((i % npeople) * stride % npeople);
	unsigned k = (unsigned)(i / npeople), h = person * 2654435761u >> 7;
	unsigned p = (h + k) % (NPROG / 2), area = p % 2, num = p / 2 + 1;
	unsigned prog = p / 2 * 4 + area, start = prog_start(prog);
	const char *status = st[pick(&s, N(st))];
	bool iso = pick(&s, 3) == 0, done = strchr("caf", status[0]) != NULL;
	unsigned form = pick(&s, 2), len = 30 + prog % 60, late = pick(&s, 10);
	char d1[16], d2[16], d3[16];

	date_any(start, iso, d1);
	date_any(start + len, iso, d2);
	date_any(done ? start + len + late : start - 10 + late, iso, d3);
	fprintf(fp, "%s-%02u,P%07u,%s,%s,%s,%s,", area == 0 ? "CS" : "EX", num,
	    person + 1, status, d1, done || status[0] == 'e' ? d2 : "", d3);
	tenths(fp, 10 * (6 + 6 * pick(&s, 20)) + 5 * pick(&s, 2), form);
	fputc(',', fp);
	if (done || area == 0)
		tenths(fp, status[0] == 'c' || area == 0 ? 1 + pick(&s, 40) : 0, form);
	fprintf(fp, ",%s\r\n", result_text(status, area, pick(&s, 3)));
}

/* Whether row i is one of the PCT percent a re-send changes. */
static bool
changed_row(uint64_t i, unsigned pct)
{
	uint64_t s = i ^ 0x6368616e6765ULL;

	return pct > 0 && next(&s) % 100 < pct;
}

/* The realistic file: BOM, header, the rows, and the new rows of a
 * re-send spread among them (one after every 100 / PCT rows). */
static void
gen_real(FILE *fp, uint64_t nrows, unsigned npeople, unsigned stride,
    uint64_t seed, const struct style *y)
{
	uint64_t i, every = y->added ? 100 / y->added : 0, extra = nrows;

	fputs("\xef\xbb\xbfprogramme,person,status,start,end,status_date,hours,credits,"
	    "result\r\n", fp);
	for (i = 0; i < nrows; i++) {
		gen_real_row(fp, i, npeople, stride, seed, changed_row(i, y->changed));
		if (every && i % every == every - 1)
			gen_real_row(fp, extra++, npeople, stride, seed, 0);
	}
}

static void
gen_participation(const char *dir, uint64_t nrows, unsigned npeople, uint64_t seed,
    const struct style *y)
{
	FILE *fp = create(dir, "participation.csv");
	uint64_t s = seed ^ 0x70617274, i;
	unsigned stride = 7919;

	if (npeople == 0 && nrows > 0) {
		fprintf(stderr, "gen: participation needs people\n");
		exit(2);
	}
	if (nrows + nrows * y->added / 100 > (uint64_t)npeople * (NPROG / 2)) {
		fprintf(stderr, "gen: at most %u participation rows for %u people\n",
		    npeople * (NPROG / 2), npeople);
		exit(2);
	}
	while (npeople && gcd(stride, npeople) != 1)
		stride += 2;
	if (y->realistic) {
		gen_real(fp, nrows, npeople, stride, seed, y);
		done(fp, "participation.csv");
		return;
	}
	fputs("programme,person,status,start,end,status_date,hours,credits,result\r\n", fp);
	for (i = 0; i < nrows; i++)
		gen_part_row(fp, i, npeople, stride, &s);
	done(fp, "participation.csv");
}

static void
usage(void)
{
	fprintf(stderr, "usage: gen [--orgs N] [--people N] [--participation M] "
	    "[--seed S] [--style plain|realistic] [--changed PCT] [--new PCT] "
	    "--out DIR\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	unsigned long long orgs = 500, people = 1000, part = 5000, seed = 1;
	const char *out = NULL;
	struct style y = { 0 };
	int i;

	for (i = 1; i + 1 < argc; i += 2) {
		char *end;
		unsigned long long v = strtoull(argv[i + 1], &end, 10);

		if (strcmp(argv[i], "--out") == 0) {
			out = argv[i + 1];
			continue;
		}
		if (strcmp(argv[i], "--style") == 0) {
			if (strcmp(argv[i + 1], "realistic") != 0 &&
			    strcmp(argv[i + 1], "plain") != 0)
				usage();
			y.realistic = argv[i + 1][0] == 'r';
			continue;
		}
		if (*end != '\0' || end == argv[i + 1])
			usage();
		if (strcmp(argv[i], "--orgs") == 0)
			orgs = v;
		else if (strcmp(argv[i], "--people") == 0)
			people = v;
		else if (strcmp(argv[i], "--participation") == 0)
			part = v;
		else if (strcmp(argv[i], "--seed") == 0)
			seed = v;
		else if (strcmp(argv[i], "--changed") == 0 && v <= 100)
			y.changed = (unsigned)v;
		else if (strcmp(argv[i], "--new") == 0 && v <= 50)
			y.added = (unsigned)v;
		else
			usage();
	}
	if (i != argc || out == NULL || orgs < 1 || orgs > 99999 || people > 9999999)
		usage();
	if (mkdir(out, 0755) != 0 && errno != EEXIST) {
		fprintf(stderr, "gen: cannot create '%s': %s\n", out, strerror(errno));
		return 1;
	}
	gen_orgs(out, (unsigned)orgs, seed);
	gen_people(out, (unsigned)people, (unsigned)orgs, seed);
	gen_programmes(out, (unsigned)orgs, seed);
	gen_participation(out, part, (unsigned)people, seed, &y);
	return 0;
}
