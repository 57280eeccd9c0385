/* UTF-8 decoding, encoding and repair. */
#include <string.h>

#include "zj.h"

int zj_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c = s[0], min;
	int len, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
		len = 2, c &= 0x1F, min = 0x80;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3, c &= 0x0F, min = 0x800;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4, c &= 0x07, min = 0x10000;
	else
		goto bad;
	if (n < (size_t)len)
		goto bad;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			goto bad;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		goto bad;
	*cp = c;
	return len;
bad:
	*cp = 0xFFFD;
	return 1;
}

int zj_utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | cp >> 6);
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | cp >> 12);
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | cp >> 18);
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Length of the next sequence, and whether it is valid (bad = 1 byte). */
static int step(const unsigned char *p, size_t n, int *bad)
{
	uint32_t cp;
	int len;

	if (*p < 0x80) {
		*bad = 0;
		return 1;
	}
	len = zj_utf8_decode(p, n, &cp);
	*bad = cp == 0xFFFD && len == 1;
	return len;
}

size_t zj_utf8_invalid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	size_t nbad = 0;
	int bad;

	while (p < end) {
		p += step(p, (size_t)(end - p), &bad);
		nbad += bad;
	}
	return nbad;
}

char *zj_utf8_repair(const char *s, size_t n, size_t *outlen)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	char *out = zj_malloc(3 * n + 1), *o = out;
	int bad, len;

	while (p < end) {
		len = step(p, (size_t)(end - p), &bad);
		if (bad) {
			memcpy(o, "\xEF\xBF\xBD", 3);
			o += 3;
		} else {
			memcpy(o, p, (size_t)len);
			o += len;
		}
		p += len;
	}
	*o = '\0';
	*outlen = (size_t)(o - out);
	return out;
}
