/* A section's domain. The evidence for each domain: the weights of its
 * terms in the heading, counted HEAD_WEIGHT times; those in the body,
 * scaled to at most BODY_MASS so that a long body does not drown the
 * heading; and the domains of the sub-sections as votes, CHILD_MASS in
 * all. The best domain wins, but the section is general
 * - with sub-sections: when no domain has the votes of half of them and
 *   the heading does not name an area clearly;
 * - without: when the heading names no area and no area has half of the
 *   body's evidence, or when the best has less than SPREAD_SHARE of all. */
#include <string.h>

#include "zj.h"
#include "label.h"

#define HEAD_WEIGHT   2.0   /* a heading term counts this much more */
#define BODY_MASS     3.0   /* the body's share of the evidence, at most */
#define BODY_DAMP     4.0   /* a body with little evidence weighs less */
#define CHILD_MASS    4.0   /* the sub-sections' votes, all together */
#define LEADING_SHARE 0.5   /* of the sub-sections (or body) one area needs */
#define SPREAD_SHARE  0.3   /* below it, a leaf spans too many areas */
#define CLEAR_HEADING 2.0   /* heading weight that names an area by itself */

static double sum(const double *v, int n)
{
	double s = 0;

	for (int i = 0; i < n; i++)
		s += v[i] > 0 ? v[i] : 0;
	return s;
}

static int best(const double *v, int n)
{
	int b = -1;

	for (int i = 0; i < n; i++)
		if (v[i] > 0 && (b < 0 || v[i] > v[b]))
			b = i;
	return b;
}

static int best_vote(const int *votes, int n)
{
	int b = 0;

	for (int i = 1; i < n; i++)
		if (votes[i] > votes[b])
			b = i;
	return b;
}

int label_domain(const struct lexicon *lx, const struct evidence *ev, double *final)
{
	int nd = lexicon_ndomains(lx), h = best(ev->head, nd), b;
	double bodysum = sum(ev->body, nd);
	int clear = h >= 0 && ev->head[h] >= CLEAR_HEADING &&
	            ev->head[h] >= LEADING_SHARE * sum(ev->head, nd);

	for (int d = 0; d < nd; d++) {
		final[d] = HEAD_WEIGHT * ev->head[d] + BODY_MASS * ev->body[d] / (bodysum + BODY_DAMP);
		if (ev->nchild)
			final[d] += CHILD_MASS * ev->votes[d] / ev->nchild;
	}
	if ((b = best(final, nd)) < 0)
		return -1;
	if (ev->nchild) {
		int v = best_vote(ev->votes, nd);
		if (ev->votes[v] < LEADING_SHARE * ev->nchild && !clear)
			return -1;
		return b;
	}
	if (h < 0 && ev->body[best(ev->body, nd)] < LEADING_SHARE * bodysum)
		return -1;
	if (final[b] < SPREAD_SHARE * sum(final, nd))
		return -1;
	return b;
}

int label_top(const double *final, int nd, int *top, int max)
{
	int n = 0;

	for (int d = 0; d < nd; d++) {
		int i;
		if (final[d] <= 0)
			continue;
		for (i = n < max ? n++ : max; i > 0 && final[top[i - 1]] < final[d]; i--)
			if (i < max)
				top[i] = top[i - 1];
		if (i < max)
			top[i] = d;
	}
	return n;
}
