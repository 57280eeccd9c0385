/* Each record seen with its document and innermost section; --where. */
#include "regex.h"
#include <stdlib.h>
#include <string.h>

#include "aggregate.h"

/* A copy of a doc or sec record that outlives the reader's buffer. */
struct saved {
	char *buf;
	size_t cap;
	msgpack_zone *zone;
	msgpack_object obj;     /* its strings point into buf */
	int set;
};

struct context {
	struct saved doc, sec;
	unsigned long gen;      /* changes with the document or the section */
};

static void saved_init(struct saved *s)
{
	s->buf = NULL;
	s->cap = 0;
	if (!(s->zone = msgpack_zone_new(MSGPACK_ZONE_CHUNK_SIZE)))
		zj_die("out of memory");
	s->set = 0;
}

static void saved_free(struct saved *s)
{
	free(s->buf);
	msgpack_zone_free(s->zone);
}

static void save(struct saved *s, const struct zj_rec *rec)
{
	size_t off = 0;

	if (rec->rawlen > s->cap) {
		s->cap = rec->rawlen * 2;
		s->buf = zj_realloc(s->buf, s->cap);
	}
	memcpy(s->buf, rec->raw, rec->rawlen);
	msgpack_zone_clear(s->zone);
	if (msgpack_unpack(s->buf, rec->rawlen, &off, s->zone, &s->obj) != MSGPACK_UNPACK_SUCCESS)
		zj_die("internal error: cannot re-read a record");
	s->set = 1;
}

struct context *context_new(void)
{
	struct context *c = zj_malloc(sizeof *c);

	saved_init(&c->doc);
	saved_init(&c->sec);
	c->gen = 1;
	return c;
}

void context_free(struct context *c)
{
	saved_free(&c->doc);
	saved_free(&c->sec);
	free(c);
}

void context_set_doc(struct context *c, const struct zj_rec *rec)
{
	save(&c->doc, rec);
	c->sec.set = 0;
	c->gen++;
}

void context_set_sec(struct context *c, const struct zj_rec *rec)
{
	save(&c->sec, rec);
	c->gen++;
}

unsigned long context_gen(const struct context *c)
{
	return c->gen;
}

/* ---- fields ---- */

enum scope { S_ANY, S_DOC, S_SEC };

struct field {
	char *name;
	enum scope scope;
	const char *key;
	size_t klen;
	/* a doc. or sec. field keeps its value while the context lasts */
	struct val cached;
	unsigned long gen;
};

