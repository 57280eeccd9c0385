/* Checked, buffered output of records (MessagePack or JSON Lines) and text. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "zj.h"

#define OUTBUF (64 * 1024)

static char outbuf[OUTBUF];
static size_t outlen;
static int json_out;
static int line_flush;          /* a terminal sees each record at once */
static int write_failed;
struct zj_record zj_record;

static void write_all(const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(STDOUT_FILENO, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			/* Report once; zj_die flushes again on its way out. */
			if (write_failed++)
				exit(1);
			zj_die("write error: %s", strerror(errno));
		}
		p += w;
		n -= (size_t)w;
	}
}

void zj_flush(void)
{
	size_t n = outlen;

	outlen = 0;
	if (n)
		write_all(outbuf, n);
}

void zj_write(const void *p, size_t n)
{
	if (n == 0)
		return;
	if (outlen + n > OUTBUF)
		zj_flush();
	if (n >= OUTBUF) {
		write_all(p, n);
		return;
	}
	memcpy(outbuf + outlen, p, n);
	outlen += n;
}

void zj_record_grow(size_t more)
{
	while (zj_record.cap - zj_record.len < more)
		zj_record.cap = zj_record.cap ? 2 * zj_record.cap : 4096;
	zj_record.p = zj_realloc(zj_record.p, zj_record.cap);
}

void zj_puts(const char *s)
{
	zj_write(s, strlen(s));
}

void zj_printf(const char *fmt, ...)
{
	char small[512], *big;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		zj_die("cannot format output");
	if ((size_t)n < sizeof small) {
		zj_write(small, (size_t)n);
		return;
	}
	big = zj_malloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	zj_write(big, (size_t)n);
	free(big);
}

void zj_out_close(void)
{
	zj_flush();
	if (close(STDOUT_FILENO) < 0 && errno != EBADF) {
		fprintf(stderr, "%s: write error: %s\n", zj_prog ? zj_prog->name : "zj", strerror(errno));
		exit(1);
	}
}

void zj_out_format(enum zj_format f)
{
	int tty = isatty(STDOUT_FILENO);

	json_out = f == ZJ_JSON || (f == ZJ_AUTO && tty);
	line_flush = tty;
}

int zj_out_is_json(void)
{
	return json_out;
}

/* ---- JSON ---- */

