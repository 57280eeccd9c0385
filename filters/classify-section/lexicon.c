/* The domain lexicon: rows "DOMAIN<TAB>WEIGHT<TAB>TERM", where a TERM
 * written /LIKE THIS/ is a PCRE2 pattern and anything else a plain string.
 *
 * Plain terms (the many) go into one Aho-Corasick automaton, a full byte
 * DFA, so a text is scanned once whatever the number of terms. Where plain
 * terms overlap, the longer one counts ("校外培训" is not also "培训").
 * Patterns (the few) form one PCRE2 alternation, compiled with JIT; each
 * alternative ends in a (*MARK) that names its row. */
#include "regex.h"
#include <stdlib.h>
#include <string.h>

#include "zj.h"
#include "lexicon.h"

#define MAXDOMAINS 64

struct term {
	char *text;
	size_t len;             /* bytes of a plain term */
	int domain, pattern;
	double weight;
	int same;               /* next plain term with the same text, or -1 */
};

struct lexicon {
	char *domain[MAXDOMAINS];
	int ndomains;
	struct term *term;
	int nterms, termcap;
	/* the automaton: next[state * 256 + byte]; out[state] is the first
	 * of the longest terms that end in that state, or -1 */
	int *next, *out, *fail;
	int nstates, statecap;
	pcre2_code *re;
	pcre2_match_data *md;
	int jit;                /* re was JIT-compiled */
};

static int find_domain(const struct lexicon *lx, const char *name)
{
	for (int d = 0; d < lx->ndomains; d++)
		if (!strcmp(lx->domain[d], name))
			return d;
	return -1;
}

static int add_domain(struct lexicon *lx, const char *name, const char *path, unsigned long no)
{
	int d = find_domain(lx, name);

	if (d >= 0)
		return d;
	if (!*name || strpbrk(name, " \t"))
		zj_die("%s:%lu: bad domain name '%s'", path, no, name);
	if (lx->ndomains == MAXDOMAINS)
		zj_die("%s:%lu: more than %d domains", path, no, MAXDOMAINS);
	lx->domain[lx->ndomains] = zj_strdup(name);
	return lx->ndomains++;
}

/* A bad pattern is reported with its line, before it joins the others. */
static void check_pattern(const char *pat, size_t n, const char *path, unsigned long no)
{
	pcre2_code_free(zj_regex_need(pat, n, 0, path, no));
}

static void add_row(char **f, int nf, const char *path, unsigned long no, void *ctx)
{
	struct lexicon *lx = ctx;
	struct term *t;
	char *end;
	size_t len;

	if (nf != 3)
		zj_die("%s:%lu: want DOMAIN<TAB>WEIGHT<TAB>TERM", path, no);
	if (lx->nterms == lx->termcap) {
		lx->termcap = lx->termcap ? 2 * lx->termcap : 256;
		lx->term = zj_realloc(lx->term, lx->termcap * sizeof *lx->term);
	}
	t = &lx->term[lx->nterms];
	t->weight = strtod(f[1], &end);
	if (end == f[1] || *end)
		zj_die("%s:%lu: bad weight '%s'", path, no, f[1]);
	len = strlen(f[2]);
	t->pattern = len > 2 && f[2][0] == '/' && f[2][len - 1] == '/';
	if (!len || (f[2][0] == '/' && !t->pattern))
		zj_die("%s:%lu: empty term", path, no);
	if (t->pattern)
		check_pattern(f[2] + 1, len - 2, path, no);
	t->text = zj_strdup(f[2]);
	t->len = len;
	t->domain = add_domain(lx, f[0], path, no);
	t->same = -1;
	lx->nterms++;
}

static int new_state(struct lexicon *lx)
{
	if (lx->nstates == lx->statecap) {
		lx->statecap = lx->statecap ? 2 * lx->statecap : 1024;
		lx->next = zj_realloc(lx->next, lx->statecap * 256 * sizeof *lx->next);
		lx->out = zj_realloc(lx->out, lx->statecap * sizeof *lx->out);
		lx->fail = zj_realloc(lx->fail, lx->statecap * sizeof *lx->fail);
	}
	memset(lx->next + lx->nstates * 256, 0xff, 256 * sizeof *lx->next);
	lx->out[lx->nstates] = -1;
	lx->fail[lx->nstates] = 0;
	return lx->nstates++;
}

