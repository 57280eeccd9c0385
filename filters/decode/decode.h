/* zj-decode: the parts of the program and what they share. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* A growing byte buffer. */
struct buf {
	char *p;
	size_t len, cap;
};
void buf_add(struct buf *b, const char *s, size_t n);
void buf_addc(struct buf *b, char c);
void buf_reserve(struct buf *b, size_t extra);

/* ---- options (decode.c) ---- */
struct options {
	const char *from;       /* --from: the encoding, or NULL to detect */
	int html;               /* --html: 1 forces HTML, 0 detects */
	const char *rules;      /* --rules FILE: more boilerplate rules */
	const char *repair;     /* --repair FILE: the phrase table instead of ours */
	int text, titles;       /* --text, --titles */
	double dup;             /* --dup-threshold */
};

/* ---- reading a file as UTF-8 lines (input.c) ---- */
/* Can iconv read encoding enc? */
int input_encoding_known(const char *enc);
struct source {
	const char *path;       /* as given; "-" is stdin */
	char enc[32];           /* the encoding the bytes were read as */
	unsigned long bad;      /* bytes replaced by U+FFFD */
	int html;
	int valid;              /* the whole file was read while sniffing, and is valid UTF-8 */
	char *html_title;       /* <title> of a web page, or NULL */
	long long size;         /* of a regular file, or -1 */
	long long done;         /* bytes read */
	int eof;                /* all read */
};
/* Each line (no newline, normalised, NUL-terminated, may be changed) goes to fn. */
typedef void line_fn(char *line, size_t len, void *ctx);
/* 0 when read, -1 when the file could not be read or is not text (reported). */
int read_source(struct source *s, const struct options *o, line_fn *fn, void *ctx);
/* Convert n bytes in encoding enc to UTF-8, appending to out; bad bytes counted. */
void to_utf8(const char *enc, const char *in, size_t n, struct buf *out, unsigned long *bad);

/* ---- HTML (html.c) ---- */
/* libxml2 allocates through zj_malloc(): once memory has run out, its
 * HTML parser would otherwise go on and on reporting it. */
void html_init(void);
/* The text of a UTF-8 web page, blocks on lines; *title gets <title> or NULL. */
void html_text(const char *page, size_t n, struct buf *out, char **title);

#define GATE_RULES 256           /* gated rules at most (gate.c) */
struct gate_set {
	uint64_t w[GATE_RULES / 64];    /* a bit per rule */
};

/* ---- characters (text.c) ---- */
struct script_count {
	size_t han, hant;       /* Han characters; those only traditional script uses */
};
/* After clean_init(): the gate's words are looked up as lines are read. */
void text_init(const struct options *o);
/* Normalise a line in place (full-width ASCII, spaces, invisible marks);
 * counts its script, and finds its gate set (gate_scan of the result) as
 * it goes. Returns the new length. */
size_t normalize_line(char *s, size_t n, struct script_count *sc, struct gate_set *gate);
int is_traditional(const struct script_count *sc);
/* Traditional text to simplified, with the Taiwan-phrase damage repaired. */
void to_simplified(const char *s, size_t n, struct buf *out);

/* ---- boilerplate and page markers (clean.c) ---- */
void clean_init(const struct options *o);
/* The gate sets of a text's lines that are not empty, in line order. */
struct line_gates {
	struct line_gate {
		size_t line;    /* from 0 */
		struct gate_set set;
	} *v;
	size_t n, cap;
};
/* Clean text (lines separated by \n, s[n] writable) in place; returns its
 * new length and adds what was dropped to *dropped. gates: its lines'
 * gate sets, or NULL to find them. */
size_t clean_text(char *s, size_t n, unsigned long *dropped, const struct line_gates *gates);

/* ---- the gate in front of the rules (gate.c) ---- */
/* Learn the two-character words rule id (< GATE_RULES) needs; 0 when it
 * needs none (and is not gated). */
int gate_add(const char *pattern, unsigned id);
/* The rules whose words the text holds, in set; 0 when none. */
int gate_scan(const char *s, size_t n, struct gate_set *set);
/* A bit for the first character of each word, by gate_char(): the loops
 * that read every character test it as they go. */
extern uint64_t gate_first[1024];
/* The number of the character at s (len bytes) in gate_first: an ASCII
 * character's byte, else its last two bytes. */
static inline size_t gate_char(const unsigned char *s, size_t len)
{
	return len >= 2 ? (size_t)s[len - 2] << 8 | s[len - 1] : s[0];
}
static inline int gate_may_start(size_t c)
{
	return gate_first[c / 64] >> (c % 64) & 1;
}
/* Add the rules the word at s + i lets through to set; 0 when no word
 * starts there. */
int gate_word_at(const char *s, size_t i, size_t n, struct gate_set *set);

/* ---- compilations (split.c) ---- */
void split_init(void);
/* When the line opens a report of a compilation: its ordinal (1, 2, …) and
 * the title it carries (*title, *tlen; tlen 0 when none); else 0. */
int split_marker(const char *line, size_t n, const char **title, size_t *tlen);

/* ---- metadata (meta.c) ---- */
struct meta {
	char *title, *region;
	int year;               /* 0: unknown or masked */
	const char *period;
};
void meta_init(void);
/* Metadata of a clean text. marker_title: the title a compilation marker
 * gave (the text's first line is that marker), or NULL; html_title: the
 * <title> of a web page, or NULL. */
void meta_find(const char *text, size_t n, const char *marker_title, const char *html_title,
               struct meta *m);
void meta_free(struct meta *m);

/* ---- near-duplicates (dedup.c) ---- */
/* The id of an earlier document nearly the same as text, or NULL; the
 * text (text[n] readable, as a NUL) is remembered under id. */
const char *dedup_check(const char *id, const char *text, size_t n, double threshold);

/* ---- sixteen bytes at a time, with GCC's vector extension ---- */
typedef unsigned char bytes16 __attribute__((vector_size(16)));
typedef signed char flags16 __attribute__((vector_size(16)));  /* 0 or -1 a byte */

static inline bytes16 load16(const unsigned char *p)
{
	bytes16 v;

	memcpy(&v, p, 16);
	return v;
}

static inline int any16(flags16 f)
{
	uint64_t half[2];

	memcpy(half, &f, 16);
	return (half[0] | half[1]) != 0;
}

/* ---- UTF-8 helpers (text.c) ---- */
size_t utf8_chars(const char *s, size_t n);
/* Does s[0..n) hold the three-byte character c? */
int has_char3(const char *s, size_t n, const char *c);
int zj_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
