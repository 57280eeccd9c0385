/* Where sentences and heading titles end. */
#include <string.h>

#include "zj.h"
#include "segment.h"

#define QUOTE_DEPTH 16
#define QUOTE_REACH 2048        /* an opening mark closed further away is left alone */

/* The characters the splitter looks at: ASCII spaces, ! ? and brackets,
 * U+00A0, the quotes U+2018 U+2019 U+201C U+201D, U+3000 。 and the
 * brackets 《》「」『』【】〔〕, and the full-width ！（）？［］.
 * special[] holds the bytes they begin with and the second byte that
 * must follow (1 for a one-byte character). */
static const unsigned char special[256] = {
	['\t'] = 1, ['\n'] = 1, ['\r'] = 1, [' '] = 1, ['!'] = 1, ['('] = 1, [')'] = 1,
	['?'] = 1, ['['] = 1, [']'] = 1,
	[0xC2] = 0xA0, [0xE2] = 0x80, [0xE3] = 0x80, [0xEF] = 0xBC,
};

#ifdef __SSE2__
/* A bit for each of the sixteen positions at p that may start one of the
 * characters: so the scan passes over the frequent ，、： at full speed. */
static int special_mask(const char *p)
{
	__m128i x0 = _mm_loadu_si128((const __m128i *)p);
	__m128i x1 = _mm_loadu_si128((const __m128i *)(p + 1));
	__m128i x2 = _mm_loadu_si128((const __m128i *)(p + 2));
	__m128i low = _mm_set1_epi8('!');
	__m128i ascii = OR3(_mm_cmpeq_epi8(_mm_max_epu8(x0, low), low),
	                    _mm_or_si128(EQ(_mm_and_si128(x0, _mm_set1_epi8((char)0xFE)), '('), EQ(x0, '?')),
	                    _mm_or_si128(EQ(x0, '['), EQ(x0, ']')));
	__m128i nbsp = _mm_and_si128(EQ(x0, 0xC2), EQ(x1, 0xA0));
	__m128i quote = AND3(EQ(x0, 0xE2), EQ(x1, 0x80), EQ(_mm_and_si128(x2, _mm_set1_epi8((char)0xFA)), 0x98));
	__m128i d = _mm_sub_epi8(x2, _mm_set1_epi8((char)0x8A));
	__m128i cjk = AND3(EQ(x0, 0xE3), EQ(x1, 0x80),
	                   OR3(EQ(_mm_and_si128(x2, _mm_set1_epi8((char)0xFD)), 0x80),      /* U+3000 。 */
	                       _mm_cmpeq_epi8(_mm_max_epu8(d, _mm_set1_epi8(7)), _mm_set1_epi8(7)),
	                       EQ(_mm_and_si128(x2, _mm_set1_epi8((char)0xFE)), 0x94)));
	__m128i full = AND3(EQ(x0, 0xEF), EQ(x1, 0xBC),
	                    OR3(OR3(EQ(x2, 0x81), EQ(_mm_and_si128(x2, _mm_set1_epi8((char)0xFE)), 0x88), EQ(x2, 0x9F)),
	                        EQ(x2, 0xBB), EQ(x2, 0xBD)));

	return _mm_movemask_epi8(OR3(ascii, nbsp, OR3(quote, cjk, full)));
}
#endif

/* The next position from i on that may start a character the splitter
 * looks at, or lim. */
static size_t next_special(const char *t, size_t i, size_t lim)
{
#ifdef __SSE2__
	for (int mask; i + 18 <= lim; i += 16)
		if ((mask = special_mask(t + i)))
			return i + (size_t)__builtin_ctz((unsigned)mask);
#endif
	for (; i < lim; i++) {
		unsigned char b = special[(unsigned char)t[i]];

		if (b == 1 || (b && i + 1 < lim && (unsigned char)t[i + 1] == b))
			return i;
	}
	return lim;
}

int is_digit_cp(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

static int is_space_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\r' || cp == 0x3000 || cp == 0xA0;
}

size_t skip_blank(const char *t, size_t n, size_t i)
{
	size_t len;

	while (i < n && (t[i] == '\n' || is_space_at(t, n, i, &len)))
		i += t[i] == '\n' ? 1 : len;
	return i;
}

size_t trim_end(const char *t, size_t from, size_t to)
{
	while (to > from) {
		if (t[to - 1] == ' ' || t[to - 1] == '\t' || t[to - 1] == '\r' || t[to - 1] == '\n')
			to--;
		else if (to - from >= 3 && !memcmp(t + to - 3, "\xe3\x80\x80", 3))
			to -= 3;
		else if (to - from >= 2 && !memcmp(t + to - 2, "\xc2\xa0", 2))
			to -= 2;
		else
			break;
	}
	return to;
}

