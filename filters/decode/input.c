/* Reading a file of unknown encoding as UTF-8 lines: BOM, then UTF-8
 * validity, then uchardet; iconv converts, a chunk at a time. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <uchardet/uchardet.h>

#include "zj.h"
#include "decode.h"

#define SNIFF (64 * 1024)
#define DETECT (4 * 1024)       /* what uchardet sees: enough, and it is slow */
#define CHUNK (1024 * 1024)

static const char replacement[] = "\xEF\xBF\xBD";

void buf_reserve(struct buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	b->cap = (b->len + extra + 1) * 3 / 2 + 64;
	b->p = zj_realloc(b->p, b->cap);
}

void buf_add(struct buf *b, const char *s, size_t n)
{
	buf_reserve(b, n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

/* Length of the valid UTF-8 sequence at s (n bytes left), 0 when invalid,
 * -1 when it may be valid but is cut off by the end of the buffer. */
static int utf8_seq_slow(const unsigned char *s, size_t n)
{
	int len, i;

	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		len = 2;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		len = 3;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		len = 4;
	else
		return 0;
	for (i = 1; i < len; i++) {
		if ((size_t)i >= n)
			return -1;
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	}
	/* overlong forms, surrogates, beyond U+10FFFF */
	if ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0) ||
	    (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90))
		return 0;
	return len;
}

/* Is s a three-byte character (all of CJK) that is neither overlong nor a
 * surrogate? The common case, in few operations: both continuation bytes
 * are tested at once (each is 0x80 to 0xBF, below 0x40 once flipped). */
static inline int common_three(const unsigned char *s, size_t n)
{
	return (unsigned)(s[0] - 0xE1) <= 0xEF - 0xE1 && s[0] != 0xED && n > 2 &&
	       ((s[1] ^ 0x80) | (s[2] ^ 0x80)) < 0x40;
}

/* utf8_seq_slow with the common cases inline: ASCII, common_three. */
static inline int utf8_seq(const unsigned char *s, size_t n)
{
	if (s[0] < 0x80)
		return 1;
	if (common_three(s, n))
		return 3;
	return utf8_seq_slow(s, n);
}

static size_t sum(bytes16 v)
{
	size_t total = 0, k;

	for (k = 0; k < 16; k++)
		total += v[k];
	return total;
}

/* Lead bytes of three-byte characters. */
static flags16 leads(bytes16 b)
{
	return (b & 0xF0) == 0xE0;
}

/* Past the plain UTF-8 from u + i (a character boundary) on, sixteen bytes
 * at a time with GCC's vector extension: ASCII, and three-byte characters
 * led by E1 to EC, EE or EF, which can be neither overlong nor surrogates.
 * A byte is a continuation byte exactly when one of the two before it is
 * such a lead. Stops at a character boundary before a window holding
 * anything else (two- and four-byte characters, E0 and ED leads, bad
 * bytes), which the caller reads byte by byte; *multi (unless multi is
 * NULL) counts the three-byte characters passed. */
static size_t skip_plain(const unsigned char *u, size_t i, size_t n, size_t *multi)
{
	/* the bytes before i are not looked at: they end a character */
	static const flags16 own1 = { 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1 };
	static const flags16 own2 = { 0, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1 };
	flags16 mask1 = own1, mask2 = own2;
	bytes16 count = { 0 };
	size_t start = i, windows = 0, passed = 0;

	if (i < 2)
		return i;
	for (; i + 16 <= n; i += 16) {
		bytes16 b, b1, b2;
		flags16 cont, wanted, other;

		b = load16(u + i);
		b1 = load16(u + i - 1);
		b2 = load16(u + i - 2);
		cont = (b & 0xC0) == 0x80;
		wanted = (leads(b1) & mask1) | (leads(b2) & mask2);
		other = (b >= 0xF0) | ((b & 0xE0) == 0xC0) | (b == 0xE0) | (b == 0xED);
		if (any16((cont ^ wanted) | other))
			break;
		mask1 = mask2 = (flags16){ 0 } - 1;
		count -= (bytes16)leads(b);
		if (++windows == 255) {
			passed += sum(count);
			count = (bytes16){ 0 };
			windows = 0;
		}
	}
	passed += sum(count);
	/* back to a lead in the last two bytes: what follows it is unread */
	if (i > start) {
		size_t cut = (u[i - 1] & 0xF0) == 0xE0 ? 1 : (u[i - 2] & 0xF0) == 0xE0 ? 2 : 0;

		i -= cut;
		passed -= cut != 0;
	}
	if (multi)
		*multi += passed;
	return i;
}

