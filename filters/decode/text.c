/* Characters: normalisation, script detection, traditional to simplified
 * with OpenCC, and the repair of Taiwan-phrase conversion damage. */
#include <dlfcn.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <opencc/opencc.h>

#include "zj.h"
#include "decode.h"

#define HAN_LO 0x3400
#define HAN_HI 0x9FFF

static opencc_t t2s;           /* opened for the first traditional document */

/* What each character of the Basic Multilingual Plane is to the loop that
 * reads every character: one look-up instead of range tests and bitmaps. */
enum {
	KEPT = 1,               /* a three-byte character kept as it is (kept_as_is) */
	COUNTED = 2,            /* counted with the Han characters */
	HANT = 4,               /* traditional only (hant.tsv) */
	GATE = 8,               /* a three-byte character a gate word may start with */
};
static unsigned char char_class[0x10000];

/* A repair: from (simplified as OpenCC leaves it) becomes to. Entries that
 * map a phrase to itself protect correct text (全国中小学). */
struct repair {
	char *from, *to;
	size_t flen, tlen;
};
static struct repair *repairs;
static size_t nrepairs;
/* repairs sorted by first byte, longest first; first[b] indexes the first */
static size_t first[257];

/* A line of hant.tsv: characters, each marked traditional only. */
static void add_hant(char **f, int nf, const char *path, unsigned long lineno, void *ctx)
{
	const unsigned char *p = (const unsigned char *)f[0], *end = p + strlen(f[0]);

	(void)nf, (void)ctx;
	while (p < end) {
		uint32_t cp;

		p += zj_utf8_decode(p, (size_t)(end - p), &cp);
		if (cp < HAN_LO || cp > HAN_HI)
			zj_die("%s:%lu: U+%04X is no Han character", path, lineno, (unsigned)cp);
		char_class[cp] |= HANT;
	}
}

static void add_repair(char **f, int nf, const char *path, unsigned long lineno, void *ctx)
{
	(void)ctx;
	if (nf < 2 || !*f[0])
		zj_die("%s:%lu: want FROM<TAB>TO", path, lineno);
	repairs = zj_realloc(repairs, (nrepairs + 1) * sizeof *repairs);
	repairs[nrepairs].from = zj_strdup(f[0]);
	repairs[nrepairs].to = zj_strdup(f[1]);
	repairs[nrepairs].flen = strlen(f[0]);
	repairs[nrepairs].tlen = strlen(f[1]);
	nrepairs++;
}

static int by_first_then_longest(const void *a, const void *b)
{
	const struct repair *x = a, *y = b;
	int d = (unsigned char)x->from[0] - (unsigned char)y->from[0];

	if (d)
		return d;
	return x->flen < y->flen ? 1 : x->flen > y->flen ? -1 : 0;
}

static void index_repairs(void)
{
	size_t i = nrepairs;
	int b;

	qsort(repairs, nrepairs, sizeof *repairs, by_first_then_longest);
	for (b = 256; b >= 0; b--) {
		while (i > 0 && (unsigned char)repairs[i - 1].from[0] >= b)
			i--;
		first[b] = i;
	}
	first[256] = nrepairs;
}

/* Is the three-byte character cp kept as it is: Han, and CJK punctuation
 * but the ideographic space (and ％ and ．, which may become ASCII)? */
static int kept_as_is(uint32_t cp)
{
	return (cp >= 0x3001 && cp <= 0x303F) || (cp >= HAN_LO && cp <= HAN_HI) ||
	       (cp >= 0xFF01 && cp <= 0xFF0F && cp != 0xFF05 && cp != 0xFF0E);
}

/* The classes of the three-byte characters (the gate's words are known:
 * clean_init has run). The full-width punctuation kept (，！) has always
 * counted with the Han characters: the script decision is left as it was. */
static void classify_chars(void)
{
	uint32_t cp;

	for (cp = 0x800; cp < 0x10000; cp++) {
		unsigned char bytes[4];

		zj_utf8_encode(cp, (char *)bytes);
		if (kept_as_is(cp))
			char_class[cp] |= KEPT | (cp >= HAN_LO ? COUNTED : 0);
		if (gate_may_start(gate_char(bytes, 3)))
			char_class[cp] |= GATE;
	}
}

/* Also a signal handler: write(2) only, and no return. The records before
 * are whole in the output buffer: OpenCC is called between records. */
