/* Writing a table as TSV, CSV, JSON, Markdown or `row` records. */
#include <stdlib.h>
#include <string.h>

#include "aggregate.h"

static struct {
	enum outfmt fmt;
	const char *table;
	const struct column *cols;
	int ncols;
	unsigned long rows;
} out;

static const char *const fmt_names[] = { "tsv", "csv", "json", "md", "msgpack" };

int outfmt_parse(const char *name, enum outfmt *f)
{
	for (size_t i = 0; i < sizeof fmt_names / sizeof fmt_names[0]; i++)
		if (!strcmp(name, fmt_names[i])) {
			*f = (enum outfmt)i;
			return 1;
		}
	return 0;
}

/* A cell as text; numbers in their fixed form. buf holds 400 bytes. */
static const char *cell_text(const struct val *v, char *buf, size_t *len)
{
	if (v->type == V_FLOAT) {
		fmt_float(v->f, buf, 400);
		*len = strlen(buf);
		return buf;
	}
	return val_text(v, buf, len);
}

/* Write s with each byte in `special` replaced by its escape. */
static void write_escaped(const char *s, size_t n, const char *special,
                          const char *const *escape)
{
	const char *run = s, *end = s + n;

	for (; s < end; s++) {
		const char *hit = memchr(special, *s, strlen(special));

		if (!hit)
			continue;
		zj_write(run, (size_t)(s - run));
		zj_puts(escape[hit - special]);
		run = s + 1;
	}
	zj_write(run, (size_t)(end - run));
}

static void tsv_cell(const char *s, size_t n)
{
	static const char *const esc[] = { "\\\\", "\\t", "\\n", "\\r" };

	write_escaped(s, n, "\\\t\n\r", esc);
}

/* RFC 4180: quoted when it holds a comma, a quote or a line break. */
static void csv_cell(const char *s, size_t n)
{
	static const char *const esc[] = { "\"\"" };

	if (!memchr(s, ',', n) && !memchr(s, '"', n) && !memchr(s, '\n', n) && !memchr(s, '\r', n)) {
		zj_write(s, n);
		return;
	}
	zj_write("\"", 1);
	write_escaped(s, n, "\"", esc);
	zj_write("\"", 1);
}

static void md_cell(const char *s, size_t n)
{
	static const char *const esc[] = { "\\|", "<br>", "" };

	write_escaped(s, n, "|\n\r", esc);
}

static void json_str(const char *s, size_t n)
{
	msgpack_object o = { .type = MSGPACK_OBJECT_STR };

	o.via.str.ptr = s;
	o.via.str.size = (uint32_t)n;
	zj_write_json(&o, -1);
}

static void text_cell(const char *s, size_t n)
{
	switch (out.fmt) {
	case OUT_TSV: tsv_cell(s, n); break;
	case OUT_CSV: csv_cell(s, n); break;
	case OUT_MD: md_cell(s, n); break;
	default: json_str(s, n);
	}
}

/* Between cells, and at the end of a line. */
static const char *const sep[] = { "\t", ",", ",", " | ", "" };
static const char *const eol[] = { "\n", "\r\n", "}", " |\n", "" };

static void text_line(const char *const *names, const struct val *cells)
{
	char buf[400];
	size_t n;

	if (out.fmt == OUT_MD)
		zj_puts("| ");
	if (out.fmt == OUT_JSON)
		zj_puts(out.rows ? ",\n{" : "\n{");
	for (int i = 0; i < out.ncols; i++) {
		if (i)
			zj_puts(sep[out.fmt]);
		if (out.fmt == OUT_JSON) {
			json_str(out.cols[i].name, strlen(out.cols[i].name));
			zj_write(":", 1);
		}
		if (names) {
			text_cell(names[i], strlen(names[i]));
		} else if (out.fmt == OUT_JSON && cells[i].type != V_STR) {
			const char *s = cell_text(&cells[i], buf, &n);
			zj_write(cells[i].type == V_NONE ? "null" : s, cells[i].type == V_NONE ? 4 : n);
		} else {
			const char *s = cell_text(&cells[i], buf, &n);
			text_cell(s, n);
		}
	}
	zj_puts(eol[out.fmt]);
}

static void header(void)
{
	const char *names[MAXKEYS + MAXMEASURES + 8];

	for (int i = 0; i < out.ncols; i++)
		names[i] = out.cols[i].name;
	text_line(names, NULL);
	if (out.fmt != OUT_MD)
		return;
	zj_puts("|");
	for (int i = 0; i < out.ncols; i++)
		zj_puts(out.cols[i].numeric ? " ---: |" : " --- |");
	zj_puts("\n");
}

void out_begin(enum outfmt f, const char *table, const struct column *cols, int ncols)
{
	out.fmt = f;
	out.table = table;
	out.cols = cols;
	out.ncols = ncols;
	out.rows = 0;
	if (f == OUT_JSON)
		zj_puts("[");
	else if (f != OUT_MSGPACK)
		header();
}

static void row_record(const struct val *cells)
{
	msgpack_packer *pk = zj_pk();
	char buf[400];

	msgpack_pack_map(pk, (size_t)out.ncols + 2);
	zj_pack_cstr(pk, "t");
	zj_pack_cstr(pk, "row");
	zj_pack_cstr(pk, "table");
	zj_pack_cstr(pk, out.table);
	for (int i = 0; i < out.ncols; i++) {
		zj_pack_cstr(pk, out.cols[i].name);
		if (cells[i].type == V_FLOAT) {
			/* the same rounding as the text formats */
			fmt_float(cells[i].f, buf, sizeof buf);
			msgpack_pack_double(pk, strtod(buf, NULL));
		} else {
			val_pack(pk, &cells[i]);
		}
	}
	zj_emit();
}

void out_row(const struct val *cells)
{
	if (out.fmt == OUT_MSGPACK)
		row_record(cells);
	else
		text_line(NULL, cells);
	out.rows++;
}

void out_end(void)
{
	if (out.fmt == OUT_JSON)
		zj_puts(out.rows ? "\n]\n" : "]\n");
}
