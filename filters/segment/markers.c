/* Heading markers: the families of markers.tsv, the numerals of
 * numerals.tsv, the one-character markers of enclosed.tsv. */
#include <stdlib.h>
#include <string.h>

#include "zj.h"
#include "segment.h"

enum numeral { NUM_HAN, NUM_DIGIT, NUM_ENCLOSED };

#define MAXALT 8
#define MAXFAMILY 64

struct alt {                    /* an opening or a closing */
	char *s;                /* NULL ends a list */
	size_t len;
};

struct family {
	char *name;
	struct alt open[MAXALT], close[MAXALT];  /* none: the empty string alone */
	enum numeral numeral;
};

struct glyph {                  /* a character of numerals.tsv or enclosed.tsv */
	uint32_t cp;
	int family;             /* enclosed only */
	int value;
};

static struct family families[MAXFAMILY];
static int nfamily;
static struct glyph *numerals, *enclosed;
static size_t nnumeral, nenclosed;

/* The characters a marker can begin with: a bit for each of the Basic
 * Multilingual Plane for a quick no, then which families begin there. */
static uint64_t starts[0x10000 / 64];

struct start {
	uint32_t cp;
	int enclosed;           /* a character of enclosed.tsv */
	uint64_t families;      /* bit f: a marker of family f can begin here */
};

static struct start *start_list;
static size_t nstart;

static uint32_t one_char(const char *s, const char *path, unsigned long no)
{
	uint32_t cp = 0;
	size_t n = strlen(s);

	if (!n || (size_t)zj_utf8_decode((const unsigned char *)s, n, &cp) != n)
		zj_die("%s:%lu: '%s' is not one character", path, no, s);
	return cp;
}

static int number(const char *s, int min, int max, const char *path, unsigned long no)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (end == s || *end || v < min || v > max)
		zj_die("%s:%lu: '%s' is not a number from %d to %d", path, no, s, min, max);
	return (int)v;
}

static int family_index(const char *name, const char *path, unsigned long no)
{
	for (int i = 0; i < nfamily; i++)
		if (!strcmp(families[i].name, name))
			return i;
	zj_die("%s:%lu: no family '%s' in markers.tsv", path, no, name);
	return -1;
}

/* "a b c" -> {"a", "b", "c"}; "-" -> {""} */
static void split_alternatives(char *field, struct alt *alt, const char *path, unsigned long no)
{
	int n = 0;

	if (strcmp(field, "-"))
		for (char *s = strtok(field, " "); s; s = strtok(NULL, " ")) {
			if (n == MAXALT - 1)
				zj_die("%s:%lu: more than %d alternatives", path, no, MAXALT - 1);
			alt[n++] = (struct alt){ zj_strdup(s), strlen(s) };
		}
	if (!n)
		alt[n++] = (struct alt){ zj_strdup(""), 0 };
	alt[n].s = NULL;
}

static void family_row(char **f, int nf, const char *path, unsigned long no, void *ctx)
{
	static const char *const kinds[] = { "han", "digit", "enclosed" };
	struct family *fam = &families[nfamily];
	int k;

	(void)ctx;
	if (nf != 4)
		zj_die("%s:%lu: want 4 fields: family open numeral close", path, no);
	if (nfamily == MAXFAMILY)
		zj_die("%s:%lu: more than %d families", path, no, MAXFAMILY);
	for (k = 0; k < 3 && strcmp(f[2], kinds[k]); k++)
		;
	if (k == 3)
		zj_die("%s:%lu: numeral '%s' is not han, digit or enclosed", path, no, f[2]);
	fam->name = zj_strdup(f[0]);
	fam->numeral = (enum numeral)k;
	split_alternatives(f[1], fam->open, path, no);
	split_alternatives(f[3], fam->close, path, no);
	nfamily++;
}

static void glyph_row(struct glyph **list, size_t *n, uint32_t cp, int family, int value)
{
	*list = zj_realloc(*list, (*n + 1) * sizeof **list);
	(*list)[(*n)++] = (struct glyph){ cp, family, value };
}

static void numeral_row(char **f, int nf, const char *path, unsigned long no, void *ctx)
{
	(void)ctx;
	if (nf != 2)
		zj_die("%s:%lu: want 2 fields: numeral value", path, no);
	glyph_row(&numerals, &nnumeral, one_char(f[0], path, no), -1,
	          number(f[1], 1, 10, path, no));
}

static void enclosed_row(char **f, int nf, const char *path, unsigned long no, void *ctx)
{
	(void)ctx;
	if (nf != 3)
		zj_die("%s:%lu: want 3 fields: character family ordinal", path, no);
	glyph_row(&enclosed, &nenclosed, one_char(f[0], path, no), family_index(f[1], path, no),
	          number(f[2], 1, 99, path, no));
}

