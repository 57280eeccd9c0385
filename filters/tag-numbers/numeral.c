/* Numerals: Arabic digits (half- and full-width, masked, with separators
 * and odd decimal marks) and Chinese numerals (plain and financial forms). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "zj.h"
#include "tagnum.h"

/* More digits than a double holds exactly: a code, not a quantity. */
#define MAX_DIGITS 15
/* Longest Chinese numeral taken as one number. */
#define MAX_CHINESE 24

uint32_t char_before_slow(const char *s, size_t p)
{
	size_t q = p;
	uint32_t cp;

	while (q > 0 && p - q < 4 && ((unsigned char)s[q - 1] & 0xC0) == 0x80)
		q--;
	if (q > 0)
		q--;
	zj_utf8_decode((const unsigned char *)s + q, p - q, &cp);
	return cp;
}

int is_digit_cp(uint32_t cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

static int digit_value(uint32_t cp)
{
	return cp <= '9' ? (int)(cp - '0') : (int)(cp - 0xFF10);
}

/* Characters that stand for a hidden digit: * ＊ X x _ ＿ × */
int is_mask_cp(uint32_t cp)
{
	return cp == '*' || cp == 0xFF0A || cp == 'X' || cp == 'x' || cp == '_' ||
	       cp == 0xFF3F || cp == 0xD7;
}

static int is_decimal_mark(uint32_t cp)
{
	return cp == '.' || cp == 0x3002 || cp == 0xFF0E;   /* . 。 ． */
}

/* The digit a Chinese numeral character stands for, or -1. */
static int cn_digit(uint32_t cp)
{
	switch (cp) {
	case 0x3007: case 0x96F6: case 0x25CB: return 0;    /* 〇 零 ○ */
	case 0x4E00: case 0x58F9: case 0x58F1: return 1;    /* 一 壹 壱 */
	case 0x4E8C: case 0x8D30: case 0x8CB3: case 0x4E24: case 0x5169: return 2; /* 二 贰 貳 两 兩 */
	case 0x4E09: case 0x53C1: case 0x53C3: return 3;    /* 三 叁 參 */
	case 0x56DB: case 0x8086: return 4;                 /* 四 肆 */
	case 0x4E94: case 0x4F0D: return 5;                 /* 五 伍 */
	case 0x516D: case 0x9646: case 0x9678: return 6;    /* 六 陆 陸 */
	case 0x4E03: case 0x67D2: return 7;                 /* 七 柒 */
	case 0x516B: case 0x634C: return 8;                 /* 八 捌 */
	case 0x4E5D: case 0x7396: return 9;                 /* 九 玖 */
	}
	return -1;
}

double magnitude_of(uint32_t cp)
{
	switch (cp) {
	case 0x5341: case 0x62FE: return 10;        /* 十 拾 */
	case 0x767E: case 0x4F70: return 100;       /* 百 佰 */
	case 0x5343: case 0x4EDF: return 1000;      /* 千 仟 */
	case 0x4E07: case 0x842C: return 1e4;       /* 万 萬 */
	case 0x4EBF: case 0x5104: return 1e8;       /* 亿 億 */
	}
	return 0;
}

int is_cnum_cp(uint32_t cp)
{
	return cn_digit(cp) >= 0 || magnitude_of(cp) > 0;
}

static int is_ascii_digit_or_mask(uint32_t cp)
{
	return is_digit_cp(cp) || is_mask_cp(cp);
}

/* A thousands separator: ',' with exactly three digits after it. */
static int is_separator(const char *s, size_t n, size_t p)
{
	size_t i;

	if (s[p] != ',' || p + 4 > n)
		return 0;
	for (i = 1; i <= 3; i++)
		if (s[p + i] < '0' || s[p + i] > '9')
			return 0;
	return p + 4 == n || s[p + 4] < '0' || s[p + 4] > '9';
}

/* Exact powers of ten: a mantissa of at most 15 digits over one of them is
 * the correctly rounded value, as strtod would give it. */
static const double pow10[MAX_DIGITS + 1] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
};