static void insert_term(struct lexicon *lx, int i)
{
	const unsigned char *s = (const unsigned char *)lx->term[i].text;
	int st = 0, *o;

	for (size_t k = 0; k < lx->term[i].len; k++) {
		int *slot = &lx->next[st * 256 + s[k]];
		if (*slot < 0) {
			int ns = new_state(lx);  /* may move lx->next */
			slot = &lx->next[st * 256 + s[k]];
			*slot = ns;
		}
		st = *slot;
	}
	for (o = &lx->out[st]; *o >= 0; o = &lx->term[*o].same)
		;
	*o = i;
}

/* Breadth first: fill the missing transitions from the failure links and
 * let each state report the longest term that ends in it. */
static void link_states(struct lexicon *lx)
{
	int *queue = zj_malloc(lx->nstates * sizeof *queue), head = 0, tail = 0;

	for (int c = 0; c < 256; c++) {
		int t = lx->next[c];
		if (t < 0)
			lx->next[c] = 0;
		else
			queue[tail++] = t;
	}
	while (head < tail) {
		int s = queue[head++];
		for (int c = 0; c < 256; c++) {
			int t = lx->next[s * 256 + c], f = lx->next[lx->fail[s] * 256 + c];
			if (t < 0) {
				lx->next[s * 256 + c] = f;
				continue;
			}
			lx->fail[t] = f;
			if (lx->out[t] < 0)
				lx->out[t] = lx->out[f];
			queue[tail++] = t;
		}
	}
	free(queue);
}

static void compile_patterns(struct lexicon *lx, const char *path)
{
	char *alt = NULL, mark[32];
	size_t n = 0, cap = 0, jitsize = 0;

	for (int i = 0; i < lx->nterms; i++) {
		const struct term *t = &lx->term[i];
		size_t need;
		if (!t->pattern)
			continue;
		snprintf(mark, sizeof mark, ")(*:%d)", i);
		need = n + t->len + strlen(mark) + 8;
		if (need > cap)
			alt = zj_realloc(alt, cap = 2 * need);
		n += sprintf(alt + n, "%s(?:%.*s%s", n ? "|" : "", (int)t->len - 2, t->text + 1, mark);
	}
	if (!alt)
		return;
	lx->re = zj_regex_need(alt, n, PCRE2_NO_UTF_CHECK, path, 0);
	lx->jit = pcre2_pattern_info(lx->re, PCRE2_INFO_JITSIZE, &jitsize) == 0 && jitsize > 0;
	lx->md = pcre2_match_data_create_from_pattern(lx->re, NULL);
	free(alt);
}

struct lexicon *lexicon_load(const char *path)
{
	struct lexicon *lx = zj_malloc(sizeof *lx);

	memset(lx, 0, sizeof *lx);
	zj_tsv_load(path, add_row, lx);
	if (!lx->nterms)
		zj_die("%s: no terms", path);
	new_state(lx);
	for (int i = 0; i < lx->nterms; i++)
		if (!lx->term[i].pattern)
			insert_term(lx, i);
	link_states(lx);
	compile_patterns(lx, path);
	return lx;
}

void lexicon_free(struct lexicon *lx)
{
	for (int i = 0; i < lx->ndomains; i++)
		free(lx->domain[i]);
	for (int i = 0; i < lx->nterms; i++)
		free(lx->term[i].text);
	free(lx->term);
	free(lx->next);
	free(lx->out);
	free(lx->fail);
	pcre2_match_data_free(lx->md);
	pcre2_code_free(lx->re);
	free(lx);
}

int lexicon_ndomains(const struct lexicon *lx) { return lx->ndomains; }
const char *lexicon_domain(const struct lexicon *lx, int d) { return lx->domain[d]; }
const char *lexicon_term(const struct lexicon *lx, int t) { return lx->term[t].text; }
int lexicon_term_domain(const struct lexicon *lx, int t) { return lx->term[t].domain; }

