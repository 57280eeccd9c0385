/* Choosing a section's domain from its evidence and its children's. */
#ifndef LABEL_H
#define LABEL_H

#include "lexicon.h"

/* The evidence about one section. */
struct evidence {
	double *head, *body;    /* lexicon_ndomains weights each */
	int *votes;             /* how many direct children got each domain */
	int nchild;
};

/* The domain of a section (-1: general, when no single area leads) and
 * in final[] (ndomains entries) the combined score of every domain. */
int label_domain(const struct lexicon *lx, const struct evidence *ev, double *final);

/* The best domains in final[], best first: at most max, only those above 0,
 * as indexes into top[]; returns how many. */
int label_top(const double *final, int ndomains, int *top, int max);

#endif
