/* Which markers are headings, and at what level.
 *
 * A marker is looked for only where a heading can begin: at the start of a
 * line, after a space, or after a sentence's end or a colon (scraped text
 * often runs several headings into one line); not after ；, which parts the
 * items of a list inside a sentence (措施：（1）…；（2）…). A marker is a heading when
 * its ordinal starts or continues the sequence of its family; the level of
 * a family is where it first opens under the headings still open, so a
 * document that starts at （一） or skips a level gets its own tree. */
#include <stdlib.h>
#include <string.h>

#include "zj.h"
#include "segment.h"

#define SKIP_REACH 2            /* 一、 may be followed by 三、 at a line start */
#define SIBLING_REACH 256       /* markers looked ahead for a new family's second */

/* The length of the boundary character at t[i] (a space, 。！？：), or 0. */
static size_t boundary_len(const char *t, size_t n, size_t i)
{
	const unsigned char *u = (const unsigned char *)t + i;

	if (u[0] < 0x80)
		return u[0] <= '!' || u[0] == ':' || u[0] == '?';
	if (u[0] == 0xC2)
		return i + 1 < n && u[1] == 0xA0 ? 2 : 0;
	if (i + 2 >= n)
		return 0;
	if (u[0] == 0xE3)
		return u[1] == 0x80 && (u[2] == 0x80 || u[2] == 0x82) ? 3 : 0;
	return u[1] == 0xBC && (u[2] == 0x81 || u[2] == 0x9F || u[2] == 0x9A) ? 3 : 0;
}

#ifdef __SSE2__
/* Sixteen positions at a time: a bit for each one where boundary_len may
 * be more than 0. Most text has none, and commas do not stop the scan. */
static int boundary_mask(const char *p)
{
	__m128i x0 = _mm_loadu_si128((const __m128i *)p);
	__m128i x1 = _mm_loadu_si128((const __m128i *)(p + 1));
	__m128i x2 = _mm_loadu_si128((const __m128i *)(p + 2));
	__m128i bang = _mm_set1_epi8('!');
	__m128i ascii = OR3(_mm_cmpeq_epi8(_mm_max_epu8(x0, bang), bang), EQ(x0, ':'), EQ(x0, '?'));
	__m128i nbsp = _mm_and_si128(EQ(x0, 0xC2), EQ(x1, 0xA0));
	__m128i ideo = AND3(EQ(x0, 0xE3), EQ(x1, 0x80),  /* U+3000 。 */
	                    EQ(_mm_and_si128(x2, _mm_set1_epi8((char)0xFD)), 0x80));
	__m128i full = AND3(EQ(x0, 0xEF), EQ(x1, 0xBC), OR3(EQ(x2, 0x81), EQ(x2, 0x9F), EQ(x2, 0x9A)));  /* ！？： */

	return _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(ascii, nbsp), _mm_or_si128(ideo, full)));
}
#endif

/* The next position from i on that may be a boundary character, or n. */
static size_t next_boundary(const char *t, size_t n, size_t i)
{
#ifdef __SSE2__
	for (int mask; i + 18 <= n; i += 16)
		if ((mask = boundary_mask(t + i)))
			return i + (size_t)__builtin_ctz((unsigned)mask);
#endif
	while (i < n && !boundary_len(t, n, i))
		i++;
	return i;
}

static void push_marker(struct marker **out, size_t *nm, size_t *cap, const struct marker *m)
{
	*out = zj_grow(*out, *nm, cap, sizeof **out);
	(*out)[(*nm)++] = *m;
}

size_t find_markers(const char *t, size_t n, struct marker **out, size_t *cap)
{
	size_t i = 0, nm = 0, len;
	int boundary = 1, line_start = 1;
	struct marker m;

	while (i < n) {
		if (boundary) {
			i = skip_spaces(t, n, i);
			if (i < n && t[i] != '\n' && marker_at(t, n, i, &m)) {
				m.line_start = line_start;
				push_marker(out, &nm, cap, &m);
				i = m.title;
			}
			boundary = line_start = 0;
			continue;
		}
		if ((i = next_boundary(t, n, i)) >= n)
			break;
		if ((len = boundary_len(t, n, i))) {
			boundary = 1;
			line_start = t[i] == '\n';
			i += len;
		} else {
			i++;
		}
	}
	return nm;
}

struct open {                   /* an open heading, on the stack of levels */
	int family, ord, pos;
};

