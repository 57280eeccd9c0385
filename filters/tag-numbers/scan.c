/* Finding the number mentions of a sentence: a hand-written scanner that
 * walks the text once, left to right, and never backtracks further than
 * the words of its data files are long. */
#include <math.h>
#include <string.h>

#include "zj.h"
#include "tagnum.h"

/* Longest unit word joined from two parts (批 + 次), in bytes. */
#define MAX_UNIT 64
/* How far an indicator reaches, in characters. */
#define IND_AFTER 8
#define IND_BEFORE 20
/* Bare numbers this long are codes and phone numbers, not quantities. */
#define CODE_DIGITS 7
/* How many characters a quoted slogan runs on after its number (“5个好”). */
#define SLOGAN_TAIL 3
/* 《 and 》 enclose the title of a document: its counts are part of a name. */
#define TITLE_OPEN 0x300A
#define TITLE_CLOSE 0x300B

struct scanner {
	const struct tables *t;
	const char *s;
	size_t n;
	size_t prev_end;        /* end of the last mention */
	int in_title;           /* inside 《…》, where only years and dates count */
	mention_fn *fn;
	void *ctx;
};

/* A numeral or a range of two, with its magnitude words and 余/多. */
struct quantity {
	struct numeral first, last;
	int range;
	double scale;           /* of the first numeral: 万 → 1e4 */
	double last_scale;      /* of the last; a lone first takes it (3—5万) */
	char approx;            /* from 余/多 inside */
	size_t end;
};

static int has_role(const struct word *w, const char *role)
{
	size_t n = strlen(role);
	const char *p;

	if (!w->several_roles)  /* the common case, and inline */
		return !strcmp(w->a, role);
	for (p = w->a; (p = strstr(p, role)); p += n)
		if ((p == w->a || p[-1] == ',') && (p[n] == ',' || !p[n]))
			return 1;
	return 0;
}

/* The word of lx that s[p..] starts with and that has the role, or NULL. */
static const struct word *word_at(const struct scanner *sc, const struct lexicon *lx,
                                  size_t p, const char *role)
{
	const struct word *w = lex_prefix(lx, sc->s + p, sc->n - p);

	return w && (!role || has_role(w, role)) ? w : NULL;
}

static inline uint32_t cp_at(const struct scanner *sc, size_t p, int *len)
{
	uint32_t cp;

	*len = char_at(sc->s, sc->n, p, &cp);
	return cp;
}

static int is_ascii_alnum(uint32_t cp)
{
	return cp < 0x80 && ((cp | 0x20) - 'a' < 26 || cp - '0' < 10);
}

static int is_ideograph(uint32_t cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF);
}

static int is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == 0x3000 || cp == 0xA0;
}

/* A run of ASCII letters, digits, masks and URL punctuation: a code, a
 * URL, a formula (1+X) or a name (H1N1); none of it is a quantity. */
static size_t skip_code(const struct scanner *sc, size_t p)
{
	while (p < sc->n) {
		unsigned char c = sc->s[p];

		if (!is_ascii_alnum(c) && !strchr("._/:+-#=&?~@*", c))
			break;
		p++;
	}
	return p;
}

static int parse_numeral(const struct scanner *sc, size_t p, struct numeral *num)
{
	int len;
	uint32_t cp = cp_at(sc, p, &len);

	if (is_digit_cp(cp) || is_mask_cp(cp))
		return parse_arabic(sc->s, sc->n, p, num);
	if (is_cnum_cp(cp))
		return parse_chinese(sc->s, sc->n, p, num);
	return 0;
}

/* A real unit at p (not a word that only looks like one). */
static const struct word *unit_at(const struct scanner *sc, size_t p)
{
	const struct word *w = word_at(sc, &sc->t->units, p, NULL);
	uint32_t after;
	int len;

	if (!w)
		return NULL;
	/* an ASCII unit (m2, km) must not run on into more letters */
	if (is_ascii_alnum((unsigned char)w->text[w->len - 1])) {
		after = cp_at(sc, p + w->len, &len);
		if (is_ascii_alnum(after))
			return NULL;
	}
	return w;
}

