/* Reading a record stream: MessagePack maps back to back, or JSON Lines. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "zj.h"

#define CHUNK (64 * 1024)

enum { FMT_UNKNOWN, FMT_MSGPACK, FMT_JSON };

struct zj_reader {
	char **files;
	int nfiles, next;
	int fd;                 /* -1: no source open */
	const char *src;
	int fmt;
	int eof;
	char *buf;
	size_t cap, pos, len;   /* unread bytes are buf[pos..len) */
	unsigned long long base;/* source offset of buf[0] */
	unsigned long no;
	msgpack_zone *zone;     /* the current record's objects, reused */
	const char *const *want;/* the types to unpack; NULL: all */
	msgpack_sbuffer json;   /* a JSON line as MessagePack */
	msgpack_packer jpk;
};

static char stdin_name[] = "-";

struct zj_reader *zj_reader_new(char **files, int nfiles)
{
	struct zj_reader *r = zj_malloc(sizeof *r);
	static char *only_stdin[] = { stdin_name };

	memset(r, 0, sizeof *r);
	r->files = files;
	if (!nfiles) {
		r->files = only_stdin;
		nfiles = 1;
	}
	r->nfiles = nfiles;
	r->fd = -1;
	if (!(r->zone = msgpack_zone_new(MSGPACK_ZONE_CHUNK_SIZE)))
		zj_die("out of memory");
	msgpack_sbuffer_init(&r->json);
	msgpack_packer_init(&r->jpk, &r->json, msgpack_sbuffer_write);
	return r;
}

void zj_reader_free(struct zj_reader *r)
{
	if (!r)
		return;
	if (r->fd > STDIN_FILENO)
		close(r->fd);
	msgpack_zone_free(r->zone);
	msgpack_sbuffer_destroy(&r->json);
	free(r->buf);
	free(r);
}

void zj_reader_want(struct zj_reader *r, const char *const *types)
{
	r->want = types;
}

