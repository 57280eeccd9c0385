/* sec and sent records. */
#include <string.h>

#include "zj.h"
#include "segment.h"

/* The doc and sec ids that the sent records of a section share. */
static const char *sent_doc, *sent_sec;
static size_t sent_doclen, sent_seclen;

void rec_sent_keys(const char *doc, size_t doclen, const char *sec, size_t seclen)
{
	sent_doc = doc;
	sent_doclen = doclen;
	sent_sec = sec;
	sent_seclen = seclen;
}

static void pack_str(msgpack_packer *pk, const char *key, const char *s, size_t n)
{
	zj_pack_cstr(pk, key);
	zj_pack_str(pk, s, n);
}

static void pack_uint(msgpack_packer *pk, const char *key, uint64_t v)
{
	zj_pack_cstr(pk, key);
	msgpack_pack_uint64(pk, v);
}

void rec_sent(const char *text, long i, size_t from, size_t to, int head)
{
	msgpack_packer *pk = zj_pk();

	msgpack_pack_map(pk, 7 + (head != 0));
	pack_str(pk, "t", "sent", 4);
	pack_str(pk, "doc", sent_doc, sent_doclen);
	pack_str(pk, "sec", sent_sec, sent_seclen);
	pack_uint(pk, "i", (uint64_t)i);
	pack_str(pk, "text", text + from, to - from);
	pack_uint(pk, "start", from);
	pack_uint(pk, "end", to);
	if (head) {
		zj_pack_cstr(pk, "head");
		msgpack_pack_true(pk);
	}
	zj_emit();
}

void rec_sec(const char *doc, size_t doclen, const char *id, size_t idlen,
             const char *text, const struct heading *h)
{
	msgpack_packer *pk = zj_pk();

	msgpack_pack_map(pk, 9);
	pack_str(pk, "t", "sec", 3);
	pack_str(pk, "doc", doc, doclen);
	pack_str(pk, "id", id, idlen);
	pack_uint(pk, "level", (uint64_t)h->level);
	pack_str(pk, "marker", text + h->m.start, h->m.len);
	pack_uint(pk, "ord", (uint64_t)h->m.ord);
	pack_str(pk, "title", text + h->m.title, h->title_end - h->m.title);
	pack_uint(pk, "start", h->m.start);
	pack_uint(pk, "end", h->title_end);
	zj_emit();
}
