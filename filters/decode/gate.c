/* A quick gate in front of the boilerplate rules: most rules can only
 * match where one of a few two-character words stands (由会, 可在, 上传 …).
 * Those words are read off the patterns themselves; a line that holds none
 * of them skips the rules that need one. */
#include <stdlib.h>
#include <string.h>

#include "zj.h"
#include "decode.h"

#define SLOTS 4096              /* a power of two, far above the words */

static uint64_t slot[SLOTS];    /* 0: empty */
static size_t used;
static uint64_t maybe[1024];    /* a bit per 16-bit hash of the words: most keys stop here */
static uint64_t first_char[1024];       /* a bit per last two bytes of a word's first character */

static size_t char_bits(const char *s, size_t a)
{
	return a >= 2 ? (size_t)(unsigned char)s[a - 2] << 8 | (unsigned char)s[a - 1] : (unsigned char)s[0];
}

static size_t seq_len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Two characters as one key (at most 8 bytes, never 0). */
static uint64_t key(const char *s, size_t n)
{
	uint64_t k = 0;

	memcpy(&k, s, n);
	return k;
}

static size_t hash(uint64_t k)
{
	return (size_t)((k * 0x9E3779B97F4A7C15ULL) >> 52) & (SLOTS - 1);
}

static size_t hash16(uint64_t k)
{
	return (size_t)((k * 0xC2B2AE3D27D4EB4FULL) >> 48);
}

static void add(uint64_t k)
{
	size_t i;

	for (i = hash(k); slot[i]; i = (i + 1) & (SLOTS - 1))
		if (slot[i] == k)
			return;
	if (++used > SLOTS / 2)
		zj_die("boilerplate rules: too many gated words");
	slot[i] = k;
	maybe[hash16(k) / 64] |= 1ULL << (hash16(k) % 64);
}

static int has(uint64_t k)
{
	size_t i, h = hash16(k);

	if (!(maybe[h / 64] >> (h % 64) & 1))
		return 0;
	for (i = hash(k); slot[i]; i = (i + 1) & (SLOTS - 1))
		if (slot[i] == k)
			return 1;
	return 0;
}

static int literal(char c)
{
	return !strchr("\\^$.|?*+()[]{} \t", c);
}

/* The length of the two literal characters at p that every match starts
 * with (none of them made optional by a quantifier), or 0. */
static size_t two_chars(const char *p)
{
	size_t a, b;

	if (!*p || !literal(*p))
		return 0;
	a = seq_len((unsigned char)*p);
	if (!p[a] || !literal(p[a]))
		return 0;
	b = seq_len((unsigned char)p[a]);
	if (p[a + b] && strchr("?*{", p[a + b]))
		return 0;
	return a + b;
}

/* Read the words off a pattern: it starts with two literal characters, or
 * with a group (?:A|B|…) whose every branch does. 0 when it cannot be
 * gated; the words are added only when it can. */
int gate_add(const char *p)
{
	const char *starts[64];
	size_t lens[64], n = 0, i;

	if (!strncmp(p, "(?:", 3)) {
		const char *q = p + 3;
		int depth = 0;

		for (starts[n] = q; *q; q++) {
			if (*q == '\\' && q[1]) {
				q++;
			} else if (*q == '(') {
				depth++;
			} else if (*q == ')' && depth-- == 0) {
				break;
			} else if (*q == '|' && depth == 0 && n + 1 < 64) {
				starts[++n] = q + 1;
			}
		}
		if (!*q || (q[1] && strchr("?*{", q[1])))
			return 0;
		n++;
	} else {
		starts[n++] = p;
	}
	for (i = 0; i < n; i++)
		if (!(lens[i] = two_chars(starts[i])) || lens[i] > 8)
			return 0;
	for (i = 0; i < n; i++) {
		size_t c = char_bits(starts[i], seq_len((unsigned char)starts[i][0]));

		add(key(starts[i], lens[i]));
		first_char[c / 64] |= 1ULL << (c % 64);
	}
	return 1;
}

int gate_open(const char *s, size_t n)
{
	static const uint64_t mask[9] = { 0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF, 0xFFFFFFFFFFULL,
	                                  0xFFFFFFFFFFFFULL, 0xFFFFFFFFFFFFFFULL, UINT64_MAX };
	size_t i = 0, a, b, c;

	while (i < n) {
		uint64_t k;

		a = seq_len((unsigned char)s[i]);
		if (i + a >= n)
			break;
		c = char_bits(s + i, a);
		if (!(first_char[c / 64] >> (c % 64) & 1)) {
			i += a;
			continue;
		}
		b = seq_len((unsigned char)s[i + a]);
		if (i + a + b > n || a + b > 8)
			break;
		if (i + 8 <= n)
			memcpy(&k, s + i, 8), k &= mask[a + b];
		else
			k = key(s + i, a + b);
		if (has(k))
			return 1;
		i += a;
	}
	return 0;
}
