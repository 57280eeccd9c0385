/* PCRE2 patterns from data files and options, compiled once with JIT. */
#include <stdio.h>
#include <string.h>

#include "zj.h"
#include "regex.h"

pcre2_code *zj_regex(const char *pat, size_t n, uint32_t flags, char *msg, size_t msgsize)
{
	PCRE2_UCHAR why[256];
	PCRE2_SIZE off;
	int err;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pat, n, PCRE2_UTF | flags, &err, &off, NULL);

	if (!re) {
		pcre2_get_error_message(err, why, sizeof why);
		snprintf(msg, msgsize, "at offset %zu: %s", (size_t)off, (char *)why);
		return NULL;
	}
	/* Without JIT (no support, no memory) the interpreter still matches. */
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

pcre2_code *zj_regex_need(const char *pat, size_t n, uint32_t flags,
                          const char *where, unsigned long line)
{
	char msg[300];
	pcre2_code *re = zj_regex(pat, n, flags, msg, sizeof msg);

	if (!re && line)
		zj_die("%s:%lu: bad pattern %s", where, line, msg);
	if (!re)
		zj_die("%s: bad pattern %s", where, msg);
	return re;
}

/* Could the code unit stand for another one too? Only a single code unit
 * may be caseless, and then an ASCII letter matches its other case. */
static int caseless_letter(uint32_t unit)
{
	return (unit | 0x20) >= 'a' && (unit | 0x20) <= 'z';
}

int zj_regex_required_byte(const pcre2_code *re)
{
	uint32_t type, unit;

	if (pcre2_pattern_info(re, PCRE2_INFO_LASTCODETYPE, &type) || type != 1 ||
	    pcre2_pattern_info(re, PCRE2_INFO_LASTCODEUNIT, &unit))
		return -1;
	if (caseless_letter(unit))
		return -1;
	return (int)unit;
}

int zj_regex_first_bytes(const pcre2_code *re, unsigned char bits[32])
{
	const uint8_t *map = NULL;
	uint32_t type, unit;

	if (!pcre2_pattern_info(re, PCRE2_INFO_FIRSTBITMAP, &map) && map) {
		memcpy(bits, map, 32);
		return 1;
	}
	if (pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODETYPE, &type) || type != 1 ||
	    pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODEUNIT, &unit))
		return 0;
	if (caseless_letter(unit))
		return 0;
	memset(bits, 0, 32);
	bits[unit / 8] = (unsigned char)(1 << unit % 8);
	return 1;
}