/* Copy UTF-8 with bad bytes replaced; returns how many trailing bytes were
 * left for the next chunk (a sequence cut by the chunk's end). */
static size_t copy_utf8(const char *in, size_t n, int last, struct buf *out, unsigned long *bad)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t i = 0, run = 0;

	buf_reserve(out, n);
	while (i < n) {
		int len;

		if ((i = skip_plain(s, i, n, NULL)) >= n)
			break;
		len = utf8_seq(s + i, n - i);
		if (len > 0) {
			i += (size_t)len;
			continue;
		}
		buf_add(out, in + run, i - run);
		if (len < 0 && !last)
			return n - i;
		buf_add(out, replacement, 3);
		(*bad)++;
		run = ++i;
	}
	buf_add(out, in + run, n - run);
	return 0;
}

/* Is it UTF-8? All of it (2), or nearly (1): a few bad bytes among many
 * valid multibyte sequences are damage in a UTF-8 file, not another
 * encoding (legacy Chinese text seldom forms valid UTF-8 sequences). */
static int looks_utf8(const char *s, size_t n, int last)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, multi = 0, bad = 0;

	while (i < n) {
		int len;

		if ((i = skip_plain(u, i, n, &multi)) >= n)
			break;
		/* the common cases first */
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		if (common_three(u + i, n - i)) {
			i += 3;
			multi++;
			continue;
		}
		len = utf8_seq_slow(u + i, n - i);
		if (len < 0 && !last)
			break;
		if (len <= 0) {
			/* plainly another encoding: no need to read on */
			if (++bad >= 16 && bad * 20 > multi)
				return 0;
			i++;
			continue;
		}
		multi += len > 1;
		i += (size_t)len;
	}
	return bad == 0 ? 2 : multi >= 8 && bad * 20 <= multi;
}

/* A converter from the source's encoding, fed chunk by chunk. */
struct conv {
	int utf8;
	iconv_t cd;
};

static void conv_open(struct conv *c, const char *enc)
{
	c->utf8 = !strcasecmp(enc, "UTF-8");
	/* --from was checked at start: a failure now is out of memory */
	if (!c->utf8 && (c->cd = iconv_open("UTF-8", enc)) == (iconv_t)-1)
		zj_die("cannot convert from encoding '%s': %s", enc, strerror(errno));
}

int input_encoding_known(const char *enc)
{
	iconv_t cd = iconv_open("UTF-8", enc);

	if (cd == (iconv_t)-1)
		return 0;
	iconv_close(cd);
	return 1;
}

static void conv_close(struct conv *c)
{
	if (!c->utf8)
		iconv_close(c->cd);
}

/* Returns the number of trailing input bytes not yet converted. */
static size_t iconv_chunk(iconv_t cd, const char *in, size_t n, int last, struct buf *out,
                          unsigned long *bad)
{
	char *ip = (char *)in;
	size_t left = n;

	while (left > 0) {
		char *op;
		size_t room, r;

		buf_reserve(out, left * 2 + 16);
		op = out->p + out->len;
		room = out->cap - out->len - 1;
		r = iconv(cd, &ip, &left, &op, &room);
		out->len = (size_t)(op - out->p);
		if (r != (size_t)-1 || errno == E2BIG)
			continue;
		if (errno == EINVAL && !last)
			break;
		/* EILSEQ, or a sequence cut off at the end of the file */
		buf_add(out, replacement, 3);
		(*bad)++;
		ip++;
		left--;
	}
	buf_reserve(out, 0);
	out->p[out->len] = '\0';
	return left;
}

