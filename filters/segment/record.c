/* sec and sent records, put together by hand: they are most of the
 * output, and a packer call for each key and value would cost more than
 * finding the sentences. The bytes are those msgpack-c writes (fixstr,
 * str8/16/32, positive fixint, uint8…64, fixmap). */
#include <stdlib.h>
#include <string.h>

#include "zj.h"
#include "segment.h"

#define LONG_STRING 128         /* written to the output by itself */

struct record {
	char *bytes;
	size_t len, cap;
	int direct;             /* long strings go straight to the output */
};

static struct record out;        /* the sec or sent record being written */
static struct record sent_keys;  /* the first keys of sent records, the same in a section */

static void grow(struct record *r, size_t n)
{
	if (r->len + n > r->cap) {
		r->cap = (r->len + n) * 2 + 256;
		r->bytes = zj_realloc(r->bytes, r->cap);
	}
}

static inline void rec_bytes(struct record *r, const void *p, size_t n)
{
	if (r->direct && n >= LONG_STRING) {
		zj_write(r->bytes, r->len);
		r->len = 0;
		zj_write(p, n);
		return;
	}
	if (!n)
		return;
	grow(r, n);
	memcpy(r->bytes + r->len, p, n);
	r->len += n;
}

static inline void put_big_endian(struct record *r, int tag, uint64_t v, int size)
{
	unsigned char b[9];

	b[0] = (unsigned char)tag;
	for (int k = size; k > 0; k--, v >>= 8)
		b[k] = (unsigned char)v;
	rec_bytes(r, b, (size_t)size + 1);
}

#define rec_key(r, key) rec_bytes(r, (char[]){ (char)(0xA0 | (sizeof key - 1)) }, 1), rec_bytes(r, key, sizeof key - 1)

static void rec_str(struct record *r, const char *s, size_t n)
{
	unsigned char fix = (unsigned char)(0xA0 | n);

	if (n < 32)
		rec_bytes(r, &fix, 1);
	else if (n < 0x100)
		put_big_endian(r, 0xD9, n, 1);
	else if (n < 0x10000)
		put_big_endian(r, 0xDA, n, 2);
	else
		put_big_endian(r, 0xDB, n, 4);
	rec_bytes(r, s, n);
}

static void rec_uint(struct record *r, uint64_t v)
{
	unsigned char fix = (unsigned char)v;

	if (v < 0x80)
		rec_bytes(r, &fix, 1);
	else if (v < 0x100)
		put_big_endian(r, 0xCC, v, 1);
	else if (v < 0x10000)
		put_big_endian(r, 0xCD, v, 2);
	else if (v < 0x100000000)
		put_big_endian(r, 0xCE, v, 4);
	else
		put_big_endian(r, 0xCF, v, 8);
}

static void rec_map(struct record *r, unsigned pairs)
{
	unsigned char fix = (unsigned char)(0x80 | pairs);     /* fewer than 16 */

	rec_bytes(r, &fix, 1);
}

static void rec_true(struct record *r)
{
	rec_bytes(r, "\xc3", 1);
}

static void rec_start(struct record *r)
{
	r->len = 0;
	r->direct = !zj_out_is_json();
}

/* JSON goes through zj_emit, which converts the record. */
static void rec_emit(struct record *r)
{
	msgpack_packer *pk;

	if (r->direct) {
		zj_write(r->bytes, r->len);
	} else {
		pk = zj_pk();
		pk->callback(pk->data, r->bytes, r->len);
		zj_emit();
	}
	r->len = 0;
}

void rec_sent_keys(const char *doc, size_t doclen, const char *sec, size_t seclen)
{
	sent_keys.len = 0;
	rec_key(&sent_keys, "t");
	rec_key(&sent_keys, "sent");
	rec_key(&sent_keys, "doc");
	rec_str(&sent_keys, doc, doclen);
	rec_key(&sent_keys, "sec");
	rec_str(&sent_keys, sec, seclen);
}

void rec_sent(const char *text, long i, size_t start, size_t end, int head)
{
	rec_start(&out);
	rec_map(&out, 7 + (head != 0));
	rec_bytes(&out, sent_keys.bytes, sent_keys.len);
	rec_key(&out, "i");
	rec_uint(&out, (uint64_t)i);
	rec_key(&out, "text");
	rec_str(&out, text + start, end - start);
	rec_key(&out, "start");
	rec_uint(&out, start);
	rec_key(&out, "end");
	rec_uint(&out, end);
	if (head) {
		rec_key(&out, "head");
		rec_true(&out);
	}
	rec_emit(&out);
}

void rec_sec(const char *doc, size_t doclen, const char *id, size_t idlen,
             const char *text, const struct heading *h)
{
	rec_start(&out);
	rec_map(&out, 9);
	rec_key(&out, "t");
	rec_key(&out, "sec");
	rec_key(&out, "doc");
	rec_str(&out, doc, doclen);
	rec_key(&out, "id");
	rec_str(&out, id, idlen);
	rec_key(&out, "level");
	rec_uint(&out, (uint64_t)h->level);
	rec_key(&out, "marker");
	rec_str(&out, text + h->m.start, h->m.len);
	rec_key(&out, "ord");
	rec_uint(&out, (uint64_t)h->m.ord);
	rec_key(&out, "title");
	rec_str(&out, text + h->m.title, h->title_end - h->m.title);
	rec_key(&out, "start");
	rec_uint(&out, h->m.start);
	rec_key(&out, "end");
	rec_uint(&out, h->title_end);
	rec_emit(&out);
}

void rec_free(void)
{
	free(out.bytes);
	free(sent_keys.bytes);
}
