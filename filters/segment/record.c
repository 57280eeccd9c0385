/* sec and sent records, put together by hand: they are most of the
 * output, and a packer call for each key and value would cost more than
 * finding the sentences. The bytes are those msgpack-c writes (fixmap,
 * fixstr, str8/16/32, positive fixint, uint8…64, true). */
#include <stdlib.h>
#include <string.h>

#include "zj.h"
#include "segment.h"

#define LONG_STRING 128         /* goes to the output by itself, not copied */
#define SMALL_PARTS 256         /* room for a record's keys, numbers and headers (about 100 bytes) */

static char *out;               /* the record being written */
static size_t outcap;
static char *sent_keys;         /* t, doc and sec of the sent records of a section */
static size_t sent_keys_len, sent_keys_cap;

/* Room for n bytes in *buf; returns it. */
static char *reserve(char **buf, size_t *cap, size_t n)
{
	if (n > *cap) {
		*cap = n * 2;
		*buf = zj_realloc(*buf, *cap);
	}
	return *buf;
}

static inline char *put(char *p, const void *s, size_t n)
{
	if (n)
		memcpy(p, s, n);
	return p + n;
}

static inline char *put_big_endian(char *p, int tag, uint64_t v, int size)
{
	*p = (char)tag;
	for (int k = size; k > 0; k--, v >>= 8)
		p[k] = (char)v;
	return p + size + 1;
}

static inline char *put_str_header(char *p, size_t n)
{
	if (n < 32) {
		*p = (char)(0xA0 | n);
		return p + 1;
	}
	return n < 0x100 ? put_big_endian(p, 0xD9, n, 1) :
	       n < 0x10000 ? put_big_endian(p, 0xDA, n, 2) : put_big_endian(p, 0xDB, n, 4);
}

static inline char *put_str(char *p, const char *s, size_t n)
{
	return put(put_str_header(p, n), s, n);
}

static inline char *put_uint(char *p, uint64_t v)
{
	if (v < 0x80) {
		*p = (char)v;
		return p + 1;
	}
	return v < 0x100 ? put_big_endian(p, 0xCC, v, 1) :
	       v < 0x10000 ? put_big_endian(p, 0xCD, v, 2) :
	       v < 0x100000000 ? put_big_endian(p, 0xCE, v, 4) : put_big_endian(p, 0xCF, v, 8);
}

#define put_key(p, key) put_str(p, key, sizeof key - 1)

/* Write the record out[0…p): as it is, or as JSON through zj_emit. */
static void emit(const char *p)
{
	msgpack_packer *pk;

	if (!zj_out_is_json()) {
		zj_write(out, (size_t)(p - out));
		return;
	}
	pk = zj_pk();
	pk->callback(pk->data, out, (size_t)(p - out));
	zj_emit();
}

/* A string of the record at p: a long one goes to the output by itself,
 * after what comes before it, when the output is MessagePack. */
static char *put_text(char *p, const char *s, size_t n)
{
	p = put_str_header(p, n);
	if (n < LONG_STRING || zj_out_is_json())
		return put(p, s, n);
	zj_write(out, (size_t)(p - out));
	zj_write(s, n);
	return out;
}

/* Room for a record with these strings in it. */
static char *start(size_t strings)
{
	return reserve(&out, &outcap, SMALL_PARTS + strings);
}

void rec_sent_keys(const char *doc, size_t doclen, const char *sec, size_t seclen)
{
	char *p = reserve(&sent_keys, &sent_keys_cap, SMALL_PARTS + doclen + seclen);

	p = put_key(p, "t");
	p = put_key(p, "sent");
	p = put_key(p, "doc");
	p = put_str(p, doc, doclen);
	p = put_key(p, "sec");
	p = put_str(p, sec, seclen);
	sent_keys_len = (size_t)(p - sent_keys);
}

void rec_sent(const char *text, long i, size_t from, size_t to, int head)
{
	char *p = start(sent_keys_len + (to - from));

	*p++ = (char)(0x80 | (7 + (head != 0)));
	p = put(p, sent_keys, sent_keys_len);
	p = put_key(p, "i");
	p = put_uint(p, (uint64_t)i);
	p = put_key(p, "text");
	p = put_text(p, text + from, to - from);
	p = put_key(p, "start");
	p = put_uint(p, from);
	p = put_key(p, "end");
	p = put_uint(p, to);
	if (head) {
		p = put_key(p, "head");
		*p++ = (char)0xC3;
	}
	emit(p);
}

void rec_sec(const char *doc, size_t doclen, const char *id, size_t idlen,
             const char *text, const struct heading *h)
{
	size_t title = h->title_end - h->m.title;
	char *p = start(doclen + idlen + h->m.len + title);

	*p++ = (char)(0x80 | 9);
	p = put_key(p, "t");
	p = put_key(p, "sec");
	p = put_key(p, "doc");
	p = put_str(p, doc, doclen);
	p = put_key(p, "id");
	p = put_str(p, id, idlen);
	p = put_key(p, "level");
	p = put_uint(p, (uint64_t)h->level);
	p = put_key(p, "marker");
	p = put_str(p, text + h->m.start, h->m.len);
	p = put_key(p, "ord");
	p = put_uint(p, (uint64_t)h->m.ord);
	p = put_key(p, "title");
	p = put_text(p, text + h->m.title, title);
	p = put_key(p, "start");
	p = put_uint(p, h->m.start);
	p = put_key(p, "end");
	p = put_uint(p, h->title_end);
	emit(p);
}

void rec_free(void)
{
	free(out);
	free(sent_keys);
}
