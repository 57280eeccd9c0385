/* Web pages: the text of a saved page through libxml2's HTML parser.
 * Scripts, styles and comments go; block elements and <br> end lines;
 * menus and link lists (mostly link text) are left out. */
#include <ctype.h>
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

/* Characters of text under n, and of text inside links. */
static void text_size(const xmlNode *n, int in_link, size_t *all, size_t *link)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE && n->content) {
			size_t k = visible_chars((const char *)n->content);

			*all += k;
			if (in_link)
				*link += k;
		} else if (n->type == XML_ELEMENT_NODE && !named(n, skipped)) {
			text_size(n->children, in_link || !xmlStrcasecmp(n->name, (const xmlChar *)"a"), all, link);
		}
	}
}

static int link_list(const xmlNode *n)
{
	size_t all = 0, link = 0;

	if (!named(n, lists))
		return 0;
	text_size(n->children, 0, &all, &link);
	return all && all <= LINK_LIST_MAX && link * 2 >= all;
}

static void add_text(const char *s, struct buf *out)
{
	for (; *s; s++)
		buf_addc(out, *s == '\n' || *s == '\r' || *s == '\t' ? ' ' : *s);
}

static void walk(const xmlNode *n, struct buf *out)
{
	for (; n; n = n->next) {
		int block;

		if (n->type == XML_TEXT_NODE && n->content) {
			add_text((const char *)n->content, out);
			continue;
		}
		if (n->type != XML_ELEMENT_NODE || named(n, skipped) || link_list(n))
			continue;
		block = named(n, blocks);
		if (block)
			buf_addc(out, '\n');
		walk(n->children, out);
		if (block)
			buf_addc(out, '\n');
	}
}

static char *find_title(const xmlNode *n)
{
	for (; n; n = n->next) {
		char *t;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!xmlStrcasecmp(n->name, (const xmlChar *)"title")) {
			xmlChar *c = xmlNodeGetContent(n);
			size_t len;

			t = zj_strdup(c ? (const char *)c : "");
			xmlFree(c);
			len = strlen(t);
			for (size_t i = 0; i < len; i++)
				if (t[i] == '\n' || t[i] == '\r' || t[i] == '\t')
					t[i] = ' ';
			return t;
		}
		if ((t = find_title(n->children)))
			return t;
	}
	return NULL;
}

void html_text(const char *page, size_t n, struct buf *out, char **title)
{
	htmlDocPtr doc = htmlReadMemory(page, (int)n, NULL, "UTF-8",
	                                HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	                                HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC | HTML_PARSE_NOBLANKS);
	xmlNode *root;

	if (!doc)
		return;
	root = xmlDocGetRootElement(doc);
	*title = find_title(root);
	walk(root, out);
	xmlFreeDoc(doc);
}