/* Magnitude words and 余/多 after a numeral: 1.2万, 3千万, 1500余万, 2万多. */
static size_t parse_tail(const struct scanner *sc, size_t q, struct quantity *qt)
{
	const struct word *w;
	double m;
	int len;

	for (;;) {
		if (unit_at(sc, q))
			break;
		m = magnitude_of(cp_at(sc, q, &len));
		if (m > 0) {
			qt->scale *= m;
			q += len;
		} else if (qt->approx == '=' && (w = word_at(sc, &sc->t->qualifiers, q, "inner"))) {
			qt->approx = *w->b ? *w->b : '>';
			q += w->len;
		} else {
			break;
		}
	}
	return q;
}

/* Two numerals joined by a hyphen that are a phone number or a date code. */
static int is_hyphen_code(const struct numeral *a, const struct numeral *b)
{
	return a->lead_zero || b->lead_zero || a->digits >= CODE_DIGITS || b->digits >= CODE_DIGITS;
}

/* The numeral at p, its magnitude, and a second one after a range sign. */
static int parse_quantity(const struct scanner *sc, size_t p, struct quantity *qt)
{
	const struct word *sep;
	struct quantity second;
	size_t q;

	qt->scale = 1;
	qt->approx = '=';
	qt->range = 0;
	if (!parse_numeral(sc, p, &qt->first))
		return 0;
	qt->last = qt->first;
	qt->end = qt->first.toolong ? qt->first.end : parse_tail(sc, qt->first.end, qt);
	qt->last_scale = qt->scale;
	if (qt->first.toolong || !(sep = word_at(sc, &sc->t->qualifiers, qt->end, "range")))
		return 1;
	q = qt->end + sep->len;
	second.scale = 1;
	second.approx = '=';
	if (!parse_numeral(sc, q, &second.first) || second.first.chinese != qt->first.chinese ||
	    second.first.toolong)
		return 1;
	if (*sep->text == '-' && (is_hyphen_code(&qt->first, &second.first) ||
	                          (second.first.end < sc->n && sc->s[second.first.end] == '-')))
		return -1;      /* 0595-2234567, 400-123-4567, 2023-03-13 */
	second.end = parse_tail(sc, second.first.end, &second);
	qt->range = 1;
	qt->last = second.first;
	qt->last_scale = second.scale;
	if (qt->scale == 1)
		qt->scale = second.scale;
	if (second.approx != '=')
		qt->approx = second.approx;
	qt->end = second.end;
	return 1;
}

static int is_year_numeral(const struct numeral *num)
{
	if (num->chinese)
		return num->positional && num->digits == 4 && num->value >= 1900 && num->value <= 2100;
	if (num->decimal)
		return 0;
	if (num->masked)
		return num->digits <= 4;
	return num->digits == 4 && num->value >= 1900 && num->value <= 2100;
}

static int unit_is(const struct mention *m, const char *u)
{
	return m->unitlen == strlen(u) && !memcmp(m->unit, u, m->unitlen);
}

static void set_unit(struct mention *m, const struct word *w)
{
	m->unit = *w->a ? w->a : w->text;      /* no UNIT field: the word itself */
	m->unitlen = strlen(m->unit);
	m->dim = *w->b ? w->b : "other";
}

/* The unit that is word a followed by b (个 + 月, 批 + 次), or NULL. */
static const struct word *joined_unit(const struct scanner *sc, const char *a, size_t alen,
                                      const char *b, size_t blen)
{
	char buf[MAX_UNIT];
	const struct word *w;

	if (alen + blen > sizeof buf)
		return NULL;
	memcpy(buf, a, alen);
	memcpy(buf + alen, b, blen);
	w = lex_prefix(&sc->t->units, buf, alen + blen);
	return w && w->len == alen + blen && strcmp(w->b, "none") && strcmp(w->b, "skip") ? w : NULL;
}