int parse_arabic(const char *s, size_t n, size_t p, struct numeral *num)
{
	uint64_t mantissa = 0;
	size_t q = p;
	uint32_t cp, next;
	int len, nlen, underscores = 0, fraction = 0;

	memset(num, 0, sizeof *num);
	while ((len = char_at(s, n, q, &cp)) > 0) {
		if (is_digit_cp(cp)) {
			if (num->digits == 1 && !num->decimal && !num->masked && mantissa == 0)
				num->lead_zero = 1;
			if (num->digits < MAX_DIGITS) {
				mantissa = mantissa * 10 + (uint64_t)digit_value(cp);
				fraction += num->decimal;
			}
			num->digits++;
		} else if (is_mask_cp(cp)) {
			num->masked = 1;
			underscores += cp == '_' || cp == 0xFF3F;
			num->digits++;
		} else if (is_decimal_mark(cp) && !num->decimal && q > p) {
			nlen = char_at(s, n, q + len, &next);
			if (!nlen || !is_ascii_digit_or_mask(next))
				break;
			num->decimal = 1;
		} else if (!(cp == ',' && q > p && !num->decimal && is_separator(s, n, q))) {
			break;
		}
		q += len;
	}
	if (q == p)
		return 0;
	num->end = q;
	num->toolong = num->digits > MAX_DIGITS;
	num->hidden = underscores >= 3 && underscores == num->digits;
	num->value = num->masked || num->toolong ? 0 : (double)mantissa / pow10[fraction];
	return 1;
}

/* 三千五百万 → 35000000: digits times 十百千 make a section, 万 and 亿
 * scale what came before. */
static double chinese_value(const uint32_t *cp, int k)
{
	double total = 0, section = 0, digit = 0;
	int i, seen_digit = 0;

	for (i = 0; i < k; i++) {
		double m = magnitude_of(cp[i]);

		if (m == 0) {
			digit = cn_digit(cp[i]);
			seen_digit = 1;
		} else if (m < 1e4) {
			section += (seen_digit ? digit : 1) * m;
			digit = 0;
			seen_digit = 0;
		} else {
			section += digit;
			if (!section)
				section = 1;
			total = m == 1e8 ? (total + section) * m : total + section * m;
			section = digit = 0;
			seen_digit = 0;
		}
	}
	return total + section + digit;
}

/* 九十五点五: 点 and Chinese digits after it are a decimal fraction. */
static void chinese_fraction(const char *s, size_t n, struct numeral *num)
{
	char buf[64];
	size_t q = num->end, blen;
	uint32_t cp;
	int len, d;

	len = char_at(s, n, q, &cp);
	if ((cp != 0x70B9 && cp != 0x9EDE) || num->value >= 1e15)   /* 点 點 */
		return;
	blen = snprintf(buf, sizeof buf, "%.0f.", num->value);
	for (q += len; (len = char_at(s, n, q, &cp)) > 0 && (d = cn_digit(cp)) >= 0; q += len)
		if (blen < sizeof buf - 1)
			buf[blen++] = '0' + d;
	if (buf[blen - 1] == '.')
		return;
	buf[blen] = '\0';
	num->value = strtod(buf, NULL);
	num->decimal = 1;
	num->small = 0;
	num->end = q;
}

int parse_chinese(const char *s, size_t n, size_t p, struct numeral *num)
{
	uint32_t cp[MAX_CHINESE + 1];
	size_t q = p;
	int k = 0, len, multipliers = 0, i;

	memset(num, 0, sizeof *num);
	while ((len = char_at(s, n, q, &cp[k])) > 0 && is_cnum_cp(cp[k])) {
		if (magnitude_of(cp[k]) > 0)
			multipliers++;
		q += len;
		if (++k > MAX_CHINESE)
			break;
	}
	if (!k)
		return 0;
	num->end = q;
	num->chinese = 1;
	if (k > MAX_CHINESE) {
		while ((len = char_at(s, n, q, &cp[0])) > 0 && is_cnum_cp(cp[0]))
			q += len;
		num->end = q;
		num->toolong = 1;
		return 1;
	}
	num->small = k == 1 && cn_digit(cp[0]) > 0;
	/* ○ stands for 〇 in 二○二二, but ○○ alone hides digits (○○所) */
	for (i = 0; i < k && cp[i] == 0x25CB; i++)
		;
	num->masked = i == k;
	if (!multipliers && k > 1) {
		num->positional = 1;
		for (i = 0; i < k; i++)
			num->value = num->value * 10 + cn_digit(cp[i]);
		num->digits = k;
	} else {
		num->value = chinese_value(cp, k);
	}
	chinese_fraction(s, n, num);
	return 1;
}