/* The end of a title without the spaces and the ；，、： after it. */
size_t title_end(const char *t, size_t from, size_t to)
{
	static const char *const tails[] = { ";", ",", ":", "\xef\xbc\x9b", "\xef\xbc\x8c", "\xe3\x80\x81",
	                                     "\xef\xbc\x9a", NULL };
	const char *const *tail;

	do {
		to = trim_end(t, from, to);
		for (tail = tails; *tail; tail++) {
			size_t n = strlen(*tail);

			if (to - from >= n && !memcmp(t + to - n, *tail, n)) {
				to -= n;
				break;
			}
		}
	} while (*tail);
	return to;
}

/* Full-width brackets count as their ASCII forms, so that （…) pairs. */
static uint32_t fold(uint32_t cp)
{
	return cp == 0xFF08 ? '(' : cp == 0xFF09 ? ')' : cp == 0xFF3B ? '[' : cp == 0xFF3D ? ']' : cp;
}

static uint32_t closer_of(uint32_t cp)
{
	switch (cp) {
	case '(': return ')';
	case '[': return ']';
	case 0x201C: return 0x201D;     /* “” */
	case 0x2018: return 0x2019;     /* ‘’ */
	case 0x300A: return 0x300B;     /* 《》 */
	case 0x300C: return 0x300D;     /* 「」 */
	case 0x300E: return 0x300F;     /* 『』 */
	case 0x3010: return 0x3011;     /* 【】 */
	case 0x3014: return 0x3015;     /* 〔〕 */
	}
	return 0;
}

static int is_terminator(uint32_t cp)
{
	return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == '!' || cp == '?';
}

/* Whether the opening mark `open` that ends at t[i] is closed on its line,
 * not too far away: an unclosed “ must not swallow the rest of the text. */
static int is_closed(const char *t, size_t lim, size_t i, uint32_t open, uint32_t close)
{
	size_t end = lim - i > QUOTE_REACH ? i + QUOTE_REACH : lim, len;
	int depth = 1;

	for (; (i = next_special(t, i, end)) < end && t[i] != '\n'; i += len) {
		uint32_t cp = fold(char_at(t, lim, i, &len));
		if (cp == close && !--depth)
			return 1;
		depth += cp == open;
	}
	return 0;
}

/* The 。 at t[i] between digits is a decimal mark (13。7亿元) unless the
 * digits after it begin a date (…达到100。2020年…). */
static int is_decimal(const char *t, size_t lim, size_t i)
{
	size_t j = i + 3, len;
	int digits = 0;
	uint32_t cp = 0;

	if (!(i >= 1 && t[i - 1] >= '0' && t[i - 1] <= '9') &&
	    !(i >= 3 && !memcmp(t + i - 3, "\xef\xbc", 2) && (unsigned char)t[i - 1] >= 0x90 &&
	      (unsigned char)t[i - 1] <= 0x99))
		return 0;
	for (; j < lim && is_digit_cp(cp = char_at(t, lim, j, &len)); j += len)
		digits++;
	if (!digits || digits > 3)
		return 0;
	return j >= lim || (cp != 0x5E74 && cp != 0x6708 && cp != 0x65E5);     /* 年月日 */
}

/* After a terminator inside quotes: the end of the closing marks that
 * follow it and close every open one (“好。”), or 0. */
static size_t closes_all(const char *t, size_t lim, size_t j, const uint32_t *stack, int depth)
{
	size_t len;

	while (depth > 0 && j < lim && fold(char_at(t, lim, j, &len)) == stack[depth - 1]) {
		depth--;
		j += len;
	}
	return depth ? 0 : j;
}

size_t sentence_end(const char *t, size_t pos, size_t lim, int title)
{
	uint32_t stack[QUOTE_DEPTH], cp, close;
	int depth = 0;
	size_t i, len, end;

	for (i = pos; (i = next_special(t, i, lim)) < lim; i += len) {
		if (t[i] == '\n')
			return i;
		cp = fold(char_at(t, lim, i, &len));
		if (title && i > pos && is_space_cp(cp))
			return i;
		if (is_terminator(cp) && !(cp == 0x3002 && is_decimal(t, lim, i))) {
			if (!depth && title)
				return i;
			if (!depth) {
				for (end = i + len; end < lim && is_terminator(char_at(t, lim, end, &len));)
					end += len;
				return end;
			}
			if (!title && (end = closes_all(t, lim, i + len, stack, depth)))
				return end;
		}
		if ((close = closer_of(cp)) && depth < QUOTE_DEPTH && is_closed(t, lim, i + len, cp, close)) {
			stack[depth++] = close;
		} else {
			for (int d = depth; d > 0; d--)
				if (stack[d - 1] == cp) {
					depth = d - 1;
					break;
				}
		}
	}
	return lim;
}