static int on_stack(const struct open *stack, int depth, int family)
{
	for (int k = depth - 1; k >= 0; k--)
		if (stack[k].family == family)
			return k;
	return -1;
}

/* m is the next of the open heading stack[k]: one on, a small skip at a
 * line start, or the same ordinal again at a line start after a subtree
 * (sources repeat 二、; a 一、二年级 right after 一、 is text). */
static int continues(const struct open *stack, int depth, int k, const struct marker *m)
{
	if (m->ord > stack[k].ord)
		return m->ord - stack[k].ord <= (m->line_start ? SKIP_REACH : 1);
	return m->line_start && m->ord == stack[k].ord && depth > k + 1;
}

/* A family not seen before opens a level only if its next ordinal follows
 * before the headings above it go on, and before the family starts over
 * under other markers: a lone （一） is a list item, and so is the first 1.
 * of 1.…一、…（一）…1.…2. */
static int has_sibling(const struct marker *m, size_t i, size_t nm,
                       const struct open *stack, int depth)
{
	size_t end = nm - i > SIBLING_REACH ? i + SIBLING_REACH : nm;
	int others = 0;         /* markers of other families came between */

	for (size_t j = i + 1; j < end; j++) {
		int k = on_stack(stack, depth, m[j].family);

		if (m[j].family == m[i].family) {
			if (m[j].ord > m[i].ord && m[j].ord - m[i].ord <= SKIP_REACH)
				return 1;
			if (m[j].ord <= m[i].ord && others)     /* it starts over under them */
				return 0;
			continue;
		}
		if (k >= 0 && continues(stack, depth, k, &m[j]))
			return 0;
		others = 1;
	}
	return 0;
}

/* Whether m[i] starts the open family stack[k] over: a second list of
 * 一、二、 (a report's plan after its review) begins at a line, after a
 * first list of two or more, with its 2 to come. */
static int restarts(const struct marker *m, size_t i, size_t nm,
                    const struct open *stack, int depth, int k)
{
	return m[i].ord == 1 && stack[k].ord > 1 && m[i].line_start && has_sibling(m, i, nm, stack, depth);
}

/* Whether m[i] opens a new level under the open headings. */
static int opens_level(const struct marker *m, size_t i, size_t nm,
                       const struct open *stack, int depth, uint64_t known)
{
	if (depth == MAXLEVEL)
		return 0;
	if (known >> m[i].family & 1)
		return m[i].ord == 1 || (m[i].line_start && m[i].ord <= 1 + SKIP_REACH);
	return m[i].ord == 1 && has_sibling(m, i, nm, stack, depth);
}

static void title_span(const char *t, size_t lim, struct heading *h)
{
	size_t end = sentence_end(t, h->m.title, lim, 1), len;

	h->title_end = title_end(t, h->m.title, end);
	h->body = end;
	if (end < lim && t[end] != '\n' && !is_space_at(t, lim, end, &len)) {
		uint32_t cp;
		h->body += (size_t)zj_utf8_decode((const unsigned char *)t + end, lim - end, &cp);
	}
}

size_t select_headings(const char *t, size_t n, const struct marker *m, size_t nm,
                       struct heading **out, size_t *cap)
{
	struct open stack[MAXLEVEL];
	uint64_t known = 0;
	int depth = 0;
	size_t nh = 0;

	for (size_t i = 0; i < nm; i++) {
		int k = on_stack(stack, depth, m[i].family);
		struct heading *h;

		if (k >= 0 && (continues(stack, depth, k, &m[i]) || restarts(m, i, nm, stack, depth, k))) {
			depth = k + 1;
			stack[k].ord = m[i].ord;
			stack[k].pos++;
		} else if (k < 0 && opens_level(m, i, nm, stack, depth, known)) {
			stack[depth++] = (struct open){ m[i].family, m[i].ord, 1 };
			known |= (uint64_t)1 << m[i].family;
		} else {
			continue;
		}
		*out = zj_grow(*out, nh, cap, sizeof **out);
		h = &(*out)[nh++];
		h->m = m[i];
		h->level = depth;
		for (int d = 0; d < depth; d++)
			h->path[d] = stack[d].pos;
	}
	for (size_t j = 0; j < nh; j++)
		title_span(t, j + 1 < nh ? (*out)[j + 1].m.start : n, &(*out)[j]);
	return nh;
}
