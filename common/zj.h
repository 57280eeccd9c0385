/* zongjie: what every filter shares.
 *
 * A filter reads records (MessagePack maps back to back, or JSON Lines) with
 * a zj_reader, passes the ones it does not handle through with zj_pass(),
 * builds new ones with zj_pk() + zj_emit(), and reports bad input with
 * zj_rec_fail(), which flushes everything written so far before it exits.
 */
#ifndef ZJ_H
#define ZJ_H

#include <getopt.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>

#include <msgpack.h>

/* ---- the program: name, help, options (cli.c) ---- */

struct zj_prog {
	const char *name;       /* "zj-segment" */
	const char *usage;      /* operands after the name: "[OPTION]... [FILE]..." */
	const char *about;      /* one line: what the program does */
	const char *options;    /* help lines of the program's own options */
	const char *tool;       /* folder of its data files under filters/ ("segment"), or NULL */
	const char *datafiles;  /* the data files it reads, space-separated, or NULL */
};

extern const struct zj_prog *zj_prog;

/* Called for each option of the program's own: opt is the getopt value. */
typedef void zj_optfn(int opt, char *arg, void *ctx);

/* Parse argv. --help, --version, --json, --msgpack and --data-files are
 * handled here; the program's own options (shortopts/longopts, as for
 * getopt_long) go to fn. Exits 2 on bad usage. Returns the index of the
 * first operand. */
int zj_getopt(const struct zj_prog *p, int argc, char **argv,
              const char *shortopts, const struct option *longopts,
              zj_optfn *fn, void *ctx);

/* Print "zj-x: msg" to stderr; usage errors exit 2, zj_die exits 1 after
 * flushing the output written so far. */
void zj_usage_error(const char *fmt, ...);
void zj_die(const char *fmt, ...);
void zj_warn(const char *fmt, ...);

void *zj_malloc(size_t n);
void *zj_realloc(void *p, size_t n);
/* Room for item n of an array p of *cap items of size bytes: p itself, or
 * p grown to twice as many (*cap updated). */
void *zj_grow(void *p, size_t n, size_t *cap, size_t size);
char *zj_strdup(const char *s);
char *zj_strndup(const char *s, size_t n);

/* A number from an option argument; a usage error unless it is one. */
long zj_opt_long(const char *opt, const char *arg, long min, long max);

/* ---- reading records (reader.c) ---- */

struct zj_rec {
	const char *raw;        /* the record as MessagePack bytes */
	size_t rawlen;
	msgpack_object obj;     /* a map */
	const char *type;       /* the value of "t", or NULL */
	size_t typelen;
	const char *src;        /* where it came from ("stdin" for -) */
	unsigned long no;       /* 1-based record number in src */
	unsigned long long byte;/* offset of its first byte in src */
};

struct zj_reader;

/* Read the named files in turn ("-" is stdin); no files: stdin. Each
 * source is MessagePack or JSON Lines, told apart by its first byte. */
struct zj_reader *zj_reader_new(char **files, int nfiles);
/* 1 and the next record in rec (valid until the next call), 0 at the end.
 * Malformed input is a fatal error naming source, record and byte. */
int zj_reader_next(struct zj_reader *r, struct zj_rec *rec);
void zj_reader_free(struct zj_reader *r);
/* Unpack only MessagePack records of these types (a NULL-terminated list
 * that must outlive the reader): when the output is MessagePack, the
 * others come back with their raw bytes and type but an empty map in
 * obj, fit only for zj_pass() or keeping. They are not checked beyond
 * their extent, so a bad record a filter only passes on is found by the
 * filter that reads it. */
void zj_reader_want(struct zj_reader *r, const char *const *types);

/* Inline, so that the length of a literal type is found at compile time. */
static inline int zj_rec_is(const struct zj_rec *rec, const char *type)
{
	return rec->type && rec->typelen == strlen(type) && !memcmp(rec->type, type, rec->typelen);
}
const msgpack_object *zj_rec_get_n(const struct zj_rec *rec, const char *key, size_t klen);
/* Inline, so that the length of a literal key is found at compile time. */
static inline const msgpack_object *zj_rec_get(const struct zj_rec *rec, const char *key)
{
	return zj_rec_get_n(rec, key, strlen(key));
}
/* Typed access: "need" fails the record when the key is missing or of the
 * wrong type; "opt" returns the default when missing (or nil) and fails
 * only on a wrong type. Strings are not NUL-terminated. */
const char *zj_rec_need_str(const struct zj_rec *rec, const char *key, size_t *len);
const char *zj_rec_opt_str(const struct zj_rec *rec, const char *key, size_t *len);
int64_t zj_rec_need_int(const struct zj_rec *rec, const char *key);
int64_t zj_rec_opt_int(const struct zj_rec *rec, const char *key, int64_t def);

/* "zj-x: SRC: record N (byte M): msg"; fail exits 1 after flushing. */
void zj_rec_fail(const struct zj_rec *rec, const char *fmt, ...);
void zj_rec_warn(const struct zj_rec *rec, const char *fmt, ...);

/* ---- writing (writer.c) ---- */

/* Decide the output format: --json, --msgpack, else JSON on a terminal.
 * zj_getopt calls it; a program may call it again to force a format. */
