/* Metadata of a report: title, region, year, period (cues in metadata.tsv). */
#include "regex.h"
#include <stdlib.h>
#include <string.h>

#include "zj.h"
#include "decode.h"

#define TITLE_MAX 60            /* characters */
#define NAME_MAX_HAN 3          /* Han characters before a place suffix (count_names keeps 3) */
#define EXTEND_RATIO 0.7        /* a longer name wins when it holds this share of the shorter's uses */

enum { HEADING, MASKED_PLACE, PLACE_STRONG, PLACE_CONTEXT, MASKED_YEAR, HALF, MULTI_WORD, MULTI_SPAN, TARGET_YEAR,
       NPAT };
static const char *const pat_name[NPAT] = {
	"heading", "masked_place", "place_strong", "place_context", "masked_year", "half", "multi_word", "multi_span", "target_year",
};
static pcre2_code *pat[NPAT], *year_re, *date_line_re, *opening_re, *span_re;
static pcre2_match_data *md;
/* the bytes a masked_place match can start with (all when unknown) */
static unsigned char mask_starts[32];

struct words {
	char **v;
	size_t *len;
	size_t n;
};
static struct words not_place;
/* a bit per character from U+0000 to U+FFFF: the place suffixes, and the
 * characters no place name starts with (only Han ones are ever asked) */
static uint64_t suffix_bits[0x10000 / 64], not_start_bits[0x10000 / 64];
/* the last two bytes of each suffix (which is three bytes long), each
 * repeated sixteen times */
static bytes16 *suffix_tail[2];
static size_t nsuffixes;

static pcre2_code *compile(const char *p, const char *what)
{
	return zj_regex_need(p, PCRE2_ZERO_TERMINATED, PCRE2_UCP, what, 0);
}

static void add_word(struct words *w, const char *s)
{
	w->v = zj_realloc(w->v, (w->n + 1) * sizeof *w->v);
	w->len = zj_realloc(w->len, (w->n + 1) * sizeof *w->len);
	w->len[w->n] = strlen(s);
	w->v[w->n++] = zj_strdup(s);
}

