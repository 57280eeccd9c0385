/* failmalloc.so: make allocations fail, for tests/t9200-alloc-failures.t.
 *
 *   LD_PRELOAD=./failmalloc.so FAILMALLOC_AT=N prog...
 *       the Nth call of malloc, calloc or realloc and every one after it
 *       returns NULL with errno ENOMEM (memory has run out, and stays out);
 *   LD_PRELOAD=./failmalloc.so FAILMALLOC_AT=0 prog...
 *       nothing fails; at exit "failmalloc: N calls" goes to stderr.
 *
 * Built with: cc -shared -fPIC -o failmalloc.so fuzz/failmalloc.c
 * glibc lets a program replace malloc; its own internal calls come here too.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void *__libc_malloc(size_t n);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t n);

static unsigned long calls, fail_at;
static int ready;

static int fails(void)
{
	if (!ready) {
		const char *e = getenv("FAILMALLOC_AT");    /* getenv does not allocate */
		fail_at = e ? strtoul(e, NULL, 10) : 0;
		ready = 1;
	}
	if (fail_at && ++calls >= fail_at) {
		errno = ENOMEM;
		return 1;
	}
	calls += !fail_at;
	return 0;
}

void *malloc(size_t n)
{
	return fails() ? NULL : __libc_malloc(n);
}

void *calloc(size_t n, size_t size)
{
	return fails() ? NULL : __libc_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
	return fails() ? NULL : __libc_realloc(p, n);
}

__attribute__((destructor)) static void report(void)
{
	char buf[64];
	int n;

	if (ready && !fail_at) {
		n = snprintf(buf, sizeof buf, "failmalloc: %lu calls\n", calls);
		if (write(STDERR_FILENO, buf, (size_t)n) < 0)
			_exit(3);
	}
}