/* A unit word cut in two: 79批(次) is 79 批次, 2个多月 is more than 2 个月. */
static size_t join_split_unit(const struct scanner *sc, size_t q, const struct word *unit,
                              struct mention *m)
{
	static const char *const paren[] = { "(次)", "（次）" };
	const struct word *w, *rest, *joined;
	size_t i, k;

	for (i = 0; i < sizeof paren / sizeof *paren; i++) {
		k = strlen(paren[i]);
		if (q + k <= sc->n && !memcmp(sc->s + q, paren[i], k) &&
		    (joined = joined_unit(sc, unit->text, unit->len, "次", strlen("次")))) {
			set_unit(m, joined);
			return q + k;
		}
	}
	if ((w = word_at(sc, &sc->t->qualifiers, q, "inner")) && (rest = unit_at(sc, q + w->len)) &&
	    (joined = joined_unit(sc, unit->text, unit->len, rest->text, rest->len))) {
		set_unit(m, joined);
		if (m->approx == '=')
			m->approx = *w->b ? *w->b : '>';
		return q + w->len + rest->len;
	}
	return q;
}

/* Four digits or more, then an unknown character that begins a word
 * (12345热线, 5321学校, 2035远景): the number names something. */
static int is_code_name(const struct scanner *sc, const struct quantity *qt, size_t after)
{
	int len;

	return qt->first.digits >= 4 && !qt->first.decimal && !qt->range && qt->scale == 1 &&
	       qt->approx == '=' && is_ideograph(cp_at(sc, after, &len));
}

/* The unit after the quantity: a word of the units table, else an unknown
 * measure word (one ideograph) after Arabic digits. Returns the end. */
static size_t parse_unit(const struct scanner *sc, const struct quantity *qt, size_t q,
                         struct mention *m, int *skip)
{
	const struct word *w = unit_at(sc, q);
	size_t r = q;
	uint32_t cp;
	int len;

	while (!w && !qt->first.chinese && r < q + 2 && is_space(cp_at(sc, r, &len)))
		w = unit_at(sc, r += len);
	m->unit = "";
	m->unitlen = 0;
	m->dim = "other";
	if (w) {
		if (!strcmp(w->b, "skip")) {
			*skip = 1;
			return r + w->len;
		}
		if (!strcmp(w->b, "none"))
			return q;
		set_unit(m, w);
		return join_split_unit(sc, r + w->len, w, m);
	}
	cp = cp_at(sc, q, &len);
	if (qt->first.chinese || qt->first.masked || !is_ideograph(cp) || is_cnum_cp(cp) ||
	    word_at(sc, &sc->t->qualifiers, q, NULL))
		return q;
	if (is_code_name(sc, qt, q + len)) {
		*skip = 1;
		return q;
	}
	m->unit = sc->s + q;
	m->unitlen = len;
	return q + len;
}

/* 5月26日, 8月底, 9月份: a month, maybe with its day. */
static size_t parse_date(const struct scanner *sc, size_t q, struct mention *m)
{
	struct numeral day;
	const struct word *w;

	m->kind = "date";
	m->dim = "date";
	if (!m->range && parse_numeral(sc, q, &day) && !day.decimal && (day.masked || (day.value >= 1 && day.value <= 31)) &&
	    (w = word_at(sc, &sc->t->qualifiers, day.end, "day"))) {
		m->masked |= day.masked;
		m->value += day.value / 100;
		m->low = m->high = m->value;
		m->unit = "日";
		m->unitlen = strlen(m->unit);
		return day.end + w->len;
	}
	if ((w = word_at(sc, &sc->t->qualifiers, q, "month")))
		return q + w->len;
	return q;
}

static int is_month(double v)
{
	return v >= 1 && v <= 12 && v == (int)v;
}

