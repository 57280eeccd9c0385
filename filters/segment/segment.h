/* zj-segment: what its parts share. */
#include <stddef.h>
#include <stdint.h>

#define MAXLEVEL 8

/* A heading marker found at a boundary of the text (markers.c). */
struct marker {
	size_t start, len;      /* the marker's bytes */
	size_t title;           /* where its title starts (after spaces) */
	int family;             /* index into the families of markers.tsv */
	int ord;                /* its ordinal value */
	int line_start;         /* it opens a line (or the text) */
};

/* A marker taken for a real heading (headings.c). */
struct heading {
	struct marker m;
	size_t title_end;       /* end of the title (exclusive) */
	size_t body;            /* where the body text after it starts */
	int level;              /* 1 = top */
	int path[MAXLEVEL];     /* position among its siblings, down the tree */
};

/* markers.c */
void markers_load(const char *markers, const char *enclosed, const char *numerals);
const char *family_name(int family);
/* The marker that starts at t[i], if any, checked against what follows it. */
int marker_at(const char *t, size_t n, size_t i, struct marker *m);

/* text.c: the characters that matter to splitting */
int is_space_at(const char *t, size_t n, size_t i, size_t *len);
size_t skip_spaces(const char *t, size_t n, size_t i);
size_t skip_blank(const char *t, size_t n, size_t i);
size_t trim_end(const char *t, size_t from, size_t to);
int is_digit_cp(uint32_t cp);
/* End of the sentence (or, with title set, the heading title) that starts
 * at pos; never beyond lim. A sentence keeps its terminator, a title not. */
size_t sentence_end(const char *t, size_t pos, size_t lim, int title);

/* headings.c */
/* The markers at the boundaries of t: *out grows as needed. */
size_t find_markers(const char *t, size_t n, struct marker **out, size_t *cap);
/* The markers that are real headings, with levels, paths and title spans. */
size_t select_headings(const char *t, size_t n, const struct marker *m, size_t nm,
                       struct heading **out, size_t *cap);