/* Convert in[0..n) onto out; returns how many trailing bytes (a sequence
 * cut by the chunk's end) wait for the next chunk. */
static size_t conv_feed(struct conv *c, const char *in, size_t n, int last, struct buf *out,
                        unsigned long *bad)
{
	return c->utf8 ? copy_utf8(in, n, last, out, bad) : iconv_chunk(c->cd, in, n, last, out, bad);
}

void to_utf8(const char *enc, const char *in, size_t n, struct buf *out, unsigned long *bad)
{
	struct conv c;

	conv_open(&c, enc);
	conv_feed(&c, in, n, 1, out, bad);
	conv_close(&c);
}

/* ---- detection ---- */

static size_t count_byte(const char *s, size_t n, size_t start, size_t step, char c)
{
	size_t k = 0, i;

	for (i = start; i < n; i += step)
		k += s[i] == c;
	return k;
}

/* UTF-16 without a BOM: its NUL bytes (the high half of ASCII) all stand
 * on one side of the pairs; in binary files they fall anywhere. */
static const char *utf16_guess(const char *s, size_t n)
{
	size_t even = count_byte(s, n, 0, 2, 0), odd = count_byte(s, n, 1, 2, 0);

	if (odd >= 4 && even * 8 <= odd)
		return "UTF-16LE";
	if (even >= 4 && odd * 8 <= even)
		return "UTF-16BE";
	return NULL;
}

static unsigned long errors_as(const char *enc, const char *s, size_t n)
{
	struct buf tmp = { 0 };
	unsigned long bad = 0;

	to_utf8(enc, s, n, &tmp, &bad);
	free(tmp.p);
	return bad;
}

/* The encoding of bytes that are not UTF-8: uchardet, checked. Reports
 * are Chinese, so a single-byte European guess is not believed. */
static void detect_legacy(const char *s, size_t n, char *enc, size_t cap)
{
	static const char *const chinese[] = { "GB18030", "BIG5", "EUC-TW", "HZ-GB-2312", "ISO-2022-CN" };
	static uchardet_t ud;   /* made once: making one costs more than using it */
	const char *got;
	size_t i;

	if (!ud)
		ud = uchardet_new();
	uchardet_reset(ud);
	uchardet_handle_data(ud, s, n < DETECT ? n : DETECT);
	uchardet_data_end(ud);
	got = uchardet_get_charset(ud);
	for (i = 0; i < sizeof chinese / sizeof *chinese; i++)
		if (!strcasecmp(got, chinese[i]) || (!strncasecmp(got, "GB", 2) && i == 0)) {
			snprintf(enc, cap, "%s", chinese[i]);
			return;
		}
	snprintf(enc, cap, "%s", errors_as("BIG5", s, n) < errors_as("GB18030", s, n) ? "BIG5" : "GB18030");
}

static int has_multibyte(const char *s, size_t n)
{
	while (n--)
		if ((unsigned char)*s++ >= 0x80)
			return 1;
	return 0;
}

/* The canonical name of an encoding a user or a page names. */
static void canonical_enc(const char *name, char *enc, size_t cap)
{
	size_t i;

	if (!strcasecmp(name, "GBK") || !strcasecmp(name, "GB2312") || !strcasecmp(name, "CP936") ||
	    !strcasecmp(name, "x-gbk"))
		name = "GB18030";
	for (i = 0; name[i] && i + 1 < cap; i++)
		enc[i] = (char)toupper((unsigned char)name[i]);
	enc[i] = '\0';
	if (!strcmp(enc, "UTF8"))
		snprintf(enc, cap, "UTF-8");
}