/* Years and dates among the quantities: 2009年, 20__年, 5月26日. */
static size_t classify(const struct scanner *sc, const struct quantity *qt, size_t q,
                       struct mention *m)
{
	int whole = !qt->first.masked && !qt->first.decimal && qt->scale == 1;

	m->kind = "qty";
	if (m->approx != '=' || qt->first.small)
		return q;
	if (is_year_numeral(&qt->first) && qt->scale == 1 && (!qt->range || is_year_numeral(&qt->last)) &&
	    (unit_is(m, "年") || unit_is(m, "学年") || (qt->range && !m->unitlen && qt->first.digits == 4))) {
		m->kind = "year";
		m->dim = "year";
		m->unit = "年";
		m->unitlen = strlen(m->unit);
		return q;
	}
	if (unit_is(m, "月") && (qt->first.masked || (whole && is_month(m->low) && is_month(m->high))))
		return parse_date(sc, q, m);
	if (unit_is(m, "日") && !qt->range && whole && m->value >= 1 && m->value <= 31) {
		m->kind = "date";
		m->dim = "date";
		m->value /= 100;
		m->low = m->high = m->value;
	}
	return q;
}

static int is_open_bracket(uint32_t cp)
{
	return cp == '(' || cp == 0xFF08 || cp == 0x3014 || cp == '[' || cp == 0xFF3B ||
	       cp == 0x3010 || cp == 0x201C || cp == '"' || cp == 0x2018 || cp == 0x300C ||
	       cp == 0x300A;
}

static int is_close_bracket(uint32_t cp)
{
	return cp == ')' || cp == 0xFF09 || cp == 0x3015 || cp == ']' || cp == 0xFF3D ||
	       cp == 0x3011 || cp == 0x201D || cp == '"' || cp == 0x2019 || cp == 0x300D ||
	       cp == 0x300B;
}

/* A bare number (no unit, no magnitude) that is a list marker (1、 2.),
 * a code in brackets or quotes (〔2017〕, “985”) or a phone number. */
static int is_bare_code(const struct scanner *sc, const struct quantity *qt, size_t start)
{
	uint32_t before = char_before(sc->s, start), after;
	int len;

	after = cp_at(sc, qt->end, &len);
	if (after == 0x3001 || after == 0xFF0E || (after == '.' && (!start || is_space(before))))
		return 1;
	if (is_open_bracket(before) && is_close_bracket(after))
		return 1;
	if (before == 0x201C || after == 0x201D)    /* in quotes: “985”, “安全教育123” */
		return 1;
	return !qt->first.decimal && (qt->first.lead_zero || qt->first.digits >= CODE_DIGITS);
}

/* A short quotation that opens with the number: a slogan (“5个好”,
 * “十个一”), not a count. */
static int is_slogan(const struct scanner *sc, const struct mention *m, size_t end)
{
	uint32_t cp;
	int len, k;

	if (char_before(sc->s, m->start) != 0x201C || !strcmp(m->dim, "percent"))
		return 0;
	for (k = 0; k <= SLOGAN_TAIL; k++, end += len)
		if ((cp = cp_at(sc, end, &len)) == 0x201D)
			return 1;
		else if (!is_ideograph(cp))
			return 0;
	return 0;
}

/* Quantities that are not listed: ordinals (第三届), a lone Chinese digit
 * with a measure word (三所), Chinese numerals without a unit, masks
 * without anything numeric around them (XX市), markers and codes. */
