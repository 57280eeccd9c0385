/* Compilations: the lines that open each report of a file holding several
 * (patterns in compilation.tsv). */
#include <stdlib.h>
#include <string.h>

#include "zj.h"
#include "regex.h"
#include "decode.h"

static pcre2_code **pats;
static size_t npats;
static pcre2_match_data *md;

static void add_pattern(char **f, int nf, const char *path, unsigned long lineno, void *ctx)
{
	pcre2_code *re;

	(void)nf;
	(void)ctx;
	re = zj_regex_need(f[0], PCRE2_ZERO_TERMINATED, PCRE2_UCP, path, lineno);
	if (pcre2_substring_number_from_name(re, (PCRE2_SPTR) "n") < 0)
		zj_die("%s:%lu: bad pattern (it needs a group named n)", path, lineno);
	pats = zj_realloc(pats, (npats + 1) * sizeof *pats);
	pats[npats++] = re;
}

void split_init(void)
{
	char *path = zj_data_path("compilation.tsv");

	zj_tsv_load(path, add_pattern, NULL);
	free(path);
	md = pcre2_match_data_create(8, NULL);
}

/* The value of digits or of Chinese numerals up to 99. */
static int ordinal(const char *s, size_t n)
{
	static const char digits[] = "一二三四五六七八九";
	int v = 0, tens = 0;
	size_t i;

	if (n && s[0] >= '0' && s[0] <= '9') {
		for (i = 0; i < n; i++)
			v = v * 10 + s[i] - '0';
		return v;
	}
	for (i = 0; i + 3 <= n; i += 3) {
		const char *d = strstr(digits, (char[4]){ s[i], s[i + 1], s[i + 2], 0 });

		if (!memcmp(s + i, "十", 3))
			tens = (v ? v : 1) * 10, v = 0;
		else if (d)
			v = (int)(d - digits) / 3 + 1;
	}
	return tens + v;
}

static int group(pcre2_code *re, const char *name, size_t *start, size_t *end)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	int k = pcre2_substring_number_from_name(re, (PCRE2_SPTR)name);

	if (k < 0 || ov[2 * k] == PCRE2_UNSET)
		return 0;
	*start = ov[2 * k];
	*end = ov[2 * k + 1];
	return 1;
}

int split_marker(const char *line, size_t n, const char **title, size_t *tlen)
{
	size_t i, a, b;

	if (n > 300 || !has_char3(line, n, "篇"))   /* every marker has it */
		return 0;
	for (i = 0; i < npats; i++) {
		if (pcre2_match(pats[i], (PCRE2_SPTR)line, n, 0, PCRE2_NO_UTF_CHECK, md, NULL) < 0)
			continue;
		*tlen = 0;
		if (group(pats[i], "title", &a, &b)) {
			*title = line + a;
			*tlen = b - a;
		}
		group(pats[i], "n", &a, &b);
		return ordinal(line + a, b - a);
	}
	return 0;
}
