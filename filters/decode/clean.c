/* Boilerplate and page markers.
 *
 * Boilerplate rules (PCRE2, from boilerplate.tsv and --rules) come in
 * three kinds: `line` drops a short line the pattern matches, `cut` removes
 * the matched text wherever it is, `tail` drops the line and everything
 * after it when what follows is no more than a page footer.
 *
 * Page markers (`N、` at the start of each page of a document-sharing
 * site) are told from list markers by evidence, not by cases: the page
 * chain numbers 1, 2, 3 … through the document, its links are far apart,
 * and most of them cut a sentence (the line before ends without a
 * sentence's final punctuation).
 */
#include "regex.h"
#include <stdlib.h>
#include <string.h>

#include "zj.h"
#include "decode.h"

#define LINE_RULE_MAX 600       /* bytes (200 Han characters): longer lines are text, not site furniture */
#define TAIL_MAX 3000           /* characters a footer may hold (3 bytes each) */
#define PAGE_MIN_GAP 360        /* bytes (120 Han characters) between two page markers at least */

/* The rules of each kind that need no gated word, in one alternation;
 * the gated ones one by one, tried only on text that holds their words. */
enum { LINE, CUT, TAIL, NKIND };
static const char *const kind_name[NKIND] = { "line", "cut", "tail" };

/* A pattern, and a byte every match holds (-1: none known), sought first. */
struct rule {
	pcre2_code *re;
	int need;
};

static struct buf alt[NKIND];
static struct rule ungated[NKIND];
static struct {
	int kind;
	struct rule rule;
} gated[GATE_RULES];
static unsigned ngated;
static pcre2_match_data *md;

static pcre2_code *compile(const char *p, size_t n, const char *path, unsigned long lineno)
{
	return zj_regex_need(p, n, PCRE2_UCP, path, lineno);
}

static void add_rule(char **f, int nf, const char *path, unsigned long lineno, void *ctx)
{
	pcre2_code *re;
	int k;

	(void)ctx;
	for (k = 0; k < NKIND && (nf < 2 || strcmp(f[0], kind_name[k])); k++)
		;
	if (k == NKIND)
		zj_die("%s:%lu: want KIND<TAB>PATTERN, KIND line, cut or tail", path, lineno);
	re = compile(f[1], PCRE2_ZERO_TERMINATED, path, lineno);
	if (ngated < GATE_RULES && gate_add(f[1], ngated)) {
		gated[ngated].kind = k;
		gated[ngated++].rule = (struct rule){ re, zj_regex_required_byte(re) };
		return;
	}
	pcre2_code_free(re);
	if (alt[k].len)
		buf_addc(&alt[k], '|');
	buf_add(&alt[k], "(?:", 3);
	buf_add(&alt[k], f[1], strlen(f[1]));
	buf_addc(&alt[k], ')');
}

void clean_init(const struct options *o)
{
	char *path = zj_data_path("boilerplate.tsv");
	int k;

	zj_tsv_load(path, add_rule, NULL);
	free(path);
	if (o->rules)
		zj_tsv_load(o->rules, add_rule, NULL);
	for (k = 0; k < NKIND; k++)
		if (alt[k].len) {
			ungated[k].re = compile(alt[k].p, alt[k].len, "boilerplate rules", 0);
			ungated[k].need = zj_regex_required_byte(ungated[k].re);
			free(alt[k].p);
		}
	md = pcre2_match_data_create(1, NULL);
}

static int match_re(const struct rule *r, const char *s, size_t n, size_t from, size_t *start, size_t *end)
{
	PCRE2_SIZE *ov;

	if (!r->re || (r->need >= 0 && !memchr(s + from, r->need, n - from)) ||
	    pcre2_match(r->re, (PCRE2_SPTR)s, n, from, PCRE2_NO_UTF_CHECK, md, NULL) < 0)
		return 0;
	ov = pcre2_get_ovector_pointer(md);
	*start = ov[0];
	*end = ov[1];
	return 1;
}

/* The first match in s[from..n) of a rule of the kind: the ungated ones,
 * and the gated ones in set (the rules whose words the text holds). */
static int match(int kind, const char *s, size_t n, size_t from, const struct gate_set *set, size_t *start,
                 size_t *end)
{
	int found = match_re(&ungated[kind], s, n, from, start, end);
	unsigned id;
	size_t a, b;

	size_t w;

	for (w = 0; w < GATE_RULES / 64; w++)
		for (uint64_t bits = set->w[w]; bits; bits &= bits - 1) {
			id = (unsigned)(w * 64 + (size_t)__builtin_ctzll(bits));
			if (gated[id].kind != kind || !match_re(&gated[id].rule, s, n, from, &a, &b) ||
			    (found && a >= *start))
				continue;
			*start = a;
			*end = b;
			found = 1;
			if (kind != CUT)
				return 1;
		}
	return found;
}

/* ---- lines ---- */