static void source_fail(const struct zj_reader *r, unsigned long long byte, const char *fmt, ...)
{
	va_list ap;

	zj_flush();
	fprintf(stderr, "%s: %s: record %lu (byte %llu): ", zj_prog->name, r->src, r->no + 1, byte);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static int open_next(struct zj_reader *r)
{
	const char *name;

	if (r->next >= r->nfiles)
		return 0;
	name = r->files[r->next++];
	if (!strcmp(name, "-")) {
		r->fd = STDIN_FILENO;
		r->src = "stdin";
	} else {
		r->fd = open(name, O_RDONLY);
		r->src = name;
		if (r->fd < 0)
			zj_die("%s: %s", name, strerror(errno));
	}
	r->fmt = FMT_UNKNOWN;
	r->eof = 0;
	r->pos = r->len = 0;
	r->base = 0;
	r->no = 0;
	return 1;
}

static void close_source(struct zj_reader *r)
{
	if (r->fd > STDIN_FILENO)
		close(r->fd);
	r->fd = -1;
}

/* Read more: at least `want` bytes unless the source ends first, and at
 * least one read. Output is flushed before blocking, so records reach the
 * next filter as they are made. */
static void fill(struct zj_reader *r, size_t want)
{
	size_t got = 0, room = want > CHUNK ? want : CHUNK;

	if (r->pos > 0) {
		memmove(r->buf, r->buf + r->pos, r->len - r->pos);
		r->base += r->pos;
		r->len -= r->pos;
		r->pos = 0;
	}
	if (r->cap < r->len + room) {
		while (r->cap < r->len + room)
			r->cap = r->cap ? r->cap * 2 : 2 * CHUNK;
		r->buf = zj_realloc(r->buf, r->cap);
	}
	zj_flush();
	do {
		ssize_t n = read(r->fd, r->buf + r->len, r->cap - r->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			zj_die("%s: %s", r->src, strerror(errno));
		if (n == 0)
			r->eof = 1;
		r->len += (size_t)n;
		got += (size_t)n;
	} while (!r->eof && got < want);
}

static void detect(struct zj_reader *r)
{
	for (;;) {
		while (r->pos < r->len && strchr(" \t\r\n", r->buf[r->pos]))
			r->pos++;
		if (r->pos < r->len || r->eof)
			break;
		fill(r, 0);
	}
	if (r->pos < r->len)
		r->fmt = r->buf[r->pos] == '{' ? FMT_JSON : FMT_MSGPACK;
}

static void set_type(struct zj_rec *rec)
{
	const msgpack_object *t = zj_rec_get(rec, "t");

	rec->type = NULL;
	rec->typelen = 0;
	if (t && t->type == MSGPACK_OBJECT_STR) {
		rec->type = t->via.str.ptr;
		rec->typelen = t->via.str.size;
	}
}

/* How the MessagePack header bytes 0xc4..0xdf go on: header length, how
 * many of its bytes (after the first) give a count, and what it counts. */
enum { FIXED, BYTES, ITEMS, PAIRS };
static const unsigned char mp_head[28][3] = {
	{ 2, 1, BYTES }, { 3, 2, BYTES }, { 5, 4, BYTES },      /* bin 8/16/32 */
	{ 3, 1, BYTES }, { 4, 2, BYTES }, { 6, 4, BYTES },      /* ext 8/16/32 */
	{ 5, 0, FIXED }, { 9, 0, FIXED },                       /* float 32/64 */
	{ 2, 0, FIXED }, { 3, 0, FIXED }, { 5, 0, FIXED }, { 9, 0, FIXED },     /* uint */
	{ 2, 0, FIXED }, { 3, 0, FIXED }, { 5, 0, FIXED }, { 9, 0, FIXED },     /* int */
	{ 3, 0, FIXED }, { 4, 0, FIXED }, { 6, 0, FIXED }, { 10, 0, FIXED }, { 18, 0, FIXED }, /* fixext */
	{ 2, 1, BYTES }, { 3, 2, BYTES }, { 5, 4, BYTES },      /* str 8/16/32 */
	{ 3, 2, ITEMS }, { 5, 4, ITEMS },                       /* array 16/32 */
	{ 3, 2, PAIRS }, { 5, 4, PAIRS },                       /* map 16/32 */
};

/* Whether the n bytes at p hold a whole MessagePack value: 1 and its
 * length in *len, 0 when more bytes are needed, -1 when p is not
 * MessagePack. Counts are checked against the bytes at hand before
 * msgpack-c sees them: it would allocate what a few hostile bytes
 * declare (a map of 4 billion pairs) before finding they are not there.
 * *empty tells whether the value holds an empty string or bin. */
static int msgpack_extent(const unsigned char *p, size_t n, size_t *len, int *empty)
{
	uint64_t pending = 1;   /* values still to skip */
	size_t pos = 0;

	*empty = 0;
	for (; pending; pending--) {
		unsigned b;
		uint64_t count = 0;
		size_t head = 1;
		int what = FIXED;

		if (pos >= n)
			return 0;
		b = p[pos];
		if (b >= 0x80 && b <= 0x8f)
			count = b & 15, what = PAIRS;
		else if (b >= 0x90 && b <= 0x9f)
			count = b & 15, what = ITEMS;
		else if (b >= 0xa0 && b <= 0xbf)
			count = b & 31, what = BYTES;
		else if (b == 0xc1)
			return -1;
		else if (b >= 0xc4 && b <= 0xdf) {
			const unsigned char *h = mp_head[b - 0xc4];
			head = h[0];
			what = h[2];
			if (n - pos < head)
				return 0;
			for (int i = 1; i <= h[1]; i++)
				count = count << 8 | p[pos + i];
		}
		pos += head;
		if (what == BYTES) {
			if (n - pos < count)
				return 0;
			pos += count;
			*empty |= count == 0;
		} else if (what != FIXED) {
			pending += what == PAIRS ? 2 * count : count;
		}
	}
	*len = pos;
	return 1;
}

/* msgpack-c gives an empty string a NULL pointer. Point it at "" so that
 * every string a filter gets can take memcpy() and pointer arithmetic. */
static void no_null_strings(msgpack_object *o)
{
	static const char empty[] = "";

	switch (o->type) {
	case MSGPACK_OBJECT_STR:
	case MSGPACK_OBJECT_BIN:
		if (!o->via.str.ptr)
			o->via.str.ptr = empty;
		break;
	case MSGPACK_OBJECT_ARRAY:
		for (uint32_t i = 0; i < o->via.array.size; i++)
			no_null_strings(&o->via.array.ptr[i]);
		break;
	case MSGPACK_OBJECT_MAP:
		for (uint32_t i = 0; i < o->via.map.size; i++) {
			no_null_strings(&o->via.map.ptr[i].key);
			no_null_strings(&o->via.map.ptr[i].val);
		}
		break;
	default:
		break;
	}
}

/* Unpack the whole value of len bytes at data into rec->obj, the objects
 * living in the reader's zone until the next record. fmt names the
 * source's format for errors. */
static void unpack(struct zj_reader *r, const char *data, size_t len, int empty, struct zj_rec *rec,
                   const char *fmt)
{
	size_t off = 0;
	msgpack_unpack_return ret;

	msgpack_zone_clear(r->zone);
	ret = msgpack_unpack(data, len, &off, r->zone, &rec->obj);
	if (ret != MSGPACK_UNPACK_SUCCESS)
		source_fail(r, rec->byte, ret == MSGPACK_UNPACK_NOMEM_ERROR ?
		            "%s record nested too deep or too large" : "invalid %s data", fmt);
	if (empty)
		no_null_strings(&rec->obj);
	rec->raw = data;
	rec->rawlen = len;
}

/* The string value of key "t" of the map of len bytes at p (a whole
 * value, as msgpack_extent found), in *type; 0 when p is no map or has
 * no such string. Records put "t" first, so this is mostly one step. */
static int peek_type(const unsigned char *p, size_t len, const char **type, size_t *typelen)
{
	size_t pos, klen, vlen;
	uint32_t pairs;
	int empty;

	if (p[0] >= 0x80 && p[0] <= 0x8f)
		pairs = p[0] & 15, pos = 1;
	else if (p[0] == 0xde)
		pairs = (uint32_t)p[1] << 8 | p[2], pos = 3;
	else
		return 0;
	for (; pairs; pairs--) {
		if (msgpack_extent(p + pos, len - pos, &klen, &empty) != 1)
			return 0;
		if (msgpack_extent(p + pos + klen, len - pos - klen, &vlen, &empty) != 1)
			return 0;
		if (klen == 2 && p[pos] == 0xa1 && p[pos + 1] == 't') {
			unsigned b = p[pos + 2];

			if (b < 0xa0 || b > 0xbf)
				return 0;
			*type = (const char *)p + pos + 3;
			*typelen = b & 31;
			return 1;
		}
		pos += klen + vlen;
	}
	return 0;
}

static int wanted(const struct zj_reader *r, const char *type, size_t typelen)
{
	for (const char *const *t = r->want; *t; t++)
		if (strlen(*t) == typelen && !memcmp(*t, type, typelen))
			return 1;
	return 0;
}

/* A record the filter does not look into: only its bytes and its type.
 * JSON output is made from the map, so then every record is unpacked. */
static int skim(struct zj_reader *r, const char *data, size_t len, struct zj_rec *rec)
{
	static const msgpack_object none = { .type = MSGPACK_OBJECT_MAP };
	const char *type;
	size_t typelen;

	if (!r->want || zj_out_is_json() || !peek_type((const unsigned char *)data, len, &type, &typelen) ||
	    wanted(r, type, typelen))
		return 0;
	rec->obj = none;
	rec->raw = data;
	rec->rawlen = len;
	rec->type = type;
	rec->typelen = typelen;
	return 1;
}

static int next_msgpack(struct zj_reader *r, struct zj_rec *rec)
{
	size_t tried = 0;

	for (;;) {
		size_t len = 0, avail = r->len - r->pos;
		int empty, whole = msgpack_extent((const unsigned char *)r->buf + r->pos, avail, &len, &empty);

		if (whole < 0)
			source_fail(r, r->base + r->pos, "invalid MessagePack data");
		if (!whole) {
			if (r->eof) {
				if (avail == 0)
					return 0;
				source_fail(r, r->base + r->pos, "truncated MessagePack record (%zu bytes at the end)", avail);
			}
			/* Ask for twice what did not suffice, so a huge record is
			 * scanned a logarithmic number of times, not once per chunk. */
			fill(r, tried ? avail : 0);
			tried = avail;
			continue;
		}
		rec->byte = r->base + r->pos;
		if (skim(r, r->buf + r->pos, len, rec)) {
			r->pos += len;
			return 1;
		}
		unpack(r, r->buf + r->pos, len, empty, rec, "MessagePack");
		r->pos += len;
		if (rec->obj.type != MSGPACK_OBJECT_MAP)
			source_fail(r, rec->byte, "not a record: a MessagePack value that is not a map");
		set_type(rec);
		return 1;
	}
}

static void pack_json(msgpack_packer *pk, json_t *v)
{
	const char *key;
	json_t *item;
	size_t i;

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		msgpack_pack_map(pk, json_object_size(v));
		json_object_foreach(v, key, item) {
			zj_pack_cstr(pk, key);
			pack_json(pk, item);
		}
		break;
	case JSON_ARRAY:
		msgpack_pack_array(pk, json_array_size(v));
		json_array_foreach(v, i, item)
			pack_json(pk, item);
		break;
	case JSON_STRING:
		zj_pack_str(pk, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		msgpack_pack_int64(pk, json_integer_value(v));
		break;
	case JSON_REAL:
		msgpack_pack_double(pk, json_real_value(v));
		break;
	case JSON_TRUE:
		msgpack_pack_true(pk);
		break;
	case JSON_FALSE:
		msgpack_pack_false(pk);
		break;
	case JSON_NULL:
		msgpack_pack_nil(pk);
		break;
	}
}

/* The next line at buf[pos]: its length without the newline, and in *skip
 * its length with it; 0 when the source is done. */
static int next_line(struct zj_reader *r, size_t *linelen, size_t *skip)
{
	size_t scanned = 0;

	for (;;) {
		char *nl = memchr(r->buf + r->pos + scanned, '\n', r->len - r->pos - scanned);
		if (nl) {
			*linelen = (size_t)(nl - (r->buf + r->pos));
			*skip = *linelen + 1;
			return 1;
		}
		scanned = r->len - r->pos;
		if (r->eof) {
			*linelen = *skip = scanned;
			return scanned > 0;
		}
		fill(r, 0);
	}
}

static int blank(const char *s, size_t n)
{
	while (n && strchr(" \t\r", *s))
		s++, n--;
	return n == 0;
}

static int next_json(struct zj_reader *r, struct zj_rec *rec)
{
	size_t linelen, skip;
	json_error_t err;
	json_t *v;

	do {
		if (!next_line(r, &linelen, &skip))
			return 0;
		rec->byte = r->base + r->pos;
		r->pos += skip;
	} while (blank(r->buf + r->pos - skip, linelen));
	v = json_loadb(r->buf + r->pos - skip, linelen, 0, &err);
	if (!v)
		source_fail(r, rec->byte, "invalid JSON: %s (column %d)", err.text, err.column);
	if (!json_is_object(v)) {
		json_decref(v);
		source_fail(r, rec->byte, "not a record: a JSON value that is not an object");
	}
	msgpack_sbuffer_clear(&r->json);
	pack_json(&r->jpk, v);
	json_decref(v);
	unpack(r, r->json.data, r->json.size, 1, rec, "JSON");
	set_type(rec);
	return 1;
}

int zj_reader_next(struct zj_reader *r, struct zj_rec *rec)
{
	for (;;) {
		int got;

		if (r->fd < 0 && !open_next(r))
			return 0;
		if (r->fmt == FMT_UNKNOWN)
			detect(r);
		got = r->fmt == FMT_JSON ? next_json(r, rec) : r->fmt == FMT_MSGPACK ? next_msgpack(r, rec) : 0;
		if (got) {
			r->no++;
			rec->src = r->src;
			rec->no = r->no;
			return 1;
		}
		close_source(r);
	}
}

/* ---- access to a record's fields ---- */

const msgpack_object *zj_rec_get_n(const struct zj_rec *rec, const char *key, size_t klen)
{
	const msgpack_object_map *m = &rec->obj.via.map;

	for (uint32_t i = 0; i < m->size; i++) {
		const msgpack_object *k = &m->ptr[i].key;
		if (k->type == MSGPACK_OBJECT_STR && k->via.str.size == klen &&
		    !memcmp(k->via.str.ptr, key, klen))
			return &m->ptr[i].val;
	}
	return NULL;
}

static void vrec_msg(const struct zj_rec *rec, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: %s: record %lu (byte %llu): ", zj_prog->name, rec->src, rec->no, rec->byte);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void zj_rec_fail(const struct zj_rec *rec, const char *fmt, ...)
{
	va_list ap;

	zj_flush();
	va_start(ap, fmt);
	vrec_msg(rec, fmt, ap);
	va_end(ap);
	exit(1);
}

void zj_rec_warn(const struct zj_rec *rec, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vrec_msg(rec, fmt, ap);
	va_end(ap);
}

static const char *str_field(const struct zj_rec *rec, const char *key, size_t *len, int need)
{
	const msgpack_object *v = zj_rec_get(rec, key);

	if (!v || (!need && v->type == MSGPACK_OBJECT_NIL)) {
		if (need)
			zj_rec_fail(rec, "%.*s record without \"%s\"", (int)rec->typelen, rec->type, key);
		*len = 0;
		return NULL;
	}
	if (v->type != MSGPACK_OBJECT_STR)
		zj_rec_fail(rec, "\"%s\" is not a string", key);
	*len = v->via.str.size;
	return v->via.str.ptr;
}

const char *zj_rec_need_str(const struct zj_rec *rec, const char *key, size_t *len)
{
	return str_field(rec, key, len, 1);
}

const char *zj_rec_opt_str(const struct zj_rec *rec, const char *key, size_t *len)
{
	return str_field(rec, key, len, 0);
}

static int64_t int_field(const struct zj_rec *rec, const char *key, int64_t def, int need)
{
	const msgpack_object *v = zj_rec_get(rec, key);

	if (!v || (!need && v->type == MSGPACK_OBJECT_NIL)) {
		if (need)
			zj_rec_fail(rec, "%.*s record without \"%s\"", (int)rec->typelen, rec->type, key);
		return def;
	}
	if (v->type == MSGPACK_OBJECT_POSITIVE_INTEGER && v->via.u64 <= INT64_MAX)
		return (int64_t)v->via.u64;
	if (v->type == MSGPACK_OBJECT_NEGATIVE_INTEGER)
		return v->via.i64;
	zj_rec_fail(rec, "\"%s\" is not an integer", key);
	return def;
}

int64_t zj_rec_need_int(const struct zj_rec *rec, const char *key)
{
	return int_field(rec, key, 0, 1);
}

int64_t zj_rec_opt_int(const struct zj_rec *rec, const char *key, int64_t def)
{
	return int_field(rec, key, def, 0);
}
