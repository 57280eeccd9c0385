/* zj-tag-numbers: what its parts share. */
#ifndef TAGNUM_H
#define TAGNUM_H

#include <stddef.h>
#include <stdint.h>

#include "zj.h"

/* ---- word tables (lexicon.c) ---- */

/* One word of a data file with what the file says about it. */
struct word {
	const char *text;       /* as written in the data file */
	size_t len;
	const char *a, *b;      /* the row's second and third fields, or "" */
	int several_roles;      /* a lists more than one (a,b) */
	struct word *next;      /* in its bucket, longest first */
	struct word *next_end;  /* in its bucket by last character */
};

#define LEX_BUCKETS 1024

struct lexicon {
	struct word *by_first[LEX_BUCKETS];
	struct word *by_last[LEX_BUCKETS];
	uint8_t starts[8192];   /* bitmaps of first and last code points (BMP) */
	uint8_t ends[8192];
};

void lex_add(struct lexicon *lx, const char *text, const char *a, const char *b);
/* Add every WORD [A [B]] row of a TSV data file. */
void lex_load(struct lexicon *lx, const char *path);
/* The longest word that s[0..n) starts with, or NULL. */
const struct word *lex_prefix(const struct lexicon *lx, const char *s, size_t n);
/* The longest word that ends at s[p] (s[p-len..p) == word), or NULL. */
const struct word *lex_suffix(const struct lexicon *lx, const char *s, size_t p);
/* Could a word of the table start with code point cp? */
int lex_may_start(const struct lexicon *lx, uint32_t cp);

/* ---- numerals (numeral.c) ---- */

struct numeral {
	size_t end;             /* the byte after it */
	double value;
	int digits;             /* Arabic digits and masks written */
	int masked;             /* a mask (* X _ ×) stood for a digit */
	int decimal;            /* it had a decimal mark */
	int chinese;            /* written in Chinese numerals */
	int small;              /* a single Chinese digit 一…九 or 两 */
	int positional;         /* Chinese digits without 十百千 (二〇二二) */
	int lead_zero;          /* Arabic, starts with 0 and more digits follow */
	int toolong;            /* too many digits to be a quantity */
	int hidden;             /* only underscores (____省): a hidden name */
};

/* The UTF-8 character at s[p]: its code point and length (0 at the end).
 * Inline: the scanner calls it for every character it looks at. */
static inline int char_at(const char *s, size_t n, size_t p, uint32_t *cp)
{
	if (p >= n) {
		*cp = 0;
		return 0;
	}
	if ((unsigned char)s[p] < 0x80) {
		*cp = (unsigned char)s[p];
		return 1;
	}
	/* the common case, a three-byte character (all of CJK), inline */
	if (((unsigned char)s[p] & 0xF0) == 0xE0 && p + 2 < n &&
	    ((unsigned char)s[p + 1] & 0xC0) == 0x80 && ((unsigned char)s[p + 2] & 0xC0) == 0x80) {
		*cp = ((uint32_t)s[p] & 0x0F) << 12 | ((uint32_t)s[p + 1] & 0x3F) << 6 | ((uint32_t)s[p + 2] & 0x3F);
		if (*cp >= 0x800 && (*cp < 0xD800 || *cp > 0xDFFF))
			return 3;
	}
	return zj_utf8_decode((const unsigned char *)s + p, n - p, cp);
}

uint32_t char_before_slow(const char *s, size_t p);

/* The code point of the character that ends at s[p], 0 at the start. */
static inline uint32_t char_before(const char *s, size_t p)
{
	uint32_t cp;

	if (!p)
		return 0;
	if ((unsigned char)s[p - 1] < 0x80)
		return (unsigned char)s[p - 1];
	if (p >= 3 && ((unsigned char)s[p - 3] & 0xF0) == 0xE0)
		return char_at(s, p, p - 3, &cp) == 3 ? cp : 0xFFFD;
	return char_before_slow(s, p);
}
int is_digit_cp(uint32_t cp);
int is_mask_cp(uint32_t cp);
int is_cnum_cp(uint32_t cp);
/* 10, 100, … for 十百千万亿, else 0. */
double magnitude_of(uint32_t cp);

/* Parse a numeral at s[p]: Arabic digits (with masks, separators and a
 * decimal mark) or Chinese numerals. 0 when there is none. */
int parse_arabic(const char *s, size_t n, size_t p, struct numeral *num);
int parse_chinese(const char *s, size_t n, size_t p, struct numeral *num);

/* ---- finding mentions (scan.c) ---- */

struct tables {
	struct lexicon units;       /* WORD UNIT DIM; UNIT "-": never a measure word */
	struct lexicon notnumbers;  /* phrases whose numerals are no quantity */
	struct lexicon qualifiers;  /* WORD ROLE APPROX: before, after, month */
	struct lexicon links;       /* WORD ROLE: link, scope */
	uint8_t interesting[8192];  /* BMP code points where a mention or a
	                               not-a-number phrase may start */
};

/* Fill t->interesting once the tables are loaded. */
void mark_interesting(struct tables *t);

struct mention {
	size_t start, end;          /* byte span in the sentence */
	double value, low, high;
	int masked, range;
	char approx;                /* = ~ > < */
	const char *unit;           /* canonical unit */
	size_t unitlen;
	const char *dim, *kind;
	size_t ind_start, ind_len;  /* the indicator, a span of the sentence */
};

typedef void mention_fn(const struct mention *m, void *ctx);

/* Call fn for each number mention in the sentence s[0..n). */
void scan_sentence(const struct tables *t, const char *s, size_t n,
                   mention_fn *fn, void *ctx);

#endif