static int is_key(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!(*s == '_' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9')))
			return 0;
	return 1;
}

struct field *field_parse(const char *name)
{
	struct field *f = zj_malloc(sizeof *f);

	f->name = zj_strdup(name);
	f->scope = S_ANY;
	f->key = f->name;
	f->gen = 0;
	if (!strcmp(name, "doc") || !strcmp(name, "sec")) {
		f->scope = name[0] == 'd' ? S_DOC : S_SEC;
		f->key = "id";
	} else if (!strncmp(name, "doc.", 4) || !strncmp(name, "sec.", 4)) {
		f->scope = name[0] == 'd' ? S_DOC : S_SEC;
		f->key = f->name + 4;
	}
	if (!is_key(f->key)) {
		field_free(f);
		return NULL;
	}
	f->klen = strlen(f->key);
	return f;
}

void field_free(struct field *f)
{
	if (f)
		free(f->name);
	free(f);
}

const char *field_name(const struct field *f)
{
	return f->name;
}

int field_is_type(const struct field *f)
{
	return f->scope == S_ANY && !strcmp(f->key, "t");
}

int field_of_context(const struct field *f)
{
	return f->scope != S_ANY;
}

static const msgpack_object *map_get(const msgpack_object *map, const char *key, size_t klen)
{
	const msgpack_object_kv *kv = map->via.map.ptr, *end = kv + map->via.map.size;

	for (; kv < end; kv++)
		if (kv->key.type == MSGPACK_OBJECT_STR && kv->key.via.str.size == klen &&
		    !memcmp(kv->key.via.str.ptr, key, klen))
			return &kv->val;
	return NULL;
}

static const msgpack_object *saved_get(const struct saved *s, const struct field *f)
{
	return s->set ? map_get(&s->obj, f->key, f->klen) : NULL;
}

/* A record's own key first, then its document's, then its section's. */
void field_value(struct field *f, const struct zj_rec *rec,
                 const struct context *c, struct val *v)
{
	const msgpack_object *o;

	if (f->scope != S_ANY) {
		if (f->gen != c->gen) {
			val_from_obj(&f->cached, saved_get(f->scope == S_DOC ? &c->doc : &c->sec, f));
			f->gen = c->gen;
		}
		*v = f->cached;
		return;
	}
	if (field_is_type(f) && rec->type) {   /* also of a record read unpacked */
		*v = (struct val){ .type = V_STR, .s = rec->type, .n = rec->typelen };
		return;
	}
	if (!(o = map_get(&rec->obj, f->key, f->klen)) && !(o = saved_get(&c->doc, f)))
		o = saved_get(&c->sec, f);
	val_from_obj(v, o);
}

/* ---- conditions ---- */

enum op { OP_EQ, OP_NE, OP_MATCH };

struct cond {
	struct field *field;
	enum op op;
	char *value;
	size_t vlen;
	pcre2_code *re;
	pcre2_match_data *md;
};

static int compile(struct cond *w, const char **err)
{
	static char msg[300];

	w->re = zj_regex(w->value, PCRE2_ZERO_TERMINATED, 0, msg, sizeof msg);
	if (!w->re) {
		*err = msg;
		return 0;
	}
	w->md = pcre2_match_data_create_from_pattern(w->re, NULL);
	return 1;
}

const char *cond_type(const struct cond *w)
{
	return field_is_type(w->field) && w->op == OP_EQ ? w->value : NULL;
}

struct cond *cond_parse(const char *expr, const char **err)
{
	size_t n = strcspn(expr, "!=~");
	struct cond *w = zj_malloc(sizeof *w);
	char *name = zj_strndup(expr, n);
	const char *p = expr + n;

	memset(w, 0, sizeof w[0]);
	*err = "not FIELD=VALUE, FIELD!=VALUE or FIELD~REGEX";
	if (*p == '=')
		w->op = OP_EQ, p++;
	else if (*p == '~')
		w->op = OP_MATCH, p++;
	else if (p[0] == '!' && p[1] == '=')
		w->op = OP_NE, p += 2;
	else
		goto bad;
	if (!(w->field = field_parse(name)))
		goto bad;
	w->value = zj_strdup(p);
	w->vlen = strlen(p);
	if (w->op == OP_MATCH && !compile(w, err))
		goto bad;
	free(name);
	return w;
bad:
	free(name);
	cond_free(w);
	return NULL;
}

void cond_free(struct cond *w)
{
	if (!w)
		return;
	field_free(w->field);
	free(w->value);
	pcre2_match_data_free(w->md);
	pcre2_code_free(w->re);
	free(w);
}

const struct field *cond_field(const struct cond *w)
{
	return w->field;
}

int cond_true(const struct cond *w, const struct zj_rec *rec, const struct context *c)
{
	char buf[32];
	const char *s;
	size_t n;
	struct val v;

	field_value(w->field, rec, c, &v);
	s = val_text(&v, buf, &n);
	switch (w->op) {
	case OP_EQ:
		return n == w->vlen && !memcmp(s, w->value, n);
	case OP_NE:
		return !(n == w->vlen && !memcmp(s, w->value, n));
	default:
		/* Invalid UTF-8 in the record is an error code: no match. */
		return pcre2_match(w->re, (PCRE2_SPTR)s, n, 0, 0, w->md, NULL) >= 0;
	}
}