static void opencc_failed(void)
{
	static const char msg[] = ": OpenCC failed: out of memory, or a broken dictionary\n";

	zj_flush();
	if (write(STDERR_FILENO, zj_prog->name, strlen(zj_prog->name)) >= 0)
		(void)!write(STDERR_FILENO, msg, sizeof msg - 1);
	_exit(1);
}

static void opencc_crashed(int sig)
{
	(void)sig;
	opencc_failed();
}

/* OpenCC and its marisa tries are C++: what they throw and do not catch
 * (out of memory while they load or convert) ends in std::terminate(),
 * an abort. Their C API offers no other way in, so std::set_terminate()
 * is found by its mangled name in the C++ runtime they brought along. */
static void report_opencc_failures(void)
{
	typedef void handler(void);
	handler *(*set_terminate)(handler *);

	*(void **)&set_terminate = dlsym(RTLD_DEFAULT, "_ZSt13set_terminatePFvvE");
	if (set_terminate)
		set_terminate(opencc_failed);
}

/* OpenCC's loader uses a few allocations without checking them: a
 * segmentation fault while it loads is its running out of memory. */
static opencc_t open_opencc(const char *config)
{
	struct sigaction crash = { .sa_handler = opencc_crashed }, old;
	opencc_t t;

	sigaction(SIGSEGV, &crash, &old);
	t = opencc_open(config);
	sigaction(SIGSEGV, &old, NULL);
	return t;
}

/* OpenCC takes a while to load: a run of simplified documents never does. */
static opencc_t converter(void)
{
	if (!t2s && (t2s = open_opencc("hk2s.json")) == (opencc_t)-1)
		zj_die("OpenCC: cannot open hk2s.json: %s", opencc_error());
	return t2s;
}

void text_init(const struct options *o)
{
	char *path = zj_data_path("hant.tsv");

	report_opencc_failures();
	zj_tsv_load(path, add_hant, NULL);
	free(path);
	classify_chars();
	path = zj_data_path("tw-repair.tsv");
	zj_tsv_load(path, add_repair, NULL);
	free(path);
	if (o->repair)
		zj_tsv_load(o->repair, add_repair, NULL);
	index_repairs();
}

/* ---- normalisation ---- */

static int is_space(uint32_t cp)
{
	return cp <= ' ' || cp == 0x7F || cp == 0xA0 || cp == 0x3000 || (cp >= 0x2002 && cp <= 0x200A) ||
	       cp == 0x202F || cp == 0x205F;
}