static void json_string(const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	char esc[7] = "\\u00";

	zj_write("\"", 1);
	while (p < end) {
		const unsigned char *run = p;
		uint32_t cp;
		int len;

		while (p < end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
			p++;
		zj_write(run, (size_t)(p - run));
		if (p == end)
			break;
		if (*p >= 0x80) {
			len = zj_utf8_decode(p, (size_t)(end - p), &cp);
			if (cp == 0xFFFD && len == 1)
				zj_write("\xef\xbf\xbd", 3);
			else
				zj_write(p, (size_t)len);
			p += len;
			continue;
		}
		switch (*p) {
		case '"': zj_write("\\\"", 2); break;
		case '\\': zj_write("\\\\", 2); break;
		case '\n': zj_write("\\n", 2); break;
		case '\t': zj_write("\\t", 2); break;
		case '\r': zj_write("\\r", 2); break;
		default:
			esc[4] = hex[*p >> 4];
			esc[5] = hex[*p & 15];
			zj_write(esc, 6);
		}
		p++;
	}
	zj_write("\"", 1);
}

/* "1e+300" -> "1e300", "3.5e-07" -> "3.5e-7" */
static void tidy_exponent(char *buf)
{
	char *e = strchr(buf, 'e'), *d;

	if (!e)
		return;
	d = e + 1;
	if (*d == '+')
		memmove(d, d + 1, strlen(d));
	else if (*d == '-')
		d++;
	while (d[0] == '0' && d[1])
		memmove(d, d + 1, strlen(d));
}

/* The shortest text that reads back as the same double, always with a
 * decimal point or exponent so that it reads back as a float. */
static void json_double(double d)
{
	char buf[40];
	int prec;

	if (!isfinite(d)) {
		zj_write("null", 4);
		return;
	}
	for (prec = 15; prec < 17; prec++) {
		snprintf(buf, sizeof buf, "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	if (prec == 17)
		snprintf(buf, sizeof buf, "%.17g", d);
	tidy_exponent(buf);
	if (!strpbrk(buf, ".e"))
		strcat(buf, ".0");
	zj_puts(buf);
}

static void newline_indent(int indent, int depth)
{
	zj_write("\n", 1);
	for (int i = 0; i < indent * depth; i++)
		zj_write(" ", 1);
}

static void json_value(const msgpack_object *o, int indent, int depth);

static void json_key(const msgpack_object *k)
{
	if (k->type == MSGPACK_OBJECT_STR || k->type == MSGPACK_OBJECT_BIN) {
		json_string(k->via.str.ptr, k->via.str.size);
		return;
	}
	/* JSON keys are strings: write other keys as the text of their value. */
	zj_write("\"", 1);
	if (k->type == MSGPACK_OBJECT_POSITIVE_INTEGER)
		zj_printf("%llu", (unsigned long long)k->via.u64);
	else if (k->type == MSGPACK_OBJECT_NEGATIVE_INTEGER)
		zj_printf("%lld", (long long)k->via.i64);
	zj_write("\"", 1);
}

static void json_container(const msgpack_object *o, int indent, int depth)
{
	int map = o->type == MSGPACK_OBJECT_MAP;
	uint32_t n = map ? o->via.map.size : o->via.array.size;

	zj_write(map ? "{" : "[", 1);
	for (uint32_t i = 0; i < n; i++) {
		if (i)
			zj_write(",", 1);
		if (indent >= 0)
			newline_indent(indent, depth + 1);
		if (map) {
			json_key(&o->via.map.ptr[i].key);
			zj_write(indent >= 0 ? ": " : ":", indent >= 0 ? 2 : 1);
			json_value(&o->via.map.ptr[i].val, indent, depth + 1);
		} else {
			json_value(&o->via.array.ptr[i], indent, depth + 1);
		}
	}
	if (indent >= 0 && n)
		newline_indent(indent, depth);
	zj_write(map ? "}" : "]", 1);
}

static void json_value(const msgpack_object *o, int indent, int depth)
{
	switch (o->type) {
	case MSGPACK_OBJECT_NIL:
	case MSGPACK_OBJECT_EXT:
		zj_write("null", 4);
		break;
	case MSGPACK_OBJECT_BOOLEAN:
		zj_puts(o->via.boolean ? "true" : "false");
		break;
	case MSGPACK_OBJECT_POSITIVE_INTEGER:
		zj_printf("%llu", (unsigned long long)o->via.u64);
		break;
	case MSGPACK_OBJECT_NEGATIVE_INTEGER:
		zj_printf("%lld", (long long)o->via.i64);
		break;
	case MSGPACK_OBJECT_FLOAT32:
	case MSGPACK_OBJECT_FLOAT64:
		json_double(o->via.f64);
		break;
	case MSGPACK_OBJECT_STR:
	case MSGPACK_OBJECT_BIN:
		json_string(o->via.str.ptr, o->via.str.size);
		break;
	case MSGPACK_OBJECT_ARRAY:
	case MSGPACK_OBJECT_MAP:
		json_container(o, indent, depth);
		break;
	}
}

void zj_write_json(const msgpack_object *o, int indent)
{
	json_value(o, indent, 0);
}

/* ---- records ---- */

static void json_record(const char *data, size_t n)
{
	msgpack_unpacked up;
	size_t off = 0;

	msgpack_unpacked_init(&up);
	if (msgpack_unpack_next(&up, data, n, &off) != MSGPACK_UNPACK_SUCCESS)
		zj_die("internal error: cannot re-read a record");
	zj_write_json(&up.data, -1);
	zj_write("\n", 1);
	msgpack_unpacked_destroy(&up);
}

static void record_written(void)
{
	if (line_flush)
		zj_flush();
}

void zj_pack_long_str(msgpack_packer *pk, const char *s, size_t n)
{
	msgpack_pack_str(pk, n);
	msgpack_pack_str_body(pk, s, n);
}

void zj_emit(void)
{
	if (json_out)
		json_record(zj_record.p, zj_record.len);
	else
		zj_write(zj_record.p, zj_record.len);
	zj_record.len = 0;
	record_written();
}

void zj_pass(const struct zj_rec *rec)
{
	if (json_out) {
		zj_write_json(&rec->obj, -1);
		zj_write("\n", 1);
	} else {
		zj_write(rec->raw, rec->rawlen);
	}
	record_written();
}

static int skipped(const msgpack_object *key, const char *const *skip)
{
	if (key->type != MSGPACK_OBJECT_STR)
		return 0;
	for (; skip && *skip; skip++)
		if (key->via.str.size == strlen(*skip) && !memcmp(key->via.str.ptr, *skip, key->via.str.size))
			return 1;
	return 0;
}

void zj_pack_copy(msgpack_packer *pk, const struct zj_rec *rec,
                  const char *const *skip, size_t extra)
{
	const msgpack_object_map *m = &rec->obj.via.map;
	size_t keep = 0;

	for (uint32_t i = 0; i < m->size; i++)
		keep += !skipped(&m->ptr[i].key, skip);
	msgpack_pack_map(pk, keep + extra);
	for (uint32_t i = 0; i < m->size; i++) {
		if (skipped(&m->ptr[i].key, skip))
			continue;
		msgpack_pack_object(pk, m->ptr[i].key);
		msgpack_pack_object(pk, m->ptr[i].val);
	}
}