static int by_cp(const void *a, const void *b)
{
	const struct glyph *x = a, *y = b;

	return (x->cp > y->cp) - (x->cp < y->cp);
}

static int by_start_cp(const void *a, const void *b)
{
	const struct start *x = a, *y = b;

	return (x->cp > y->cp) - (x->cp < y->cp);
}

static const struct start *start_of(uint32_t cp)
{
	struct start key = { .cp = cp };

	if (cp < 0x10000 && !(starts[cp / 64] >> (cp % 64) & 1))
		return NULL;
	return nstart ? bsearch(&key, start_list, nstart, sizeof *start_list, by_start_cp) : NULL;
}

/* Note that family (or, for -1, an enclosed character) can begin at cp. */
static void may_start_cp(uint32_t cp, int family)
{
	struct start *st = (struct start *)start_of(cp);

	if (!st) {
		start_list = zj_realloc(start_list, (nstart + 1) * sizeof *start_list);
		st = &start_list[nstart++];
		*st = (struct start){ .cp = cp };
		qsort(start_list, nstart, sizeof *start_list, by_start_cp);
		if (cp < 0x10000)
			starts[cp / 64] |= (uint64_t)1 << (cp % 64);
		st = (struct start *)start_of(cp);
	}
	if (family < 0)
		st->enclosed = 1;
	else
		st->families |= (uint64_t)1 << family;
}

static void may_start(const char *s, int family)
{
	uint32_t cp;

	zj_utf8_decode((const unsigned char *)s, strlen(s), &cp);
	may_start_cp(cp, family);
}

/* What the markers of the families can begin with. */
static void fill_starts(void)
{
	for (int f = 0; f < nfamily; f++) {
		if (families[f].open[0].len) {
			for (struct alt *o = families[f].open; o->s; o++)
				may_start(o->s, f);
			continue;
		}
		if (families[f].numeral == NUM_ENCLOSED)
			continue;
		if (families[f].numeral == NUM_DIGIT) {
			for (uint32_t d = 0; d < 10; d++) {
				may_start_cp('0' + d, f);
				may_start_cp(0xFF10 + d, f);
			}
		}
		for (size_t k = 0; families[f].numeral == NUM_HAN && k < nnumeral; k++)
			may_start_cp(numerals[k].cp, f);
	}
	for (size_t k = 0; k < nenclosed; k++)
		may_start_cp(enclosed[k].cp, -1);
}

void markers_load(const char *markers, const char *enclosed_tsv, const char *numerals_tsv)
{
	zj_tsv_load(markers, family_row, NULL);
	zj_tsv_load(numerals_tsv, numeral_row, NULL);
	zj_tsv_load(enclosed_tsv, enclosed_row, NULL);
	if (nnumeral)
		qsort(numerals, nnumeral, sizeof *numerals, by_cp);
	if (nenclosed)
		qsort(enclosed, nenclosed, sizeof *enclosed, by_cp);
	fill_starts();
}

static const struct glyph *glyph_at(const struct glyph *list, size_t n,
                                    const char *t, size_t len, size_t i, size_t *cplen)
{
	struct glyph key = { 0 };

	if (i >= len || !n)
		return NULL;
	key.cp = char_at(t, len, i, cplen);
	return bsearch(&key, list, n, sizeof *list, by_cp);
}

/* A Chinese ordinal 1…99 at t[*i] (一, 十, 十二, 二十, 二十三); advances *i. */
static int han_ordinal(const char *t, size_t n, size_t *i)
{
	int value = 0, digit = 0, tens = 0, k;
	const struct glyph *g;
	size_t len;

	for (k = 0; k < 4 && (g = glyph_at(numerals, nnumeral, t, n, *i, &len)); k++) {
		if (g->value == 10) {
			if (tens)
				return 0;
			tens = 1;
			value = (digit ? digit : 1) * 10;
			digit = 0;
		} else if (digit) {
			return 0;
		} else {
			digit = g->value;
		}
		*i += len;
	}
	value += digit;
	return k == 4 ? 0 : value;
}

/* An ordinal 1…99 in ASCII or full-width digits at t[*i]; advances *i. */
static int digit_ordinal(const char *t, size_t n, size_t *i)
{
	int value = 0, k;

	for (k = 0; k < 3 && *i < n; k++) {
		size_t len;
		uint32_t cp = char_at(t, n, *i, &len);

		if (!is_digit_cp(cp))
			break;
		value = value * 10 + (int)(cp <= '9' ? cp - '0' : cp - 0xFF10);
		*i += len;
	}
	return k == 3 || (k == 2 && value < 10) ? 0 : value;
}

/* Whether t[i…] begins with a (the empty string always). */
static int has_prefix(const char *t, size_t n, size_t i, const struct alt *a)
{
	return !a->len || (i + a->len <= n && t[i] == a->s[0] && !memcmp(t + i, a->s, a->len));
}