static int is_listed(const struct scanner *sc, const struct quantity *qt, const struct mention *m,
                     size_t end)
{
	uint32_t before = char_before(sc->s, m->start);
	const struct word *w = lex_suffix(&sc->t->qualifiers, sc->s, m->start);

	if (w && has_role(w, "ordinal"))
		return 0;
	if (before == 0x3015 || before == ']' || before == 0xFF3D)   /* 〔2017〕167号 */
		return 0;
	if (qt->first.hidden && !unit_is(m, "年"))
		return 0;
	if (m->unitlen && is_slogan(sc, m, end))
		return 0;
	if (qt->first.chinese)
		return m->unitlen && (!qt->first.small || qt->range);
	if (m->unitlen || qt->scale != 1 || qt->range || m->approx != '=')
		return 1;
	if (qt->first.masked)
		return qt->first.decimal;
	return !is_bare_code(sc, qt, m->start);
}

/* Words before the number that qualify it: 约, 近, 超过, 不少于; and
 * before a bare magnitude only, 过万, 上千, 数十. */
static void pre_qualifier(const struct scanner *sc, struct mention *m)
{
	const struct word *w = lex_suffix(&sc->t->qualifiers, sc->s, m->start);
	int len;

	if (w && (has_role(w, "before") ||
	          (has_role(w, "vague") && magnitude_of(cp_at(sc, m->start, &len)) > 0)) &&
	    m->start - w->len >= sc->prev_end) {
		m->start -= w->len;
		m->approx = *w->b ? *w->b : '~';
	}
}

static size_t post_qualifier(const struct scanner *sc, size_t q, struct mention *m)
{
	const struct word *w = word_at(sc, &sc->t->qualifiers, q, "after");
	uint32_t next;
	int len;

	if (!w)
		return q;
	/* 5万+ is "more than", 2+1 is a formula */
	next = cp_at(sc, q + w->len, &len);
	if (is_ascii_alnum((unsigned char)w->text[0]) || (*w->text == '+' && is_ascii_alnum(next)))
		return q;
	if (m->approx == '=')
		m->approx = *w->b ? *w->b : '>';
	return q + w->len;
}

/* A word that ends the phrase after a unit: a link or a verb. */
static int ends_phrase(const struct scanner *sc, size_t p)
{
	const struct word *w = word_at(sc, &sc->t->links, p, NULL);

	return w && (has_role(w, "link") || has_role(w, "verb"));
}

/* The noun phrase right after the unit: 649名教师 → 教师. */
static size_t phrase_after(const struct scanner *sc, size_t p, size_t *len_out)
{
	size_t q = p;
	int len, k;
	uint32_t cp;

	for (k = 0; k < IND_AFTER && q < sc->n; k++) {
		cp = cp_at(sc, q, &len);
		if (!is_ideograph(cp) || is_cnum_cp(cp) || ends_phrase(sc, q))
			break;
		q += len;
	}
	*len_out = k >= 2 ? q - p : 0;
	return p;
}

/* The phrase before the number, linking words trimmed: 本科上线率为 → 本科上线率. */
static size_t phrase_before(const struct scanner *sc, size_t p, size_t *len_out)
{
	const struct word *w;
	size_t b = p;
	int k;

	for (k = 0; k < IND_BEFORE && b > sc->prev_end && is_ideograph(char_before(sc->s, b)); k++)
		b -= 3;         /* the ideographs of is_ideograph() are three bytes long */
	while ((w = lex_suffix(&sc->t->links, sc->s, p)) && p - w->len >= b && has_role(w, "link"))
		p -= w->len;
	while (b < p && (w = word_at(sc, &sc->t->links, b, "scope")) && b + w->len <= p)
		b += w->len;
	*len_out = p - b;
	return b;
}

static void find_indicator(const struct scanner *sc, struct mention *m)
{
	m->ind_start = phrase_after(sc, m->end, &m->ind_len);
	if (!m->ind_len)
		m->ind_start = phrase_before(sc, m->start, &m->ind_len);
}

/* The dot of a day named by its date: 5·12, 4·23. */
static int is_day_dot(uint32_t cp)
{
	return cp == 0xB7 || cp == 0x2022 || cp == 0x30FB;
}

