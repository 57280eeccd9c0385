/* The kind words: rows "KIND<TAB>SCOPE<TAB>PATTERN". PATTERN is a PCRE2
 * pattern (a plain word matches itself). SCOPE "any" applies to every
 * heading; "top" only to a heading with no parent to inherit from, for
 * words that inside a section are more often content than a kind
 * ("问题" in "关注热点难点问题"); "default" names, without a pattern,
 * the kind of a top-level heading that names none.
 *
 * The rows make two alternations, one of all of them (for top-level
 * headings) and one of the "any" rows; each alternative ends in a (*MARK)
 * naming its row. PCRE2 finds the leftmost match, and at one place the
 * first row listed: the word that comes first in the heading wins. */
#include "regex.h"
#include <stdlib.h>
#include <string.h>

#include "zj.h"
#include "kind.h"

#define MAXKINDS 32

struct kindword {
	char *pattern;
	int kind, top;
};

struct kinds {
	char *name[MAXKINDS];
	int nnames, deflt;
	struct kindword *word;
	int nwords, cap;
	pcre2_code *all, *any;  /* the alternations */
	pcre2_match_data *md;
};

static int kind_index(struct kinds *k, const char *name, const char *path, unsigned long no)
{
	for (int i = 0; i < k->nnames; i++)
		if (!strcmp(k->name[i], name))
			return i;
	if (!*name || k->nnames == MAXKINDS)
		zj_die("%s:%lu: bad kind '%s'", path, no, name);
	k->name[k->nnames] = zj_strdup(name);
	return k->nnames++;
}

/* Compile pat; a bad one is an error that names where it came from. */
static pcre2_code *compile(const char *pat, const char *path, unsigned long no)
{
	return zj_regex_need(pat, PCRE2_ZERO_TERMINATED, 0, path, no);
}

static void add_row(char **f, int nf, const char *path, unsigned long no, void *ctx)
{
	struct kinds *k = ctx;
	struct kindword *w;

	if (nf == 2 && !strcmp(f[1], "default")) {
		k->deflt = kind_index(k, f[0], path, no);
		return;
	}
	if (nf != 3 || (strcmp(f[1], "any") && strcmp(f[1], "top")) || !*f[2])
		zj_die("%s:%lu: want KIND<TAB>any|top<TAB>PATTERN or KIND<TAB>default", path, no);
	pcre2_code_free(compile(f[2], path, no));       /* to report it here */
	if (k->nwords == k->cap) {
		k->cap = k->cap ? 2 * k->cap : 64;
		k->word = zj_realloc(k->word, k->cap * sizeof *k->word);
	}
	w = &k->word[k->nwords++];
	w->kind = kind_index(k, f[0], path, no);
	w->top = !strcmp(f[1], "top");
	w->pattern = zj_strdup(f[2]);
}

/* The alternation of the rows (those of scope "any" only, unless top), or
 * NULL when there are none. */
static pcre2_code *alternation(const struct kinds *k, int top, const char *path)
{
	char *alt = NULL;
	size_t n = 0, cap = 0;
	pcre2_code *re;

	for (int i = 0; i < k->nwords; i++) {
		const struct kindword *w = &k->word[i];
		size_t need = n + strlen(w->pattern) + 32;
		if (w->top && !top)
			continue;
		if (need > cap)
			alt = zj_realloc(alt, cap = 2 * need);
		n += sprintf(alt + n, "%s(?:%s)(*:%d)", n ? "|" : "", w->pattern, i);
	}
	if (!alt)
		return NULL;
	re = compile(alt, path, 0);
	free(alt);
	return re;
}

struct kinds *kinds_load(const char *path)
{
	struct kinds *k = zj_malloc(sizeof *k);

	memset(k, 0, sizeof *k);
	k->deflt = -1;
	zj_tsv_load(path, add_row, k);
	if (k->deflt < 0)
		zj_die("%s: no default kind (a row KIND<TAB>default)", path);
	k->all = alternation(k, 1, path);
	k->any = alternation(k, 0, path);
	k->md = pcre2_match_data_create(1, NULL);
	return k;
}

void kinds_free(struct kinds *k)
{
	for (int i = 0; i < k->nnames; i++)
		free(k->name[i]);
	for (int i = 0; i < k->nwords; i++)
		free(k->word[i].pattern);
	free(k->word);
	pcre2_code_free(k->all);
	pcre2_code_free(k->any);
	pcre2_match_data_free(k->md);
	free(k);
}

const char *kinds_name(const struct kinds *k, int kind) { return k->name[kind]; }
int kinds_default(const struct kinds *k) { return k->deflt; }

int kinds_of(const struct kinds *k, const char *title, size_t n, int top)
{
	pcre2_code *re = top ? k->all : k->any;
	int rc, kind;

	if (!re)
		return -1;
	rc = pcre2_match(re, (PCRE2_SPTR)title, n, 0, 0, k->md, NULL);
	if (rc <= PCRE2_ERROR_UTF8_ERR1 && rc >= PCRE2_ERROR_UTF8_ERR21) {
		size_t fixedlen;
		char *fixed = zj_utf8_repair(title, n, &fixedlen);
		kind = kinds_of(k, fixed, fixedlen, top);
		free(fixed);
		return kind;
	}
	return rc > 0 ? k->word[atoi((const char *)pcre2_get_mark(k->md))].kind : -1;
}
