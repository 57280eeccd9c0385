/* zj-aggregate: what its parts share. */
#include "zj.h"

/* ---- values: what groups are keyed on and what cells show (value.c) ---- */

/* nil, a missing key and "" are all V_NONE; a float with an integral
 * value is a V_INT, so that 2019 and 2019.0 fall in one group. */
enum val_type { V_INT, V_FLOAT, V_STR, V_NONE };

struct val {
	enum val_type type;
	int64_t i;
	double f;
	const char *s;
	size_t n;
};

void val_from_obj(struct val *v, const msgpack_object *o);
/* 1 and the number in *d when o is an integer or a float. */
int obj_number(const msgpack_object *o, double *d);
/* The value as text (numbers as the shortest decimal that reads back);
 * buf must hold 32 bytes. */
const char *val_text(const struct val *v, char *buf, size_t *len);
/* Total order for rows: numbers by value, then strings in natural order
 * (digit runs by their number), empty last. */
int val_cmp(const struct val *a, const struct val *b);
void val_pack(msgpack_packer *pk, const struct val *v);
/* A float with fixed formatting: 6 decimals at most, trailing zeros cut. */
void fmt_float(double d, char *buf, size_t size);

/* A key: the values of the group fields, encoded as bytes. */
struct keybuf {
	char *p;
	size_t len, cap;
};
void key_reset(struct keybuf *k);
void key_add(struct keybuf *k, const struct val *v);
/* Decode the next value of a key at *pos. */
void key_next(const char *key, size_t *pos, struct val *v);

/* ---- groups and their accumulators (groups.c) ---- */

/* The records counted, by type. */
enum rtype { R_DOC, R_SEC, R_SENT, R_NUM, NRTYPES };

struct acc {
	uint64_t count[NRTYPES];
	uint64_t docs;          /* documents they came from */
	uint64_t n;             /* values summed */
	/* The sum of values, exactly and so independent of order: integer
	 * parts, and fractional parts in units of 2^-60. */
	__int128 whole, frac;
	double min, max;
	uint64_t lastdoc;       /* sequence number of the last document counted */
};

struct group {
	struct acc acc;
	uint64_t hash;
	size_t keylen;
	char key[];
};

struct groups;
struct groups *groups_new(void);
struct group *groups_get(struct groups *gs, const struct keybuf *k);
/* All groups, sorted by key; valid until the next groups_get. */
struct group **groups_sorted(struct groups *gs, size_t *n);
void groups_free(struct groups *gs);

/* Fails rec when v is too large to be summed exactly. */
void acc_add_value(struct acc *a, double v, const struct zj_rec *rec);
void acc_merge(struct acc *into, const struct acc *from);
uint64_t acc_count(const struct acc *a);
double acc_sum(const struct acc *a);
/* The sum parts as decimal text (for the state records) and back. */
void int128_text(__int128 x, char *buf);
int int128_parse(const char *s, size_t n, __int128 *x);

/* ---- records in their context; --where (context.c) ---- */

struct context;
struct field;
struct cond;

struct context *context_new(void);
/* Take rec (a doc or sec record) as the current document or section. */
void context_set_doc(struct context *c, const struct zj_rec *rec);
void context_set_sec(struct context *c, const struct zj_rec *rec);
void context_free(struct context *c);
/* A number that changes whenever the document or the section does. */
unsigned long context_gen(const struct context *c);

/* "region", "doc.title", "sec.kind", "doc" (the document's id), "sec" (the
 * section's id). NULL when the name is not one. */
struct field *field_parse(const char *name);
const char *field_name(const struct field *f);
int field_is_type(const struct field *f);
/* Whether the field is one of the document or the section (doc.KEY, sec.KEY). */
int field_of_context(const struct field *f);
/* The field's value for rec in context c. */
void field_value(struct field *f, const struct zj_rec *rec,
                 const struct context *c, struct val *v);
void field_free(struct field *f);

/* FIELD=VALUE, FIELD!=VALUE, FIELD~REGEX; NULL (and *err set) if bad. */
struct cond *cond_parse(const char *expr, const char **err);
const struct field *cond_field(const struct cond *w);
/* The record type a condition t=TYPE asks for, or NULL. */
const char *cond_type(const struct cond *w);
int cond_true(const struct cond *w, const struct zj_rec *rec, const struct context *c);
void cond_free(struct cond *w);

/* ---- output formats (output.c) ---- */

enum outfmt { OUT_TSV, OUT_CSV, OUT_JSON, OUT_MD, OUT_MSGPACK };
int outfmt_parse(const char *name, enum outfmt *f);

struct column {
	const char *name;
	int numeric;            /* right-aligned in Markdown */
};

void out_begin(enum outfmt f, const char *table, const struct column *cols, int ncols);
void out_row(const struct val *cells);
void out_end(void);

/* ---- tables (tables.c) ---- */

enum measure { M_COUNT, M_DOCS, M_SUM, M_MIN, M_MAX, M_MEAN, M_NONE };
int measure_parse(const char *name, size_t len, enum measure *m);
const char *measure_name(enum measure m);

#define MAXKEYS 16
#define MAXMEASURES 16
#define MAXTABLEWHERE 3

/* What is grouped, on what, and what is shown. */
struct query {
	const struct table *table;
	const char *keys[MAXKEYS];
	int nkeys;
	enum measure measures[MAXMEASURES];
	int nmeasures;
	double money_scale;     /* 1, 1e4 or 1e8 */
	const char *money_unit; /* 元, 万元, 亿元 */
};

struct table {
	const char *name;
	const char *keys[MAXKEYS];      /* the group fields */
	const char *where[MAXTABLEWHERE + 1];   /* conditions of its own */
	void (*render)(const struct query *q, struct group **g, size_t n, enum outfmt f);
};

/* NULL when there is no table of that name. */
const struct table *table_find(const char *name);
/* The table of --by. */
extern const struct table by_table;
/* Fill q's keys (and for --by the unit a value measure needs). */
void query_keys(struct query *q, char *const *by, int nby);
/* Set q's money unit (元, 万元, 亿元, n bytes); 0 when it is none of them. */
int money_unit(struct query *q, const char *unit, size_t n);

/* ---- partial states and merging them (state.c) ---- */

void state_write_header(const struct query *q, const char *const *where, int nwhere, int keep_dups);
void state_write_groups(struct group **g, size_t n, int nkeys);

/* What the command line of --merge named, which the states must match. */
enum { ASKED_TABLE = 1, ASKED_UNIT = 2 };
struct merger;
/* Merging sets *q to the query of the states. */
struct merger *merger_new(struct query *q, unsigned asked);
void merge_stream(struct merger *m, struct zj_reader *r, struct groups *gs);
/* Write the header of the states merged; 0 when there was none. */
int merger_write_header(struct merger *m);
void merger_free(struct merger *m);