/* The BOM's length, with its encoding in enc; 0 without one. */
static size_t bom(const unsigned char *s, size_t n, char *enc, size_t cap)
{
	if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		return snprintf(enc, cap, "UTF-8"), 3;
	if (n >= 2 && s[0] == 0xFF && s[1] == 0xFE)
		return snprintf(enc, cap, "UTF-16LE"), 2;
	if (n >= 2 && s[0] == 0xFE && s[1] == 0xFF)
		return snprintf(enc, cap, "UTF-16BE"), 2;
	return 0;
}

static int looks_html(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && isspace((unsigned char)s[i]))
		i++;
	if (i == n || s[i] != '<')
		return 0;
	return memmem(s, n, "<html", 5) || memmem(s, n, "<HTML", 5) || memmem(s, n, "<!DOCTYPE", 9) ||
	       memmem(s, n, "<!doctype", 9) || memmem(s, n, "<body", 5) || memmem(s, n, "<BODY", 5);
}

/* The charset a page declares in <meta>, into enc; 0 when none. */
static int meta_charset(const char *s, size_t n, char *enc, size_t cap)
{
	const char *p = s, *end = s + n;
	char name[32];

	while ((p = memmem(p, (size_t)(end - p), "charset", 7))) {
		size_t k = 0;

		p += 7;
		while (p < end && (*p == ' ' || *p == '='))
			p++;
		while (p < end && (*p == '"' || *p == '\''))
			p++;
		while (p < end && k + 1 < sizeof name && (isalnum((unsigned char)*p) || *p == '-' || *p == '_'))
			name[k++] = *p++;
		name[k] = '\0';
		if (k) {
			canonical_enc(name, enc, cap);
			return 1;
		}
	}
	return 0;
}

/* ---- reading ---- */

/* Read up to n bytes. The end of a regular file is known from its size:
 * most files are read whole by one read(), not two or three. */
