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

void rec_sent(const char *text, long i, size_t from, size_t to, int head)
{
	msgpack_packer *pk = zj_pk();

	msgpack_pack_map(pk, 7 + (head != 0));
	zj_pack_kv_str(pk, "t", "sent", 4);
	zj_pack_kv_str(pk, "doc", sent_doc, sent_doclen);
	zj_pack_kv_str(pk, "sec", sent_sec, sent_seclen);
	zj_pack_kv_int(pk, "i", i);
	zj_pack_kv_str(pk, "text", text + from, to - from);
	zj_pack_kv_int(pk, "start", from);
	zj_pack_kv_int(pk, "end", to);
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
	zj_pack_kv_str(pk, "t", "sec", 3);
	zj_pack_kv_str(pk, "doc", doc, doclen);
	zj_pack_kv_str(pk, "id", id, idlen);
	zj_pack_kv_int(pk, "level", h->level);
	zj_pack_kv_str(pk, "marker", text + h->m.start, h->m.len);
	zj_pack_kv_int(pk, "ord", h->m.ord);
	zj_pack_kv_str(pk, "title", text + h->m.title, h->title_end - h->m.title);
	zj_pack_kv_int(pk, "start", h->m.start);
	zj_pack_kv_int(pk, "end", h->title_end);
	zj_emit();
}
