/* zj-segment: what its parts share. */
#include <stddef.h>
#include <stdint.h>

#ifdef __SSE2__
#include <emmintrin.h>
/* Tests on sixteen bytes at once, for the scanners. */
#define EQ(x, b) _mm_cmpeq_epi8(x, _mm_set1_epi8((char)(b)))
#define AND3(a, b, c) _mm_and_si128(_mm_and_si128(a, b), c)
#define OR3(a, b, c) _mm_or_si128(_mm_or_si128(a, b), c)
#endif

#include "zj.h"

#define MAXLEVEL 8

/* A heading marker found at a boundary of the text (markers.c). */
struct marker {
	size_t start, len;      /* the marker's bytes */
	size_t title;           /* where its title starts (after spaces) */
	int family;             /* index into the families of markers.tsv */
	int ord;                /* its ordinal value */
	int line_start;         /* it opens a line (or the text) */
};

/* A marker taken for a real heading (headings.c). */
struct heading {
	struct marker m;
	size_t title_end;       /* end of the title (exclusive) */
	size_t body;            /* where the body text after it starts */
	int level;              /* 1 = top */
	int path[MAXLEVEL];     /* position among its siblings, down the tree */
};

/* The code point at t[i] and its length: a fast path for the common
 * three-byte characters, zj_utf8_decode for the rest. */
static inline uint32_t char_at(const char *t, size_t n, size_t i, size_t *len)
{
	const unsigned char *u = (const unsigned char *)t + i;
	uint32_t cp;

	if (u[0] < 0x80) {
		*len = 1;
		return u[0];
	}
	if (u[0] > 0xE0 && u[0] < 0xF0 && u[0] != 0xED && i + 2 < n &&
	    (u[1] & 0xC0) == 0x80 && (u[2] & 0xC0) == 0x80) {
		*len = 3;
		return (uint32_t)(u[0] & 0x0F) << 12 | (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
	}
	*len = (size_t)zj_utf8_decode(u, n - i, &cp);
	return cp;
}

/* A space (ASCII space, tab, CR, U+3000, U+00A0) at t[i], and its length:
 * asked at every boundary. */
static inline int is_space_at(const char *t, size_t n, size_t i, size_t *len)
{
	const unsigned char *u = (const unsigned char *)t + i;

	if (i >= n)
		return 0;
	*len = u[0] == 0xE3 ? 3 : u[0] == 0xC2 ? 2 : 1;
	return u[0] == ' ' || u[0] == '\t' || u[0] == '\r' ||
	       (u[0] == 0xE3 && i + 2 < n && u[1] == 0x80 && u[2] == 0x80) ||
	       (u[0] == 0xC2 && i + 1 < n && u[1] == 0xA0);
}

static inline size_t skip_spaces(const char *t, size_t n, size_t i)
{
	size_t len;

	while (is_space_at(t, n, i, &len))
		i += len;
	return i;
}

/* markers.c */
void markers_load(const char *markers, const char *enclosed, const char *numerals);
/* The marker that starts at t[i], if any, checked against what follows it. */
int marker_at(const char *t, size_t n, size_t i, struct marker *m);

/* text.c: the characters that matter to splitting */
size_t skip_blank(const char *t, size_t n, size_t i);
size_t trim_end(const char *t, size_t from, size_t to);
size_t title_end(const char *t, size_t from, size_t to);
int is_digit_cp(uint32_t cp);
/* End of the sentence (or, with title set, the heading title) that starts
 * at pos; never beyond lim. A sentence keeps its terminator, a title not. */
size_t sentence_end(const char *t, size_t pos, size_t lim, int title);

/* headings.c */
/* The markers at the boundaries of t: *out grows as needed. */
size_t find_markers(const char *t, size_t n, struct marker **out, size_t *cap);
/* The markers that are real headings, with levels, paths and title spans. */
size_t select_headings(const char *t, size_t n, const struct marker *m, size_t nm,
                       struct heading **out, size_t *cap);

/* record.c: sec and sent records */
/* The doc and sec ids of the sent records to come (kept, not copied). */
void rec_sent_keys(const char *doc, size_t doclen, const char *sec, size_t seclen);
void rec_sent(const char *text, long i, size_t start, size_t end, int head);
void rec_sec(const char *doc, size_t doclen, const char *id, size_t idlen,
             const char *text, const struct heading *h);
