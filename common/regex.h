/* PCRE2 patterns from data files and options, compiled once with JIT. */
#ifndef ZJ_REGEX_H
#define ZJ_REGEX_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>

/* Compile the n bytes at pat (PCRE2_ZERO_TERMINATED for a C string) in
 * UTF mode plus flags, and JIT it. A bad pattern gives NULL and, in msg,
 * "at offset N: what is wrong". */
pcre2_code *zj_regex(const char *pat, size_t n, uint32_t flags, char *msg, size_t msgsize);
/* The same, but a bad pattern is fatal: "WHERE:LINE: bad pattern at offset
 * N: ..." (without ":LINE" when line is 0). */
pcre2_code *zj_regex_need(const char *pat, size_t n, uint32_t flags,
                          const char *where, unsigned long line);
/* A byte every match of re holds (its required last code unit), or -1.
 * Where the byte is absent the pattern cannot match, and memchr() costs
 * less than a call of pcre2_match(). */
int zj_regex_required_byte(const pcre2_code *re);
/* The bytes a match of re can start with, as a bitmap of 256 bits in
 * bits[32]; 0 when PCRE2 knows no such set (then any byte can). */
int zj_regex_first_bytes(const pcre2_code *re, unsigned char bits[32]);

#endif