/* Past the rest of a day label (·12 of 5·12): the name of a day. */
static size_t skip_day_label(const struct scanner *sc, size_t q)
{
	struct numeral num;
	int len;

	while (is_day_dot(cp_at(sc, q, &len)) && parse_arabic(sc->s, sc->n, q + len, &num))
		q = num.end;
	return q;
}

/* 4562.93 × 1e4 is 45629300.000000004 in binary: round off the noise. */
static double scaled(double v, double scale)
{
	return scale == 1 ? v : round(v * scale * 1e6) / 1e6;
}

/* The mention at p (a numeral starts there). Returns where to go on. */
static size_t take_number(struct scanner *sc, size_t p)
{
	struct quantity qt;
	struct mention m;
	size_t q;
	int rc = parse_quantity(sc, p, &qt), skip = 0, len;
	uint32_t next;

	/* each way out moves past the numeral: the scan always makes progress */
	if (rc < 0)
		return skip_code(sc, qt.end);
	if (!rc)
		return p + (cp_at(sc, p, &len) ? len : 1);
	/* the common 一 of 一些, 统一, 进一步: no mention, and no more lookups */
	if (qt.first.toolong || (qt.first.small && !qt.range))
		return qt.end;
	next = cp_at(sc, qt.end, &len);
	if (!qt.first.chinese && is_ascii_alnum(next) && !unit_at(sc, qt.end))
		return skip_code(sc, qt.end);
	/* 2+1 and 1+X are formulas; 8:30, 1/3 and 2021.10.1 are times, fractions, dates */
	if (!qt.first.chinese && (next == '+' || next == ':' || next == '/' || next == '.') &&
	    (next == '+' ? is_ascii_alnum : is_digit_cp)(cp_at(sc, qt.end + 1, &len)))
		return skip_code(sc, qt.end);
	if (is_day_dot(next) && is_digit_cp(cp_at(sc, qt.end + len, &len)))
		return skip_day_label(sc, qt.end);
	memset(&m, 0, sizeof m);
	m.start = p;
	m.approx = qt.approx;
	m.range = qt.range;
	m.masked = qt.first.masked || qt.last.masked;
	m.low = scaled(qt.first.value, qt.scale);
	m.high = scaled(qt.last.value, qt.last_scale);
	m.value = m.range ? NAN : m.low;
	q = parse_unit(sc, &qt, qt.end, &m, &skip);
	if (skip || !is_listed(sc, &qt, &m, q))
		return sc->prev_end = q;     /* no indicator reaches into it either */
	pre_qualifier(sc, &m);
	q = classify(sc, &qt, q, &m);
	if (sc->in_title && !strcmp(m.kind, "qty"))
		return sc->prev_end = q;
	if (strcmp(m.kind, "year"))
		q = post_qualifier(sc, q, &m);
	m.end = q;
	find_indicator(sc, &m);
	sc->fn(&m, sc->ctx);
	sc->prev_end = q;
	return q;
}

/* 百分之九十五, 千分之三: the numeral follows its unit. */
static size_t take_fraction(struct scanner *sc, size_t p, const struct word *w)
{
	struct numeral num;
	struct mention m;
	const struct word *u;

	if (!parse_numeral(sc, p + w->len, &num) || num.toolong || sc->in_title)
		return p + w->len;
	memset(&m, 0, sizeof m);
	m.start = p;
	m.end = num.end;
	m.approx = '=';
	m.masked = num.masked;
	m.value = m.low = m.high = num.value;
	m.unit = w->b;
	m.unitlen = strlen(w->b);
	u = lex_prefix(&sc->t->units, m.unit, m.unitlen);
	m.dim = u && u->len == m.unitlen ? u->b : "percent";
	m.kind = "qty";
	pre_qualifier(sc, &m);
	m.end = post_qualifier(sc, m.end, &m);
	find_indicator(sc, &m);
	sc->fn(&m, sc->ctx);
	sc->prev_end = m.end;
	return m.end;
}

/* A not-a-number phrase at p (两基, 十四五, 985), whole words only where
 * it begins or ends with ASCII. */