/* The last ordinal read, so that families sharing a numeral kind and an
 * opening (一、 and 一.) read it once. */
struct ordinal_memo {
	const char *t;
	size_t at, end;
	enum numeral kind;
	int value;
};

static int ordinal(const char *t, size_t n, size_t *j, enum numeral kind, struct ordinal_memo *memo)
{
	if (memo->t != t || memo->at != *j || memo->kind != kind) {
		memo->t = t;
		memo->at = *j;
		memo->kind = kind;
		memo->end = *j;
		memo->value = kind == NUM_HAN ? han_ordinal(t, n, &memo->end) : digit_ordinal(t, n, &memo->end);
	}
	*j = memo->end;
	return memo->value;
}

/* The longest marker of family f at t[i]: its length, 0 if none. */
static size_t family_match(const struct family *f, const char *t, size_t n, size_t i, int *ord,
                           struct ordinal_memo *memo)
{
	size_t best = 0;

	for (const struct alt *o = f->open; o->s; o++) {
		size_t j = i + o->len;
		int value;

		if (!has_prefix(t, n, i, o) || !(value = ordinal(t, n, &j, f->numeral, memo)))
			continue;
		for (const struct alt *c = f->close; c->s; c++)
			if (has_prefix(t, n, j, c) && j + c->len - i > best) {
				best = j + c->len - i;
				*ord = value;
			}
	}
	return best;
}

/* The marker at t[i] without a look at what follows it. */
static int match(const char *t, size_t n, size_t i, struct marker *m)
{
	struct ordinal_memo memo = { 0 };
	const struct start *st;
	const struct glyph *g;
	size_t len;

	m->start = i;
	m->len = 0;
	if (i >= n || !(st = start_of(char_at(t, n, i, &len))))
		return 0;
	if (st->enclosed && (g = glyph_at(enclosed, nenclosed, t, n, i, &len))) {
		m->len = len;
		m->family = g->family;
		m->ord = g->value;
	}
	for (int f = 0; f < nfamily; f++) {
		int ord = 0;
		size_t l;

		if (!(st->families >> f & 1))
			continue;
		if ((l = family_match(&families[f], t, n, i, &ord, &memo)) > m->len) {
			m->len = l;
			m->family = f;
			m->ord = ord;
		}
	}
	return m->len > 0;
}

/* A title cannot start with these: the marker was a number in a list or
 * an amount (一、二、三等奖, 3、4月, 1.5万). */
static int bad_title_start(uint32_t cp)
{
	static const uint32_t bad[] = {
		',', '.', ':', ';', ')', ']', '%', '-', 0x3001, 0x3002, 0xFF0C, 0xFF0E,
		0xFF1A, 0xFF1B, 0xFF09, 0xFF05, 0x201D, 0x2019, 0x300B, 0x2014, 0x2026,
	};

	for (size_t k = 0; k < sizeof bad / sizeof *bad; k++)
		if (cp == bad[k])
			return 1;
	return 0;
}

/* The marker ends in a closing bracket: what follows cannot continue
 * its number. */
static int closed_by_bracket(const char *t, const struct marker *m)
{
	const char *end = t + m->start + m->len;

	return end[-1] == ')' || (m->len >= 3 && !memcmp(end - 3, "\xef\xbc\x89", 3));   /* ） */
}

/* Four digits and 年 at t[i]. */
static int is_year(const char *t, size_t n, size_t i)
{
	uint32_t cp = 0;
	size_t len;
	int k;

	for (k = 0; k < 5 && i < n && is_digit_cp(cp = char_at(t, n, i, &len)); k++)
		i += len;
	return k == 4 && i < n && char_at(t, n, i, &len) == 0x5E74;
}

int marker_at(const char *t, size_t n, size_t i, struct marker *m)
{
	const struct start *st;
	struct marker next;
	uint32_t cp;
	size_t end;

	if (!match(t, n, i, m))
		return 0;
	end = i + m->len;
	m->title = skip_spaces(t, n, end);
	if (m->title >= n || t[m->title] == '\n')
		return 0;
	zj_utf8_decode((const unsigned char *)t + m->title, n - m->title, &cp);
	if (bad_title_start(cp))
		return 0;
	/* 1、2 and 3.5 are numbers, not headings; 1、2021年… and （1）2021年… are */
	if (families[m->family].numeral != NUM_HAN && m->title == end && is_digit_cp(cp) &&
	    !closed_by_bracket(t, m) && !is_year(t, n, m->title))
		return 0;
	/* 一、二、三 is a list of numbers */
	if ((st = start_of(cp)) && (st->enclosed || st->families >> m->family & 1) &&
	    match(t, n, m->title, &next) && next.family == m->family)
		return 0;
	return 1;
}