static int match(const struct lexicon *lx, const char *s, size_t n, size_t at)
{
	if (lx->jit)
		return pcre2_jit_match(lx->re, (PCRE2_SPTR)s, n, at, 0, lx->md, NULL);
	return pcre2_match(lx->re, (PCRE2_SPTR)s, n, at, PCRE2_NO_UTF_CHECK, lx->md, NULL);
}

struct found {
	int term;               /* first of the terms with this text, or -1 */
	size_t start, end;
};

static void count(const struct lexicon *lx, const struct found *m, double *score,
                  lexicon_hitfn *hit, void *ctx)
{
	for (int t = m->term; t >= 0; t = lx->term[t].same) {
		score[lx->term[t].domain] += lx->term[t].weight;
		if (hit)
			hit(t, ctx);
	}
}

/* Plain terms, longest first where they overlap: a match waits in `held`
 * until one that starts after it ends shows it is not inside a longer one.
 * On the way it tells whether the text is surely valid UTF-8: well formed,
 * and no lead byte (E0 ED F0 F4) that could start an overlong, surrogate
 * or too large sequence; returns 0 when it is not sure. */
static int scan_terms(const struct lexicon *lx, const unsigned char *s, size_t n,
                      double *score, lexicon_hitfn *hit, void *ctx)
{
	const int *next = lx->next, *out = lx->out;
	struct found held = { -1, 0, 0 };
	int st = 0, sure = 1, follow = 0;

	for (size_t i = 0; i < n; i++) {
		int t;
		if (follow)
			sure &= (s[i] & 0xc0) == 0x80, follow--;
		else if (s[i] >= 0x80)
			follow = s[i] >= 0xf0 ? 3 : s[i] >= 0xe0 ? 2 : 1,
			sure &= s[i] >= 0xc2 && s[i] <= 0xf3 && s[i] != 0xe0 && s[i] != 0xed && s[i] != 0xf0;
		st = next[st * 256 + s[i]];
		if ((t = out[st]) < 0)
			continue;
		struct found m = { t, i + 1 - lx->term[t].len, i + 1 };
		if (held.term >= 0 && m.start <= held.start) {
			held = m;               /* covers the held one */
		} else if (held.term < 0 || m.start >= held.end) {
			if (held.term >= 0)
				count(lx, &held, score, hit, ctx);
			held = m;
		}                               /* else it straddles: drop it */
	}
	if (held.term >= 0)
		count(lx, &held, score, hit, ctx);
	return sure && !follow;
}

/* The subject is valid UTF-8 here (lexicon_scan sees to it), so the JIT
 * code is called straight, without PCRE2's checks. */
static void scan_patterns(const struct lexicon *lx, const char *s, size_t n,
                          double *score, lexicon_hitfn *hit, void *ctx)
{
	PCRE2_SIZE at = 0, *ov = pcre2_get_ovector_pointer(lx->md);

	while (at <= n && match(lx, s, n, at) > 0) {
		struct found m = { atoi((const char *)pcre2_get_mark(lx->md)), ov[0], ov[1] };
		count(lx, &m, score, hit, ctx);
		at = ov[1] > ov[0] ? ov[1] : ov[1] + 1;
		while (at < n && ((unsigned char)s[at] & 0xc0) == 0x80)
			at++;
	}
}

void lexicon_scan(const struct lexicon *lx, const char *text, size_t n,
                  double *score, lexicon_hitfn *hit, void *ctx)
{
	int sure = scan_terms(lx, (const unsigned char *)text, n, score, hit, ctx);

	if (!lx->re)
		return;
	if (!sure && zj_utf8_invalid(text, n)) {
		size_t fixedlen;
		char *fixed = zj_utf8_repair(text, n, &fixedlen);
		scan_patterns(lx, fixed, fixedlen, score, hit, ctx);
		free(fixed);
	} else {
		scan_patterns(lx, text, n, score, hit, ctx);
	}
}
