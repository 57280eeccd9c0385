/* Web pages: the text of a saved page through libxml2's HTML parser.
 * Scripts, styles and comments go; block elements and <br> end lines;
 * menus and link lists (mostly link text) are left out. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "zj.h"
#include "decode.h"

#define LINK_LIST_MAX 600       /* characters: longer blocks are text even with links */

static int named(const xmlNode *n, const char *const *names)
{
	for (; *names; names++)
		if (!xmlStrcasecmp(n->name, (const xmlChar *)*names))
			return 1;
	return 0;
}

static const char *const skipped[] = { "script", "style", "noscript", "template", "iframe", "head",
                                       "nav", "select", "button", "form", NULL };
static const char *const blocks[] = { "p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3",
                                      "h4", "h5", "h6", "section", "article", "blockquote", "pre", "dd",
                                      "dt", "dl", "header", "footer", "center", "hr", "td", "th", NULL };
static const char *const lists[] = { "ul", "ol", "div", "table", "p", "dl", "span", "td", NULL };

/* Characters that are not ASCII blanks (indentation between tags). */
static size_t visible_chars(const char *s)
{
	size_t k = 0;

	for (; *s; s++)
		k += ((unsigned char)*s & 0xC0) != 0x80 && !isspace((unsigned char)*s);
	return k;
}

static void add_text(const char *s, struct buf *out)
{
	for (; *s; s++)
		buf_addc(out, *s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s);
}

/* An element being walked: where its text starts in out, how much of its
 * text is in links. */
struct open_element {
	const xmlNode *n;
	size_t start, all, link;
	int block, in_link;
};

struct walk {
	struct open_element *v;
	size_t depth, cap;
	struct buf *out;
};

static void open_element(struct walk *w, const xmlNode *n)
{
	struct open_element *e;

	w->v = zj_grow(w->v, w->depth, &w->cap, sizeof *w->v);
	e = &w->v[w->depth++];
	e->n = n;
	e->start = w->out->len;
	e->all = e->link = 0;
	e->block = named(n, blocks);
	e->in_link = !xmlStrcasecmp(n->name, (const xmlChar *)"a") || (w->depth > 1 && w->v[w->depth - 2].in_link);
	if (e->block)
		buf_addc(w->out, '\n');
}

/* Close the innermost element: a menu or link list (mostly link text, not
 * long) takes its text back out. */
static void close_element(struct walk *w)
{
	struct open_element *e = &w->v[--w->depth];

	if (named(e->n, lists) && e->all && e->all <= LINK_LIST_MAX && e->link * 2 >= e->all)
		w->out->len = e->start;
	else if (e->block)
		buf_addc(w->out, '\n');
	if (w->depth) {
		w->v[w->depth - 1].all += e->all;
		w->v[w->depth - 1].link += e->link;
	}
}

static void text_node(struct walk *w, const char *text)
{
	size_t k = visible_chars(text);

	add_text(text, w->out);
	if (w->depth) {
		w->v[w->depth - 1].all += k;
		if (w->v[w->depth - 1].in_link)
			w->v[w->depth - 1].link += k;
	}
}

/* The text of the tree, in one pass and without recursion, however deep
 * the page nests. */
static void walk(const xmlNode *n, struct buf *out)
{
	struct walk w = { .out = out };

	while (n) {
		if (n->type == XML_TEXT_NODE && n->content) {
			text_node(&w, (const char *)n->content);
		} else if (n->type == XML_ELEMENT_NODE && !named(n, skipped)) {
			open_element(&w, n);
			if (n->children) {
				n = n->children;
				continue;
			}
			close_element(&w);
		}
		while (n && !n->next) {
			n = n->parent;
			if (!n || n->type != XML_ELEMENT_NODE)
				n = NULL;
			else
				close_element(&w);
		}
		if (n)
			n = n->next;
	}
	while (w.depth)
		close_element(&w);
	free(w.v);
}

#define TITLE_DEPTH 8           /* <title> stands near the top: look no deeper */

static char *find_title(const xmlNode *n, int depth)
{
	for (; n && depth < TITLE_DEPTH; n = n->next) {
		char *t;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!xmlStrcasecmp(n->name, (const xmlChar *)"title")) {
			xmlChar *c = xmlNodeGetContent(n);
			size_t i, len;

			t = zj_strdup(c ? (const char *)c : "");
			xmlFree(c);
			len = strlen(t);
			for (i = 0; i < len; i++)
				if (t[i] == '\n' || t[i] == '\r' || t[i] == '\t')
					t[i] = ' ';
			return t;
		}
		if ((t = find_title(n->children, depth + 1)))
			return t;
	}
	return NULL;
}

void html_init(void)
{
	if (xmlMemSetup(free, zj_malloc, zj_realloc, zj_strdup))
		zj_die("libxml2: cannot set its allocator");
}

void html_text(const char *page, size_t n, struct buf *out, char **title)
{
	/* XML_PARSE_HUGE lifts the parser's limit of 256 nested elements */
	htmlDocPtr doc = htmlReadMemory(page, (int)n, NULL, "UTF-8",
	                                HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	                                HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | HTML_PARSE_NOBLANKS |
	                                XML_PARSE_HUGE);
	xmlNode *root;

	if (!doc)
		return;
	root = xmlDocGetRootElement(doc);
	*title = find_title(root, 0);
	walk(root, out);
	xmlFreeDoc(doc);
}