struct line {
	size_t start, len;      /* in the document's clean buffer */
	int marker;             /* N of a leading `N、`, else 0 */
	size_t mlen;            /* bytes of that marker */
	int page;               /* the marker is a page marker */
};

struct doc_lines {
	struct line *v;
	size_t n, cap;
};

/* memmove for text shrinking in place: most of it does not move at all. */
static void move_text(char *to, const char *from, size_t n)
{
	if (to != from)
		memmove(to, from, n);
}

/* Remove the `cut` matches of the line s[0..n) (set: the gated rules it
 * may match), writing what is left at out (out <= s: the text shrinks in
 * place). The matches are all found
 * before anything moves. Returns the length left; *cuts counts them. */
static size_t cut_line(char *out, const char *s, size_t n, const struct gate_set *set, unsigned long *cuts)
{
	static size_t *span, cap;
	size_t from = 0, k = 0, a, b, i, w = 0;

	while (from < n && match(CUT, s, n, from, set, &a, &b) && b > a) {
		span = zj_grow(span, k + 1, &cap, sizeof *span);
		span[k++] = a;
		span[k++] = b;
		from = b;
	}
	*cuts += k / 2;
	for (i = 0, from = 0; i <= k; i += 2) {
		size_t end = i < k ? span[i] : n;

		move_text(out + w, s + from, end - from);
		w += end - from;
		from = i < k ? span[i + 1] : n;
	}
	return w;
}

/* The line out[0..*len) without its leading and trailing blanks. */
static void trim(char *out, size_t *len)
{
	size_t start = 0;

	while (start < *len && out[start] == ' ')
		start++;
	while (*len > start && out[*len - 1] == ' ')
		(*len)--;
	move_text(out, out + start, *len - start);
	*len -= start;
}

/* A leading `N、`: its number, and its length in *mlen. */
static int list_marker(const char *s, size_t n, size_t *mlen)
{
	size_t i = 0;
	int v = 0;

	while (i < n && i < 3 && s[i] >= '0' && s[i] <= '9')
		v = v * 10 + s[i++] - '0';
	if (!i || n - i < 3 || memcmp(s + i, "、", 3) || v == 0)
		return 0;
	*mlen = i + 3;
	return v;
}

/* Site furniture is short: a line of at most LINE_RULE_MAX bytes. */
static int short_line(size_t n)
{
	return n <= LINE_RULE_MAX;
}

/* ---- page markers ---- */

/* Does the text end where a sentence may end? */
static int ends_sentence(const char *s, size_t n)
{
	static const char *const finals[] = { "。", "！", "？", "；", "：", "…", "”", "’", "」", "』", "!", "?", ";", ":" };
	size_t i;

	for (i = 0; i < sizeof finals / sizeof *finals; i++) {
		size_t k = strlen(finals[i]);

		if (n >= k && !memcmp(s + n - k, finals[i], k))
			return 1;
	}
	return 0;
}

/* Text that can only continue what came before: punctuation, or digits
 * after a digit or a decimal point. */
static int continues(const char *prev, size_t pn, const char *s, size_t n)
{
	static const char *const heads[] = { "。", "，", "、", "；", "：", "）", "”", ",", ".", ";", ":", "%", ")" };
	size_t i;
	char last = pn ? prev[pn - 1] : 0;

	for (i = 0; i < sizeof heads / sizeof *heads; i++)
		if (n >= strlen(heads[i]) && !memcmp(s, heads[i], strlen(heads[i])))
			return 1;
	return n && s[0] >= '0' && s[0] <= '9' && ((last >= '0' && last <= '9') || last == '.');
}

/* How strongly a marker looks like a page break: 3 a sentence cut in a
 * long line or text that can only continue it, 1 a short line ending
 * without final punctuation, -2 a clean sentence end. */
static int cut_evidence(const char *text, const struct line *prev, const struct line *l)
{
	const char *p = text + prev->start, *s = text + l->start + l->mlen;
	size_t n = l->len - l->mlen;

	if (continues(p, prev->len, s, n))
		return 3;
	if (ends_sentence(p, prev->len))
		return -2;
	return utf8_chars(p, prev->len) >= 40 ? 3 : 1;
}

/* Does the chain ending with marker k span at least PAGE_SPAN of the text? */
#define PAGE_SPAN 0.4
static int spans_document(const struct doc_lines *d, const size_t *at, const size_t *from, size_t k)
{
	size_t first = k, total;
	const struct line *end = &d->v[d->n - 1];

	while (from[first] != (size_t)-1)
		first = from[first];
	total = end->start + end->len;
	return d->v[at[k]].start - d->v[at[first]].start >= PAGE_SPAN * (double)total;
}

/* Mark the page markers: the best-scoring chain 1, 2, 3 … of line markers
 * (dynamic programming over the markers in order; a link looks back over
 * the last LOOKBACK markers only, so a document of lists stays linear). */