static size_t not_number_at(const struct scanner *sc, size_t p)
{
	const struct word *w = word_at(sc, &sc->t->notnumbers, p, NULL);
	int len;

	if (!w)
		return 0;
	if (is_ascii_alnum((unsigned char)w->text[0]) && is_ascii_alnum(char_before(sc->s, p)))
		return 0;
	if (is_ascii_alnum((unsigned char)w->text[w->len - 1]) && is_ascii_alnum(cp_at(sc, p + w->len, &len)))
		return 0;
	return w->len;
}

/* A single Chinese digit (the 一 of 一些, 统一, 进一步) with nothing after
 * it that could make it a range: never listed, so skipped at once. */
static int is_lone_digit(const struct scanner *sc, size_t p, int len)
{
	uint32_t cp, next;
	int nlen;

	char_at(sc->s, sc->n, p, &cp);
	if (!is_cnum_cp(cp) || magnitude_of(cp) > 0 || cp == 0x3007 || cp == 0x96F6 || cp == 0x25CB)
		return 0;       /* 〇 零 ○ */
	next = cp_at(sc, p + len, &nlen);
	return !is_cnum_cp(next) && !is_digit_cp(next) && next != 0x70B9 && next != 0x9EDE &&  /* 点 */
	       !lex_may_start(&sc->t->qualifiers, next);
}

/* X and x are masks only when no other letter touches them (XX年, not Xbox). */
static int is_mask_run(const struct scanner *sc, size_t p)
{
	size_t q = p;

	if (is_ascii_alnum(char_before(sc->s, p)))
		return 0;
	while (q < sc->n && (sc->s[q] == 'X' || sc->s[q] == 'x'))
		q++;
	return q >= sc->n || !((sc->s[q] | 0x20) >= 'a' && (sc->s[q] | 0x20) <= 'z');
}

void mark_interesting(struct tables *t)
{
	uint32_t cp;

	memcpy(t->interesting, t->notnumbers.starts, sizeof t->interesting);
	for (cp = 0; cp < 0x10000; cp++)
		if (is_digit_cp(cp) || is_mask_cp(cp) || is_cnum_cp(cp) || is_ascii_alnum(cp) ||
		    cp == TITLE_OPEN || cp == TITLE_CLOSE)
			t->interesting[cp >> 3] |= 1 << (cp & 7);
}

void scan_sentence(const struct tables *t, const char *s, size_t n, mention_fn *fn, void *ctx)
{
	struct scanner sc = { t, s, n, 0, 0, fn, ctx };
	const struct word *w;
	size_t p = 0, skip;
	uint32_t cp;
	int len;

	while (p < n) {
		cp = cp_at(&sc, p, &len);
		if (cp < 0x10000 && !(t->interesting[cp >> 3] & 1 << (cp & 7))) {
			p += len;
			continue;
		}
		if (cp == TITLE_OPEN || cp == TITLE_CLOSE) {
			sc.in_title = cp == TITLE_OPEN;
			p += len;
		} else if (is_lone_digit(&sc, p, len)) {
			p += len;
		} else if (lex_may_start(&t->notnumbers, cp) && (skip = not_number_at(&sc, p))) {
			p += skip;
		} else if ((cp == 'X' || cp == 'x') && !is_mask_run(&sc, p)) {
			p = skip_code(&sc, p);
		} else if (cp < 0x80 && is_ascii_alnum(cp) && !is_digit_cp(cp) && cp != 'X' && cp != 'x') {
			p = skip_code(&sc, p);
		} else if (is_cnum_cp(cp) && (w = word_at(&sc, &t->qualifiers, p, "fraction"))) {
			p = take_fraction(&sc, p, w);
		} else if (is_digit_cp(cp) || is_mask_cp(cp) || is_cnum_cp(cp)) {
			p = take_number(&sc, p);
		} else {
			p += len;
		}
	}
}