enum zj_format { ZJ_AUTO, ZJ_MSGPACK, ZJ_JSON };
void zj_out_format(enum zj_format f);
int zj_out_is_json(void);

/* The record being built: zj_pk() packs into it, zj_emit() writes it. */
struct zj_record {
	char *p;
	size_t len, cap;
};
extern struct zj_record zj_record;
void zj_record_grow(size_t more);

/* Inline, like msgpack-c's packing functions and the packer below, so that
 * the compiler turns each piece of a record into a store. */
static inline int zj_record_append(void *data, const char *buf, size_t len)
{
	(void)data;
	if (len == 0)           /* an empty string may come as NULL */
		return 0;
	if (zj_record.cap - zj_record.len < len)
		zj_record_grow(len);
	memcpy(zj_record.p + zj_record.len, buf, len);
	zj_record.len += len;
	return 0;
}

static const msgpack_packer zj_packer __attribute__((unused)) = { NULL, zj_record_append };

/* The packer for the next record (msgpack-c reads it, never writes it). */
static inline msgpack_packer *zj_pk(void)
{
	return (msgpack_packer *)&zj_packer;
}
void zj_emit(void);
/* Write a record through unchanged (byte for byte in MessagePack). */
void zj_pass(const struct zj_rec *rec);
/* Pack rec's map without the keys in skip (a NULL-terminated list): the
 * header counts `extra` more pairs, which the caller packs right after. */
void zj_pack_copy(msgpack_packer *pk, const struct zj_rec *rec,
                  const char *const *skip, size_t extra);
void zj_pack_long_str(msgpack_packer *pk, const char *s, size_t n);
/* Most keys and values are short strings into the record: its header byte
 * and its bytes are stored in place, with no call (a record is packed a
 * string at a time, and num records by the million). */
static inline __attribute__((always_inline)) void zj_pack_str(msgpack_packer *pk, const char *s, size_t n)
{
	if (pk == zj_pk() && n < 32 && zj_record.cap - zj_record.len > 32) {
		char *out = zj_record.p + zj_record.len;

		out[0] = (char)(0xa0 | n);
		if (n)          /* an empty string may come as NULL */
			memcpy(out + 1, s, n);
		zj_record.len += n + 1;
		return;
	}
	zj_pack_long_str(pk, s, n);
}

/* Inline, so that the length of a literal key is found at compile time. */
static inline void zj_pack_cstr(msgpack_packer *pk, const char *s)
{
	zj_pack_str(pk, s, strlen(s));
}

/* A pair of a map: a key and a string or an integer. */
static inline void zj_pack_kv_str(msgpack_packer *pk, const char *key, const char *s, size_t n)
{
	zj_pack_cstr(pk, key);
	zj_pack_str(pk, s, n);
}

static inline void zj_pack_kv_int(msgpack_packer *pk, const char *key, int64_t v)
{
	zj_pack_cstr(pk, key);
	msgpack_pack_int64(pk, v);
}

/* Plain output (tables, text), through the same checked buffer. */
void zj_write(const void *p, size_t n);
void zj_puts(const char *s);
void zj_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* One object as JSON (indent < 0: compact) without a newline. */
void zj_write_json(const msgpack_object *o, int indent);
void zj_flush(void);
/* Flush and check stdout; exit 1 on a write error. Call before exit. */
void zj_out_close(void);

/* ---- plain text input (lines.c) ---- */

struct zj_lines;
/* Lines of the named files in turn ("-" is stdin; none: stdin). */
struct zj_lines *zj_lines_new(char **files, int nfiles);
/* The next line without its newline, invalid UTF-8 replaced by U+FFFD
 * (one warning per source); NULL at the end. Valid until the next call. */
const char *zj_lines_next(struct zj_lines *l, size_t *len);
const char *zj_lines_src(const struct zj_lines *l);
unsigned long zj_lines_no(const struct zj_lines *l);
void zj_lines_free(struct zj_lines *l);

/* ---- UTF-8 (utf8.c) ---- */

/* Decode the code point at s (n bytes available). Returns its length; an
 * invalid or truncated sequence gives *cp = 0xFFFD and length 1. */
int zj_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
int zj_utf8_encode(uint32_t cp, char *out);
/* Number of invalid bytes in s. */
size_t zj_utf8_invalid(const char *s, size_t n);
/* A copy of s with each invalid byte replaced by U+FFFD; *outlen set. */
char *zj_utf8_repair(const char *s, size_t n, size_t *outlen);

/* ---- data files (data.c) ---- */

/* Where the program's data file NAME is: $ZJ_DATADIR/TOOL/NAME, then
 * PREFIX/share/zongjie/TOOL/NAME for a program in PREFIX/bin, then the source tree's
 * filters/TOOL/NAME. Returns a malloc'd path (the last candidate when
 * none exists, so that the error names it). */
char *zj_data_path(const char *name);
/* The file the user named with an option, if any, else zj_data_path(name). */
char *zj_data_file(const char *user, const char *name);

/* Read a TSV data file: fn gets each line that is neither empty nor a
 * "#" comment, split at tabs (at most ZJ_TSV_MAXF fields). */
#define ZJ_TSV_MAXF 16
typedef void zj_rowfn(char **field, int nfield, const char *path,
                      unsigned long lineno, void *ctx);
void zj_tsv_load(const char *path, zj_rowfn *fn, void *ctx);

#endif