static int is_invisible(uint32_t cp)
{
	return (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF || cp == 0xAD;
}

/* Full-width digits and letters become ASCII; so do ％ and a full-width
 * point after a digit, so that numbers read as numbers. */
static uint32_t halfwidth(uint32_t cp, char prev)
{
	if ((cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A) ||
	    cp == 0xFF05)
		return cp - 0xFEE0;
	if (cp == 0xFF0E && prev >= '0' && prev <= '9')
		return '.';
	return cp;
}

/* Where a word of the boilerplate gate may start in the line being
 * normalised: the gate is read as the line is, not in a pass of its own. */
static struct {
	size_t *at;
	size_t n, cap;
} starts;

static void may_start_at(size_t at)
{
	starts.at = zj_grow(starts.at, starts.n, &starts.cap, sizeof *starts.at);
	starts.at[starts.n++] = at;
}

/* Past the run at in[i..n) of characters that stay as they are: printable
 * ASCII, and three-byte characters (the input is valid UTF-8) kept as they
 * are; its Han characters are counted in *sc, and where gate words may
 * start is noted (at their place in the output, shift bytes before). Most
 * of a line is one run, and most of a run three-byte characters, tested
 * first. */
static size_t kept_run(const unsigned char *in, size_t i, size_t n, size_t shift, struct script_count *sc)
{
	size_t han = 0, hant = 0;

	while (i + 2 < n) {
		if ((in[i] & 0xF0) == 0xE0) {
			uint32_t cp = (uint32_t)(in[i] & 0x0F) << 12 | (uint32_t)(in[i + 1] & 0x3F) << 6 | (in[i + 2] & 0x3F);
			unsigned class = char_class[cp];

			if (!(class & KEPT))
				break;
			han += class / COUNTED & 1;
			hant += class / HANT & 1;
			if (class & GATE)
				may_start_at(i - shift);
			i += 3;
		} else if (in[i] > ' ' && in[i] < 0x7F) {
			if (gate_may_start(in[i]))
				may_start_at(i - shift);
			i++;
		} else {
			break;
		}
	}
	/* the last two bytes hold no three-byte character */
	for (; i + 2 >= n && i < n && in[i] > ' ' && in[i] < 0x7F; i++)
		if (gate_may_start(in[i]))
			may_start_at(i - shift);
	sc->han += han;
	sc->hant += hant;
	return i;
}

size_t normalize_line(char *s, size_t n, struct script_count *sc, struct gate_set *gate)
{
	const unsigned char *in = (const unsigned char *)s;
	struct script_count count = { 0 };      /* not *sc: stores to s could alias it */
	size_t i = 0, o = 0, k, len;
	int space = 0;

	starts.n = 0;
	while (i < n) {
		size_t run = i;
		uint32_t cp;

		/* a run goes to o, after the space that may come first */
		i = kept_run(in, i, n, run - (o + (space && o)), &count);
		if (i > run) {
			if (space && o)
				s[o++] = ' ';
			space = 0;
			if (o != run)
				memmove(s + o, s + run, i - run);
			o += i - run;
			if (i == n)
				break;
		}
		i += (size_t)zj_utf8_decode(in + i, n - i, &cp);
		if (is_space(cp)) {
			space = 1;
			continue;
		}
		if (is_invisible(cp))
			continue;
		if (space && o)
			s[o++] = ' ';
		space = 0;
		/* no Han character comes here: they are all kept (the text is
		 * valid UTF-8), and kept_run counted them */
		cp = halfwidth(cp, o ? s[o - 1] : 0);
		len = (size_t)zj_utf8_encode(cp, s + o);
		if (gate_may_start(gate_char((const unsigned char *)s + o, len)))
			may_start_at(o);
		o += len;
	}
	s[o] = '\0';
	memset(gate, 0, sizeof *gate);
	for (k = 0; k < starts.n; k++)
		gate_word_at(s, starts.at[k], o, gate);
	sc->han += count.han;
	sc->hant += count.hant;
	return o;
}

int is_traditional(const struct script_count *sc)
{
	return sc->hant >= 3 && sc->hant * 25 >= sc->han;
}

/* ---- to simplified ---- */

static const struct repair *repair_at(const char *s, size_t n)
{
	size_t i, b = (unsigned char)s[0];

	for (i = first[b]; i < first[b + 1]; i++)
		if (repairs[i].flen <= n && !memcmp(s, repairs[i].from, repairs[i].flen))
			return &repairs[i];
	return NULL;
}

/* Leftmost-longest replacement, so a protecting entry that starts earlier
 * (全国中小学) wins over a repair inside it (国中). */
static void repair(const char *s, size_t n, struct buf *out)
{
	size_t i = 0, run = 0;

	buf_reserve(out, n);
	while (i < n) {
		const struct repair *r = repair_at(s + i, n - i);
		uint32_t cp;

		if (!r) {
			i += (size_t)zj_utf8_decode((const unsigned char *)s + i, n - i, &cp);
			continue;
		}
		buf_add(out, s + run, i - run);
		buf_add(out, r->to, r->tlen);
		i += r->flen;
		run = i;
	}
	buf_add(out, s + run, n - run);
}

void to_simplified(const char *s, size_t n, struct buf *out)
{
	char *conv = opencc_convert_utf8(converter(), s, n);

	if (!conv)
		zj_die("OpenCC: %s", opencc_error());
	repair(conv, strlen(conv), out);
	opencc_convert_utf8_free(conv);
}

int has_char3(const char *s, size_t n, const char *c)
{
	const unsigned char *u = (const unsigned char *)s, *k = (const unsigned char *)c;
	size_t end;

	for (end = 2; end < n; end++) {
		/* its last two bytes, sixteen places at once */
		if (end + 16 <= n && !any16((load16(u + end - 1) == k[1]) & (load16(u + end) == k[2]))) {
			end += 15;
			continue;
		}
		if (u[end] == k[2] && u[end - 1] == k[1] && u[end - 2] == k[0])
			return 1;
	}
	return 0;
}

size_t utf8_chars(const char *s, size_t n)
{
	size_t k = 0, i;

	for (i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}
