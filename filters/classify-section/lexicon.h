/* The weighted domain lexicon of zj-classify-section: plain terms found by
 * an Aho-Corasick automaton, patterns by one PCRE2 alternation. */
#ifndef LEXICON_H
#define LEXICON_H

#include <stddef.h>

struct lexicon;

/* Called for each term found, with its index (for lexicon_term). */
typedef void lexicon_hitfn(int term, void *ctx);

struct lexicon *lexicon_load(const char *path);
void lexicon_free(struct lexicon *lx);

int lexicon_ndomains(const struct lexicon *lx);
const char *lexicon_domain(const struct lexicon *lx, int d);
/* A term (as written in the file) and its domain. */
const char *lexicon_term(const struct lexicon *lx, int term);
int lexicon_term_domain(const struct lexicon *lx, int term);

/* Add the weight of every term found in text to score[domain of term]
 * (score has lexicon_ndomains entries); hit, when not NULL, hears of each. */
void lexicon_scan(const struct lexicon *lx, const char *text, size_t n,
                  double *score, lexicon_hitfn *hit, void *ctx);

#endif