static ssize_t read_full(struct source *s, int fd, char *p, size_t n)
{
	size_t got = 0;

	while (got < n && !s->eof) {
		ssize_t r = read(fd, p + got, n - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		got += (size_t)r;
		s->done += r;
		s->eof = r == 0 || s->done == s->size;
	}
	return (ssize_t)got;
}

/* Hand the complete lines of text[0..len) to fn; returns where the
 * unfinished last line starts. */
static size_t emit_lines(struct buf *text, int last, line_fn *fn, void *ctx)
{
	size_t start = 0;
	char *nl;

	if (!text->len)
		return 0;
	while ((nl = memchr(text->p + start, '\n', text->len - start))) {
		size_t end = (size_t)(nl - text->p), len = end - start;

		if (len && text->p[end - 1] == '\r')
			len--;
		text->p[start + len] = '\0';
		fn(text->p + start, len, ctx);
		start = end + 1;
	}
	if (last && start < text->len) {
		size_t len = text->len - start;

		if (text->p[text->len - 1] == '\r')
			len--;
		text->p[start + len] = '\0';
		fn(text->p + start, len, ctx);
		start = text->len;
	}
	return start;
}

static void keep_tail(struct buf *text, size_t from)
{
	if (!from)
		return;
	memmove(text->p, text->p + from, text->len - from);
	text->len -= from;
}

/* A web page is parsed whole: read the rest, convert, extract. */
static void read_html(struct source *s, int fd, struct buf *raw, line_fn *fn, void *ctx)
{
	struct buf utf8 = { 0 }, text = { 0 };
	ssize_t r;

	do {
		buf_reserve(raw, CHUNK);
		r = read_full(s, fd, raw->p + raw->len, CHUNK);
		if (r > 0)
			raw->len += (size_t)r;
	} while (r > 0 && !s->eof);
	to_utf8(s->enc, raw->p, raw->len, &utf8, &s->bad);
	html_text(utf8.p ? utf8.p : "", utf8.len, &text, &s->html_title);
	emit_lines(&text, 1, fn, ctx);
	free(utf8.p);
	free(text.p);
}

static void read_text(struct source *s, int fd, struct buf *raw, line_fn *fn, void *ctx)
{
	struct buf text = { 0 };
	struct conv c;
	ssize_t r;
	int last = s->eof;

	if (s->valid) {
		/* all read, and valid UTF-8: its lines are handed on in place */
		buf_reserve(raw, 1);
		emit_lines(raw, 1, fn, ctx);
		return;
	}
	conv_open(&c, s->enc);
	for (;;) {
		size_t left = conv_feed(&c, raw->p, raw->len, last, &text, &s->bad);

		memmove(raw->p, raw->p + raw->len - left, left);
		raw->len = left;
		keep_tail(&text, emit_lines(&text, last, fn, ctx));
		if (last)
			break;
		buf_reserve(raw, CHUNK);
		r = read_full(s, fd, raw->p + raw->len, CHUNK);
		if (r > 0)
			raw->len += (size_t)r;
		last = r <= 0 || s->eof;
	}
	conv_close(&c);
	free(text.p);
}

/* Decide the encoding (and whether it is a web page) from the first bytes;
 * returns how many bytes of BOM to skip, -1 for a file that is not text. */
static long sniff(struct source *s, const struct options *o, const char *p, size_t n, int whole)
{
	size_t skip = bom((const unsigned char *)p, n, s->enc, sizeof s->enc);
	const char *u16;
	int utf8;

	if (o->from)
		canonical_enc(o->from, s->enc, sizeof s->enc);
	s->html = o->html || (!strstr(s->enc, "16") && looks_html(p + skip, n - skip));
	if (o->from || skip)
		return (long)skip;
	if (memchr(p, 0, n)) {
		if (!(u16 = utf16_guess(p, n)))
			return -1;
		snprintf(s->enc, sizeof s->enc, "%s", u16);
		return 0;
	}
	/* a page saved again as UTF-8 often keeps its old <meta> charset:
	 * the bytes win when they are UTF-8 beyond ASCII */
	utf8 = looks_utf8(p, n, whole);
	/* a whole file already found valid need not be checked again */
	s->valid = utf8 == 2 && whole;
	if (utf8 && (!s->html || has_multibyte(p, n)))
		snprintf(s->enc, sizeof s->enc, "UTF-8");
	else if (s->html && meta_charset(p, n, s->enc, sizeof s->enc))
		return 0;
	else if (utf8)
		snprintf(s->enc, sizeof s->enc, "UTF-8");
	else
		detect_legacy(p, n, s->enc, sizeof s->enc);
	return 0;
}

int read_source(struct source *s, const struct options *o, line_fn *fn, void *ctx)
{
	int fd = strcmp(s->path, "-") ? open(s->path, O_RDONLY) : STDIN_FILENO;
	struct buf raw = { 0 };
	struct stat st;
	ssize_t got;
	long skip;

	if (fd < 0) {
		zj_warn("%s: %s", s->path, strerror(errno));
		return -1;
	}
	buf_reserve(&raw, CHUNK);
	s->size = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? (long long)st.st_size : -1;
	got = read_full(s, fd, raw.p, SNIFF);
	if (got < 0) {
		zj_warn("%s: %s", s->path, strerror(errno));
		free(raw.p);
		if (fd != STDIN_FILENO)
			close(fd);
		return -1;
	}
	raw.len = (size_t)got;
	skip = sniff(s, o, raw.p, raw.len, s->eof);
	if (skip < 0) {
		zj_warn("%s: not a text file (NUL bytes): skipped", s->path);
	} else {
		keep_tail(&raw, (size_t)skip);
		if (s->html)
			read_html(s, fd, &raw, fn, ctx);
		else
			read_text(s, fd, &raw, fn, ctx);
		if (s->bad)
			zj_warn("%s: %lu invalid byte%s in %s replaced by U+FFFD", s->path, s->bad,
			        s->bad == 1 ? "" : "s", s->enc);
	}
	free(raw.p);
	if (fd != STDIN_FILENO)
		close(fd);
	return skip < 0 ? -1 : 0;
}