#define LOOKBACK 256
static void find_pages(const char *text, struct doc_lines *d)
{
	size_t i, k, m = 0, best_end = (size_t)-1;
	size_t *at = zj_malloc((d->n + 1) * sizeof *at), *from, *len;
	long *score, best = 0;

	for (i = 0; i < d->n; i++)
		if (d->v[i].marker)
			at[m++] = i;
	score = zj_malloc((m + 1) * sizeof *score);
	from = zj_malloc((m + 1) * sizeof *from);
	len = zj_malloc((m + 1) * sizeof *len);
	for (k = 0; k < m; k++) {
		const struct line *l = &d->v[at[k]];
		long evidence = at[k] ? cut_evidence(text, &d->v[at[k] - 1], l) : 0;
		size_t j;

		/* page 1 starts the body: a 1 among the first lines is likelier it */
		score[k] = l->marker == 1 && at[k] < 3;
		from[k] = (size_t)-1;
		len[k] = l->marker == 1;
		for (j = k; j-- > 0 && k - j <= LOOKBACK;) {
			const struct line *p = &d->v[at[j]];
			long s;

			if (p->marker != l->marker - 1 || !len[j])
				continue;
			s = score[j] + evidence - (l->start - p->start < PAGE_MIN_GAP ? 4 : 0);
			if (from[k] == (size_t)-1 || s > score[k]) {
				score[k] = s;
				from[k] = j;
				len[k] = len[j] + 1;
			}
		}
		if (len[k] >= 2 && score[k] >= 3 && score[k] > best) {
			best = score[k];
			best_end = k;
		}
	}
	/* a chain is kept when its links are evident on the whole and it runs
	 * through the document, as pages do (a list stays under its heading) */
	if (best_end != (size_t)-1 && best * 2 >= (long)len[best_end] * 3 - 3 &&
	    spans_document(d, at, from, best_end))
		for (k = best_end; k != (size_t)-1; k = from[k])
			d->v[at[k]].page = 1;
	free(at);
	free(score);
	free(from);
	free(len);
}

/* ---- the document ---- */

/* Index a kept line, s[start..start + len), in d. */
static void index_line(const char *s, size_t start, size_t len, struct doc_lines *d)
{
	struct line *l;

	d->v = zj_grow(d->v, d->n, &d->cap, sizeof *d->v);
	l = &d->v[d->n++];
	l->start = start;
	l->len = len;
	l->page = 0;
	l->marker = list_marker(s + start, len, &l->mlen);
}

/* Remove boilerplate line by line, in place; blank lines go too. The lines
 * kept are indexed in d as they are written; *dropped counts what was
 * removed. */
static void drop_boilerplate(char *s, size_t n, unsigned long *dropped, struct doc_lines *d,
                             const struct line_gates *gates)
{
	size_t line = 0, next_gate = 0, pos = 0, w = 0, tail_max = n / 5 > 3 * TAIL_MAX ? n / 5 : 3 * TAIL_MAX;   /* bytes */

	d->n = 0;
	while (pos < n) {
		const char *nl = memchr(s + pos, '\n', n - pos);
		size_t end = nl ? (size_t)(nl - s) : n, len = end - pos, a, b;
		int is_short = len && short_line(len);
		struct gate_set set;

		if (!gates)
			gate_scan(s + pos, len, &set);
		else if (next_gate < gates->n && gates->v[next_gate].line == line)
			set = gates->v[next_gate++].set;
		else
			memset(&set, 0, sizeof set);
		line++;
		if (is_short && match(LINE, s + pos, len, 0, &set, &a, &b)) {
			(*dropped)++;
		} else if (is_short && n - pos <= tail_max && match(TAIL, s + pos, len, 0, &set, &a, &b)) {
			(*dropped)++;
			break;
		} else if (len) {
			size_t l = cut_line(s + w, s + pos, len, &set, dropped);

			trim(s + w, &l);
			if (l) {
				index_line(s, w, l, d);
				w += l;
				s[w++] = '\n';
			}
		}
		pos = end + 1;
	}
}

size_t clean_text(char *s, size_t n, unsigned long *dropped, const struct line_gates *gates)
{
	static struct doc_lines d;
	size_t i, w = 0;

	drop_boilerplate(s, n, dropped, &d, gates);
	find_pages(s, &d);
	for (i = 0; i < d.n; i++) {
		const struct line *l = &d.v[i];
		size_t skip = l->page ? l->mlen : 0;

		if (l->page) {
			(*dropped)++;
			/* a page break inside a sentence re-joins it (the text
			 * before the newline is the previous line's end) */
			if (l->marker > 1 && w && !ends_sentence(s, w - 1))
				w--;
		}
		move_text(s + w, s + l->start + skip, l->len - skip);
		w += l->len - skip;
		if (l->len > skip)
			s[w++] = '\n';
	}
	if (w && s[w - 1] == '\n')
		w--;
	s[w] = '\0';
	return w;
}
