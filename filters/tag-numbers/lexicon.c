/* Word tables: longest match of a data file's words at a point of a text. */
#include <string.h>

#include "zj.h"
#include "tagnum.h"

static unsigned bucket(uint32_t cp)
{
	return (cp * 2654435761u) >> 22 & (LEX_BUCKETS - 1);
}

static uint32_t first_cp(const char *s, size_t n)
{
	uint32_t cp;

	char_at(s, n, 0, &cp);
	return cp;
}

/* Insert w into a chain kept longest first, so the first match is the longest. */
static void insert(struct word **head, struct word *w, int by_end)
{
	struct word **pp = head;

	while (*pp && (*pp)->len > w->len)
		pp = by_end ? &(*pp)->next_end : &(*pp)->next;
	if (by_end) {
		w->next_end = *pp;
	} else {
		w->next = *pp;
	}
	*pp = w;
}

static void mark(uint8_t *bits, uint32_t cp)
{
	if (cp < 0x10000)
		bits[cp >> 3] |= 1 << (cp & 7);
}

static int marked(const uint8_t *bits, uint32_t cp)
{
	return cp >= 0x10000 || bits[cp >> 3] & 1 << (cp & 7);
}

/* memcmp for the few bytes of a word, without a call per candidate. */
static int same(const char *a, const char *b, size_t n)
{
	while (n--)
		if (*a++ != *b++)
			return 0;
	return 1;
}

void lex_add(struct lexicon *lx, const char *text, const char *a, const char *b)
{
	struct word *w = zj_malloc(sizeof *w);
	uint32_t cp = first_cp(text, strlen(text));

	w->text = zj_strdup(text);
	w->len = strlen(text);
	w->a = zj_strdup(a ? a : "");
	w->b = zj_strdup(b ? b : "");
	w->several_roles = strchr(w->a, ',') != NULL;
	w->next = w->next_end = NULL;
	insert(&lx->by_first[bucket(cp)], w, 0);
	insert(&lx->by_last[bucket(char_before(text, w->len))], w, 1);
	mark(lx->starts, cp);
	mark(lx->ends, char_before(text, w->len));
}

static void add_row(char **f, int nf, const char *path, unsigned long lineno, void *ctx)
{
	if (!*f[0])
		zj_die("%s:%lu: empty word", path, lineno);
	lex_add(ctx, f[0], nf > 1 ? f[1] : "", nf > 2 ? f[2] : "");
}

void lex_load(struct lexicon *lx, const char *path)
{
	zj_tsv_load(path, add_row, lx);
}

int lex_may_start(const struct lexicon *lx, uint32_t cp)
{
	return marked(lx->starts, cp);
}

const struct word *lex_prefix(const struct lexicon *lx, const char *s, size_t n)
{
	const struct word *w;
	uint32_t cp;

	if (!n || !marked(lx->starts, cp = first_cp(s, n)))
		return NULL;
	for (w = lx->by_first[bucket(cp)]; w; w = w->next)
		if (w->len <= n && same(w->text, s, w->len))
			return w;
	return NULL;
}

const struct word *lex_suffix(const struct lexicon *lx, const char *s, size_t p)
{
	const struct word *w;
	uint32_t cp;

	if (!p || !marked(lx->ends, cp = char_before(s, p)))
		return NULL;
	for (w = lx->by_last[bucket(cp)]; w; w = w->next_end)
		if (w->len <= p && same(w->text, s + p - w->len, w->len))
			return w;
	return NULL;
}
