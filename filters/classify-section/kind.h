/* What a heading says its section is: overview, achievement, plan... */
#ifndef KIND_H
#define KIND_H

#include <stddef.h>

struct kinds;

struct kinds *kinds_load(const char *path);
void kinds_free(struct kinds *k);
const char *kinds_name(const struct kinds *k, int kind);
/* The kind for a top-level heading that names none. */
int kinds_default(const struct kinds *k);
/* The kind the heading names (the word that comes first wins), or -1;
 * top: the section has no parent, so the words that only apply at the
 * top count too. */
int kinds_of(const struct kinds *k, const char *title, size_t n, int top);

#endif
