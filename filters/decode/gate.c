/* A quick gate in front of the boilerplate rules: most rules can only
 * match where one of a few two-character words stands (由会, 可在, 上传 …),
 * or else one character (第 of 第 N 页). Those words are read off the
 * patterns themselves; a line is tried only against the rules whose words
 * it holds. */
#include <stdlib.h>
#include <string.h>

#include "zj.h"
#include "decode.h"

#define SLOTS 4096              /* a power of two, far above the words */

static uint64_t slot[SLOTS];    /* 0: empty */
static struct gate_set rules_of[SLOTS];        /* the rules each word lets through */
static size_t used;
static uint64_t maybe[1024];    /* a bit per 16-bit hash of the words: most keys stop here */
uint64_t gate_first[1024];
static uint64_t single[1024];   /* a bit per one-character word, as gate_first */
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

static void add(uint64_t k, unsigned id)
{
	size_t i;

	for (i = hash(k); slot[i] && slot[i] != k; i = (i + 1) & (SLOTS - 1))
		;
	if (!slot[i] && ++used > SLOTS / 2)
		zj_die("boilerplate rules: too many gated words");
	slot[i] = k;
	rules_of[i].w[id / 64] |= 1ULL << (id % 64);
	maybe[hash16(k) / 64] |= 1ULL << (hash16(k) % 64);
}

/* The rules a word lets through, or NULL. */
static const struct gate_set *lookup(uint64_t k)
{
	size_t i, h = hash16(k);

	if (!(maybe[h / 64] >> (h % 64) & 1))
		return NULL;
	for (i = hash(k); slot[i]; i = (i + 1) & (SLOTS - 1))
		if (slot[i] == k)
			return &rules_of[i];
	return NULL;
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

/* Past the element at p (a character, an escape, a class, a group, an
 * anchor) and its quantifier; *optional when the quantifier allows none. */
static const char *element(const char *p, int *optional)
{
	if (*p == '\\') {
		p += p[1] ? 2 : 1;
	} else if (*p == '[') {
		p += p[1] == '^' ? 2 : 1;
		p += *p == ']';
		while (*p && *p != ']')
			p += *p == '\\' && p[1] ? 2 : 1;
		p += *p == ']';
	} else if (*p == '(') {
		int depth = 0;

		for (; *p; p++) {
			if (*p == '\\' && p[1])
				p++;
			else if (*p == '(')
				depth++;
			else if (*p == ')' && --depth == 0)
				break;
		}
		p += *p == ')';
	} else {
		p += seq_len((unsigned char)*p);
	}
	*optional = *p == '?' || *p == '*' || (*p == '{' && p[1] == '0');
	if (*p == '?' || *p == '*' || *p == '+')
		p++;
	else if (*p == '{')
		while (*p && *p++ != '}')
			;
	if (*p == '?' || *p == '+')     /* lazy or possessive */
		p++;
	return p;
}

/* Does a top-level | make every part of the pattern optional? */
static int top_level_or(const char *p)
{
	int depth = 0;

	for (; *p; p++) {
		if (*p == '\\' && p[1])
			p++;
		else if (*p == '[')
			for (p++; *p && *p != ']'; p++)
				p += *p == '\\' && p[1];
		else if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		else if (*p == '|' && depth == 0)
			return 1;
		if (!*p)
			break;
	}
	return 0;
}

/* The branches of the group (?:A|B|…) at p, each starting with two literal
 * characters: their starts in v; 0 when it is not such a group. */
static size_t branches(const char *p, const char **v, size_t max)
{
	size_t n = 0;
	int depth = 0;

	if (strncmp(p, "(?:", 3))
		return 0;
	for (v[n++] = p += 3; *p; p++) {
		if (*p == '\\' && p[1])
			p++;
		else if (*p == '(')
			depth++;
		else if (*p == ')' && depth-- == 0)
			break;
		else if (*p == '|' && depth == 0 && n < max)
			v[n++] = p + 1;
	}
	for (size_t i = 0; i < n; i++)
		if (!two_chars(v[i]) || two_chars(v[i]) > 8)
			return 0;
	return n;
}

static void add_first(uint64_t *bits, const char *word)
{
	size_t c = gate_char((const unsigned char *)word, seq_len((unsigned char)word[0]));

	bits[c / 64] |= 1ULL << (c % 64);
}

/* Read the words off a pattern: the first two literal characters every
 * match holds (none optional), or the first group (?:A|B|…) every match
 * holds whose every branch starts with two literal characters; failing
 * those, the first literal character every match holds. 0 when there are
 * none; the words are added only when there are. */
int gate_add(const char *p, unsigned id)
{
	const char *v[64], *one = NULL;
	size_t n = 0, i;

	if (top_level_or(p) || strstr(p, "(?i"))
		return 0;
	while (*p && !n) {
		int optional;
		const char *next = element(p, &optional);

		if (!optional && *p == '(')
			n = branches(p, v, 64);
		else if (!optional && literal(*p) && two_chars(p) && two_chars(p) <= 8)
			v[n++] = p;
		else if (!optional && literal(*p) && !one)
			one = p;
		p = next;
	}
	for (i = 0; i < n; i++) {
		add(key(v[i], two_chars(v[i])), id);
		add_first(gate_first, v[i]);
	}
	if (!n && one) {
		add(key(one, seq_len((unsigned char)*one)), id);
		add_first(gate_first, one);
		add_first(single, one);
	}
	return n > 0 || one;
}

/* Past the three-byte characters from s + i on (the bulk of Chinese text)
 * that start no word and have a character after them: what gate_scan
 * skips, in a loop of few operations. */
static size_t skip_three(const char *s, size_t i, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;

	while (i + 3 < n && (u[i] & 0xF0) == 0xE0 && !gate_may_start(gate_char(u + i, 3)))
		i += 3;
	return i;
}

/* Add the rules word k lets through to set; 0 when it is no word. */
static int let_through(uint64_t k, struct gate_set *set)
{
	const struct gate_set *r = lookup(k);
	size_t w;

	if (!r)
		return 0;
	for (w = 0; w < GATE_RULES / 64; w++)
		set->w[w] |= r->w[w];
	return 1;
}

int gate_word_at(const char *s, size_t i, size_t n, struct gate_set *set)
{
	static const uint64_t mask[9] = { 0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFF, 0xFFFFFFFFFFULL,
	                                  0xFFFFFFFFFFFFULL, 0xFFFFFFFFFFFFFFULL, UINT64_MAX };
	size_t a = seq_len((unsigned char)s[i]), b, c;
	uint64_t k;
	int open = 0;

	if (i + a > n)
		return 0;
	c = gate_char((const unsigned char *)s + i, a);
	if (single[c / 64] >> (c % 64) & 1)
		open = let_through(key(s + i, a), set);
	if (i + a >= n)
		return open;
	b = seq_len((unsigned char)s[i + a]);
	if (i + a + b > n || a + b > 8)
		return open;
	if (i + 8 <= n)
		memcpy(&k, s + i, 8), k &= mask[a + b];
	else
		k = key(s + i, a + b);
	return let_through(k, set) | open;
}

int gate_scan(const char *s, size_t n, struct gate_set *set)
{
	size_t i = 0, a;
	int open = 0;

	memset(set, 0, sizeof *set);
	while ((i = skip_three(s, i, n)) < n) {
		a = seq_len((unsigned char)s[i]);
		if (gate_may_start(gate_char((const unsigned char *)s + i, a)))
			open |= gate_word_at(s, i, n, set);
		i += a;
	}
	return open;
}