static uint32_t decode3(const unsigned char *u)
{
	return (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
}

static int has_bit(const uint64_t *bits, uint32_t cp)
{
	return bits[cp / 64] >> (cp % 64) & 1;
}

static void add_chars(uint64_t *bits, const char *chars)
{
	const unsigned char *s = (const unsigned char *)chars;
	size_t n = strlen(chars);

	while (n) {
		uint32_t cp;
		int len = zj_utf8_decode(s, n, &cp);

		if (cp < 0x10000)
			bits[cp / 64] |= 1ULL << (cp % 64);
		s += len;
		n -= (size_t)len;
	}
}

static void add_row(char **f, int nf, const char *path, unsigned long lineno, void *ctx)
{
	int k;

	(void)ctx;
	if (nf < 2)
		zj_die("%s:%lu: want KEY<TAB>VALUE", path, lineno);
	if (!strcmp(f[0], "place_suffix")) {
		const unsigned char *u = (const unsigned char *)f[1];
		uint32_t cp;

		if (strlen(f[1]) != 3 || (u[0] & 0xF0) != 0xE0)
			zj_die("%s:%lu: a place suffix is one character from U+0800 to U+FFFF", path, lineno);
		cp = decode3(u);
		suffix_bits[cp / 64] |= 1ULL << (cp % 64);
		suffix_tail[0] = zj_realloc(suffix_tail[0], (nsuffixes + 1) * sizeof(bytes16));
		suffix_tail[1] = zj_realloc(suffix_tail[1], (nsuffixes + 1) * sizeof(bytes16));
		suffix_tail[0][nsuffixes] = (bytes16){ 0 } + u[1];
		suffix_tail[1][nsuffixes++] = (bytes16){ 0 } + u[2];
		return;
	}
	if (!strcmp(f[0], "not_place"))
		return add_word(&not_place, f[1]);
	if (!strcmp(f[0], "not_place_start"))
		return add_chars(not_start_bits, f[1]);
	for (k = 0; k < NPAT; k++)
		if (!strcmp(f[0], pat_name[k])) {
			if (pat[k])
				pcre2_code_free(pat[k]);
			pat[k] = compile(f[1], f[0]);
			return;
		}
	zj_die("%s:%lu: unknown key '%s'", path, lineno, f[0]);
}

void meta_init(void)
{
	char *path = zj_data_path("metadata.tsv");
	int k;

	zj_tsv_load(path, add_row, NULL);
	for (k = 0; k < NPAT; k++)
		if (!pat[k])
			zj_die("%s: no %s pattern", path, pat_name[k]);
	free(path);
	year_re = compile("(?<![0-9])((?:19|20)[0-9]{2})\\s*年", "year");
	date_line_re = compile("((?:19|20)[0-9]{2})\\s*年\\s*[0-9]{1,2}\\s*月\\s*[0-9]{1,2}\\s*日\\s*$", "date");
	opening_re = compile("^((?:19|20)[0-9]{2})(?:\\s*[-—–~至]\\s*((?:19|20)[0-9]{2}))?\\s*年", "opening");
	span_re = compile("((?:19|20)[0-9]{2})\\s*[-—–~至到]\\s*((?:19|20)[0-9]{2})\\s*年", "span");
	md = pcre2_match_data_create(4, NULL);
	if (!zj_regex_first_bytes(pat[MASKED_PLACE], mask_starts))
		memset(mask_starts, 0xff, sizeof mask_starts);
}

static int find(pcre2_code *re, const char *s, size_t n, size_t from)
{
	return from <= n && pcre2_match(re, (PCRE2_SPTR)s, n, from, PCRE2_NO_UTF_CHECK, md, NULL) >= 0;
}

static size_t ov(int i)
{
	return pcre2_get_ovector_pointer(md)[i];
}

static int count(pcre2_code *re, const char *s, size_t n)
{
	size_t from = 0;
	int k = 0;

	while (find(re, s, n, from) && ov(1) > ov(0)) {
		k++;
		from = ov(1);
	}
	return k;
}

/* ---- lines ---- */

/* The line of text at *pos (advanced past it). */
static int next_line(const char *s, size_t n, size_t *pos, size_t *start, size_t *len)
{
	const char *nl;

	if (*pos >= n)
		return 0;
	nl = memchr(s + *pos, '\n', n - *pos);
	*start = *pos;
	*len = (nl ? (size_t)(nl - s) : n) - *pos;
	*pos = *start + *len + 1;
	return 1;
}

/* ---- title ---- */

static int starts_with_heading(const char *s, size_t n)
{
	return pcre2_match(pat[HEADING], (PCRE2_SPTR)s, n, 0, PCRE2_NO_UTF_CHECK | PCRE2_ANCHORED, md, NULL) >= 0;
}

static int title_like(const char *s, size_t n)
{
	return n && utf8_chars(s, n) <= TITLE_MAX && !memmem(s, n, "。", 3) && !memmem(s, n, "，", 3) &&
	       !memchr(s, ',', n) && !starts_with_heading(s, n);
}

/* A line that runs on into the text: its part before a space that opens
 * a heading, or before the first full stop. */
static size_t title_part(const char *s, size_t n)
{
	const char *sp = memchr(s, ' ', n), *stop = memmem(s, n, "。", 3);

	if (sp && starts_with_heading(sp + 1, n - (size_t)(sp + 1 - s)))
		return (size_t)(sp - s);
	if (stop)
		return (size_t)(stop - s);
	return n;
}

/* The web page's <title> without its site suffix (…_栏目_网站). */
static char *page_title(const char *t)
{
	size_t n = strcspn(t, "_|");
	const char *dash = strstr(t, " - ");

	if (dash && (size_t)(dash - t) < n)
		n = (size_t)(dash - t);
	return zj_strndup(t, n);
}

static char *find_title(const char *s, size_t n, const char *marker_title, const char *html_title)
{
	size_t pos = 0, a, len, cut;

	if (html_title && *html_title)
		return page_title(html_title);
	if (marker_title) {
		/* the marker's line, then the report's own title if it has one */
		next_line(s, n, &pos, &a, &len);
		if (next_line(s, n, &pos, &a, &len) && title_like(s + a, len) &&
		    !memmem(marker_title, strlen(marker_title), s + a, len))
			return zj_strndup(s + a, len);
		return zj_strdup(marker_title);
	}
	if (!next_line(s, n, &pos, &a, &len))
		return zj_strdup("");
	cut = title_part(s + a, len);
	return utf8_chars(s + a, cut) <= TITLE_MAX ? zj_strndup(s + a, cut) : zj_strdup("");
}

/* ---- region ---- */

struct name {
	const char *s;          /* in the text */
	size_t len;
	unsigned uses;
	struct name *child;     /* the most used name one character longer */
	size_t first, last;     /* its occurrences in text order (indices + 1; 0: none) */
	int not_place;          /* it is a not_place word */
};

/* Where a name ends in the text; the next occurrence of the same name. */
struct occurrence {
	size_t end, next;
};

struct names {
	struct name *v;
	size_t n, cap;          /* open addressing, cap a power of two */
	struct occurrence *occ;
	size_t nocc, occ_cap;
};

static size_t hash(const char *s, size_t n)
{
	size_t h = 14695981039346656037ULL;

	while (n--)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static struct name *lookup(struct names *t, const char *s, size_t n, int add);

static void grow(struct names *t)
{
	struct names old = *t;
	size_t i;

	t->cap = t->cap ? t->cap * 2 : 256;
	t->v = zj_malloc(t->cap * sizeof *t->v);
	memset(t->v, 0, t->cap * sizeof *t->v);
	t->n = 0;
	for (i = 0; i < old.cap; i++)
		if (old.v[i].s)
			*lookup(t, old.v[i].s, old.v[i].len, 1) = old.v[i];
	free(old.v);
}

static struct name *lookup(struct names *t, const char *s, size_t n, int add)
{
	size_t i;

	if (add && (t->n + 1) * 2 > t->cap)
		grow(t);
	if (!t->cap)
		return NULL;
	for (i = hash(s, n) & (t->cap - 1); t->v[i].s; i = (i + 1) & (t->cap - 1))
		if (t->v[i].len == n && !memcmp(t->v[i].s, s, n))
			return &t->v[i];
	if (!add)
		return NULL;
	t->v[i].s = s;
	t->v[i].len = n;
	t->n++;
	return &t->v[i];
}

/* One more use of the name ending at end, the uses in text order. */
static void add_use(struct names *t, struct name *c, size_t end)
{
	t->occ = zj_grow(t->occ, t->nocc, &t->occ_cap, sizeof *t->occ);
	t->occ[t->nocc] = (struct occurrence){ end, 0 };
	if (c->last)
		t->occ[c->last - 1].next = t->nocc + 1;
	else
		c->first = t->nocc + 1;
	c->last = ++t->nocc;
	c->uses++;
}

static int is_han(uint32_t cp)
{
	return cp >= 0x3400 && cp <= 0x9FFF;
}

/* Flag the names that are words of w: each word is looked up once, not
 * each name compared with every word. */
static void mark_words(struct names *t, const struct words *w)
{
	size_t i;

	for (i = 0; i < w->n; i++) {
		struct name *c = lookup(t, w->v[i], w->len[i], 0);

		if (c)
			c->not_place = 1;
	}
}

#define MASK_WINDOW 12          /* bytes before a suffix where a mask may stand */

/* Could a mask start in s[from..i)? Most suffixes have none of the bytes
 * a mask starts with before them: a look at the bytes costs less than a
 * call of pcre2_match(). */
static int mask_may_start(const unsigned char *u, size_t from, size_t i)
{
	for (; from < i; from++)
		if (mask_starts[u[from] / 8] >> (u[from] % 8) & 1)
			return 1;
	return 0;
}

/* Does a mask (____, ＊＊, 某) stand right before the suffix at s + i? */
static int masked_before(const char *s, size_t i)
{
	size_t from = i > MASK_WINDOW ? i - MASK_WINDOW : 0;

	while (from < i && ((unsigned char)s[from] & 0xC0) == 0x80)
		from++;
	return mask_may_start((const unsigned char *)s, from, i) && find(pat[MASKED_PLACE], s + from, i - from, 0);
}

/* The Han character ending right before s + at (three bytes), or 0. */
static uint32_t han_before(const unsigned char *u, size_t at)
{
	uint32_t cp;

	if (at < 3 || u[at - 3] < 0xE3 || u[at - 3] > 0xE9)
		return 0;
	cp = decode3(u + at - 3);
	return is_han(cp) ? cp : 0;
}

/* Might a suffix end in u[at..at+16)? The last two bytes of every suffix
 * are compared at sixteen places at once. */
static int suffix_may_end(const unsigned char *u, size_t at)
{
	bytes16 last = load16(u + at), before = load16(u + at - 1);
	flags16 hit = { 0 };
	size_t k;

	for (k = 0; k < nsuffixes; k++)
		hit |= (before == suffix_tail[0][k]) & (last == suffix_tail[1][k]);
	return any16(hit);
}

/* Does a suffix end at u[end]? The text is valid UTF-8, so a lead byte
 * two bytes back starts the character that ends there. */
static int suffix_ends(const unsigned char *u, size_t end)
{
	return (u[end - 2] & 0xF0) == 0xE0 && has_bit(suffix_bits, decode3(u + end - 2));
}

/* Count every name of 1 to NAME_MAX_HAN Han characters and a suffix;
 * 1 when a place name is masked somewhere. The text is searched sixteen
 * bytes at a time for suffixes (few characters are one), then read
 * backwards from each. */
static int count_names(const char *s, size_t n, struct names *t)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t end, from, at;

	for (end = 2; end < n; end++) {
		uint32_t cp;
		int k;

		if (end + 16 <= n && !suffix_may_end(u, end)) {
			end += 15;
			continue;
		}
		if (!suffix_ends(u, end))
			continue;
		at = end + 1;
		if (masked_before(s, at - 3))
			return 1;
		for (k = 1, from = at - 3; k <= NAME_MAX_HAN && (cp = han_before(u, from)); k++) {
			from -= 3;
			if (!has_bit(not_start_bits, cp))
				add_use(t, lookup(t, s + from, at - from, 1), at);
		}
	}
	return 0;
}

/* Link each name to its most used extension one character to the left. */
static void link_children(struct names *t)
{
	size_t i;

	for (i = 0; i < t->cap; i++) {
		struct name *c = &t->v[i], *parent;
		uint32_t cp;
		int len;

		if (!c->s)
			continue;
		len = zj_utf8_decode((const unsigned char *)c->s, c->len, &cp);
		parent = lookup(t, c->s + len, c->len - (size_t)len, 0);
		if (parent && (!parent->child || parent->child->uses < c->uses))
			parent->child = c;
	}
}

/* More used wins; a name that extends another (楚州区, 楚州) wins when it
 * is used at all: the form with the administrative suffix is the place. */
static int better_name(const struct name *a, const struct name *b)
{
	if (a->len > b->len && !memcmp(a->s, b->s, b->len))
		return 1;
	if (b->len > a->len && !memcmp(b->s, a->s, a->len))
		return 0;
	return a->uses > b->uses || (a->uses == b->uses && a->len > b->len);
}

static int followed_at(int k, const char *s, size_t n, size_t at)
{
	return pcre2_match(pat[k], (PCRE2_SPTR)s, n, at, PCRE2_NO_UTF_CHECK | PCRE2_ANCHORED, md, NULL) >= 0;
}

/* Is the name followed somewhere by what only follows places or, when
 * context is set, by what follows places and institutions? Its uses were
 * all recorded while counting; those that overlap the one before are
 * passed over, as a search of the text from the end of each would. */
static int followed_by_place(const struct names *t, const struct name *c, const char *s, size_t n, int context)
{
	size_t o, free_from = 0;

	for (o = c->first; o; o = t->occ[o - 1].next) {
		size_t end = t->occ[o - 1].end;

		if (end - c->len < free_from)
			continue;
		free_from = end;
		if (followed_at(PLACE_STRONG, s, n, end) || (context && followed_at(PLACE_CONTEXT, s, n, end)))
			return 1;
	}
	return 0;
}

/* Is the name used as a place: in the title, once before what only
 * follows places (教育局, 位于), or, when it is used twice and does not
 * merely extend a common word (城区, 地区), before what follows places and
 * institutions (第一中学)? */
static int used_as_place(const struct names *t, const struct name *c, int extends_word, const char *s, size_t n,
                         const char *title)
{
	return memmem(title, strlen(title), c->s, c->len) ||
	       followed_by_place(t, c, s, n, c->uses >= 2 && !extends_word);
}

#define MAX_TRIED 16            /* names checked for a place context, most used first */

struct candidate {
	const struct name *name;
	int extends_word;       /* its two-character root is a not_place word */
};

static int by_uses(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;

	return x->name->uses < y->name->uses ? 1 : x->name->uses > y->name->uses ? -1 : 0;
}

/* The issuing place: the best name used as a place; "" when the text
 * masks it. */
static char *find_region(const char *s, size_t n, const char *title)
{
	struct names t = { 0 };
	struct candidate *cand;
	const struct name *best = NULL;
	size_t i, k = 0;
	char *r;

	if (count_names(s, n, &t)) {
		free(t.v);
		free(t.occ);
		return zj_strdup("");
	}
	link_children(&t);
	mark_words(&t, &not_place);
	cand = zj_malloc((t.n + 1) * sizeof *cand);
	for (i = 0; i < t.cap; i++) {
		const struct name *c = &t.v[i];
		int generic;

		if (!c->s || utf8_chars(c->s, c->len) != 2)
			continue;
		generic = c->not_place;
		while (c->child && c->child->uses >= c->uses * EXTEND_RATIO)
			c = c->child;
		if (!c->not_place)
			cand[k++] = (struct candidate){ c, generic };
	}
	qsort(cand, k, sizeof *cand, by_uses);
	for (i = 0; i < k && i < MAX_TRIED; i++)
		if ((!best || better_name(cand[i].name, best)) &&
		    used_as_place(&t, cand[i].name, cand[i].extends_word, s, n, title))
			best = cand[i].name;
	r = best ? zj_strndup(best->s, best->len) : zj_strdup("");
	free(cand);
	free(t.v);
	free(t.occ);
	return r;
}

/* ---- year and period ---- */

static int year_of(const char *s, int group)
{
	PCRE2_SIZE *v = pcre2_get_ovector_pointer(md);

	if (v[2 * group] == PCRE2_UNSET)
		return 0;
	return atoi(s + v[2 * group]);
}

/* A year the title states: *masked when it hides one. */
static int title_year(const char *title, int *masked)
{
	size_t n = strlen(title);

	*masked = find(pat[MASKED_YEAR], title, n, 0);
	if (*masked || !find(year_re, title, n, 0))
		return 0;
	return year_of(title, 1);
}

/* The start of the line that ends at end. */
static size_t line_start(const char *s, size_t end)
{
	const char *nl = memrchr(s, '\n', end);

	return nl ? (size_t)(nl - s) + 1 : 0;
}

/* The year of a date line among the last three lines (the report's
 * signature), the last first. They are found from the end: reading the
 * whole text for them cost a search of every line. */
static int signature_year(const char *s, size_t n)
{
	size_t end = n && s[n - 1] == '\n' ? n - 1 : n, a;
	int k;

	for (k = 0; k < 3 && n; k++) {
		a = line_start(s, end);
		if (utf8_chars(s + a, end - a) <= 40 && find(date_line_re, s + a, end - a, 0))
			return year_of(s + a, 1);
		if (a == 0)
			break;
		end = a - 1;
	}
	return 0;
}

/* The year the opening lines start with ("2011-2012年," gives 2012); -1
 * when they start with a masked year. */
static int opening_year(const char *s, size_t n)
{
	size_t pos = 0, a, len;
	int k;

	for (k = 0; k < 4 && next_line(s, n, &pos, &a, &len); k++) {
		if (find(pat[MASKED_YEAR], s + a, len, 0) && ov(0) == 0)
			return -1;
		if (find(opening_re, s + a, len, 0))
			return year_of(s + a, 2) ? year_of(s + a, 2) : year_of(s + a, 1);
	}
	return 0;
}

/* The year most often named in the text, not counting plans and targets;
 * ties go to the earlier (a report names the next year in its plans). */
static int frequent_year(const char *s, size_t n)
{
	int uses[60] = { 0 }, best = 0, y, masked = count(pat[MASKED_YEAR], s, n), real = 0;
	size_t from = 0;

	while (find(year_re, s, n, from)) {
		size_t a = ov(0), back = a > 12 ? a - 12 : 0;

		from = ov(1);
		y = year_of(s, 1);
		while (back < a && ((unsigned char)s[back] & 0xC0) == 0x80)
			back++;
		if (y < 1990 || y >= 2050 || find(pat[TARGET_YEAR], s + back, a - back, 0))
			continue;
		uses[y - 1990]++;
		real++;
	}
	if (masked > real)
		return 0;
	for (y = 0; y < 60; y++)
		if (uses[y] > uses[best])
			best = y;
	return uses[best] ? best + 1990 : 0;
}

static int is_multi(const char *s, size_t n)
{
	size_t head = n / 10 > 1200 ? n / 10 : 1200;

	return (find(pat[MULTI_WORD], s, n, 0) && ov(0) < head) || count(pat[MULTI_WORD], s, n) >= 3 ||
	       count(pat[MULTI_SPAN], s, n) >= 2;
}

/* Does a report say at its start that it covers half a year: in the
 * first OPENING_BYTES of one of its first OPENING_LINES lines? */
#define OPENING_LINES 3
#define OPENING_BYTES 90
static int opens_half(const char *s, size_t n)
{
	size_t pos = 0, a, len;
	int k;

	for (k = 0; k < OPENING_LINES && next_line(s, n, &pos, &a, &len); k++) {
		size_t cut = len < OPENING_BYTES ? len : OPENING_BYTES;

		while (cut < len && ((unsigned char)s[a + cut] & 0xC0) == 0x80)
			cut--;
		if (find(pat[HALF], s + a, cut, 0))
			return 1;
	}
	return 0;
}

static void find_time(const char *s, size_t n, const char *title, struct meta *m)
{
	int masked, y = title_year(title, &masked);

	if (find(span_re, title, strlen(title), 0) && year_of(title, 2) > year_of(title, 1) + 1) {
		m->period = "multi";
		m->year = year_of(title, 2);
		return;
	}
	if (find(pat[HALF], title, strlen(title), 0) || opens_half(s, n))
		m->period = "half";
	else if (y || masked)
		m->period = "year";
	else
		m->period = is_multi(s, n) ? "multi" : "year";
	if (y || masked) {
		m->year = y;
		return;
	}
	if ((y = signature_year(s, n)) || (y = opening_year(s, n))) {
		m->year = y > 0 ? y : 0;
		return;
	}
	m->year = strcmp(m->period, "multi") ? frequent_year(s, n) : 0;
}

void meta_find(const char *text, size_t n, const char *marker_title, const char *html_title, struct meta *m)
{
	m->title = find_title(text, n, marker_title, html_title);
	m->region = find_region(text, n, m->title);
	find_time(text, n, m->title, m);
}

void meta_free(struct meta *m)
{
	free(m->title);
	free(m->region);
}
