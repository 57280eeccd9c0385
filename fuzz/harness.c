/* fuzz/harness.c: libFuzzer runs a whole filter on each input.
 *
 * The filter's main() is compiled as zj_fuzz_main (-Dmain=zj_fuzz_main)
 * and runs with the operands ZJ_FUZZ_ARGS, reading the input from its
 * standard input (a memfd), writing to /dev/null, its stderr kept in a
 * second memfd that is shown only when something went wrong.
 *
 * A fork server, as in AFL: at start a server process runs the filter's
 * main() up to its first read(2) of standard input (-Wl,--wrap=read), so
 * options, data files, regexes and OpenCC are set up once. From there it
 * forks one child per input; the child returns from that read() with the
 * input and runs the filter to its end. A filter reports bad input with
 * exit(1): -Wl,--wrap=exit sends that to child_end(), which ends the child
 * the way a real process ends.
 *
 * Why a process per input, not a longjmp out of exit(): a filter that dies
 * halfway leaves its locals allocated, its statics half set and its output
 * buffer half full. In a child that is what a real process leaves, so
 * LeakSanitizer checks every run exactly as at a real exit (objects still
 * on the stack of an exit() count as reachable, as they do there), and the
 * next input starts clean. The child's coverage counters go back to
 * libFuzzer through shared memory, so it still learns from every input.
 *
 * Findings (libFuzzer aborts and saves the input as a crash-* artifact):
 * any exit status but 0 and 1 (a sanitizer report is 87, a leak 86, bad
 * usage 2), a signal, a run longer than -timeout (the child's alarm), a
 * child that grew beyond -rss_limit_mb, one allocation beyond 1 GB.
 *
 * Environment: ZJ_FUZZ_LEAKS=0 skips the leak check, ZJ_FUZZ_STDERR=1
 * shows the filter's stderr for every input (handy on one file).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef ZJ_FUZZ_PROG
#define ZJ_FUZZ_PROG "zj-fuzz"
#endif
#ifndef ZJ_FUZZ_ARGS
#define ZJ_FUZZ_ARGS ""
#endif

enum { LEAK_STATUS = 86, SANITIZER_STATUS = 87, MAXARGS = 16 };

int zj_fuzz_main(int argc, char **argv);
void __real_exit(int status) __attribute__((noreturn));
ssize_t __real_read(int fd, void *buf, size_t n);
void __real___sanitizer_cov_8bit_counters_init(uint8_t *start, uint8_t *stop);
int __lsan_do_recoverable_leak_check(void);

/* What a server tells the fuzzer about one child. */
struct report {
	int status;
	long maxrss_kb;
};

static enum { FUZZER, SERVER, CHILD } role = FUZZER;
static int check_leaks = 1, show_stderr;
static int infd = -1, errfd = -1, nullfd = -1;
static int go_fd = -1, report_fd = -1;  /* fuzzer -> server, server -> fuzzer */
static uint8_t *counters, *shared_counters;
static size_t ncounters;
static long unit_timeout = 1200, rss_limit_mb = 2048;  /* libFuzzer's defaults */

/* Sanitizer reports must not look like a filter's exit(1). */
const char *__asan_default_options(void)
{
	return "exitcode=87:max_allocation_size_mb=1024";
}

const char *__ubsan_default_options(void)
{
	return "exitcode=87:print_stacktrace=1";
}

static void die(const char *what)
{
	fprintf(stderr, "zj-fuzz: %s: %s\n", what, strerror(errno));
	__real_exit(2);
}

static void child_end(int status) __attribute__((noreturn));
static void child_end(int status)
{
	if (check_leaks && __lsan_do_recoverable_leak_check())
		status = LEAK_STATUS;
	memcpy(shared_counters, counters, ncounters);
	_exit(status);
}

void __wrap_exit(int status)
{
	if (role != FUZZER)
		child_end(status);
	__real_exit(status);
}

/* The coverage counters, as each module's constructor hands them to
 * libFuzzer (-Wl,--wrap=__sanitizer_cov_8bit_counters_init): naming the
 * linker's __start___sancov_cntrs here would unhook them from libFuzzer. */
void __wrap___sanitizer_cov_8bit_counters_init(uint8_t *start, uint8_t *stop)
{
	if (!counters || start < counters)
		counters = start;
	if (stop > counters + ncounters)
		ncounters = (size_t)(stop - counters);
	__real___sanitizer_cov_8bit_counters_init(start, stop);
}


static void serve(void);

/* The filter's first read of standard input is where the server starts
 * forking; in a child it is an ordinary read. */
ssize_t __wrap_read(int fd, void *buf, size_t n)
{
	if (role == SERVER && fd == STDIN_FILENO)
		serve();
	return __real_read(fd, buf, n);
}

static void write_all(int fd, const void *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			die("write");
		p = (const char *)p + w;
		n -= (size_t)w;
	}
}

/* Wait for the fuzzer's go, fork, report the child's end; again. A child
 * leaves this function by returning (from __wrap_read) into the filter. */
static void serve(void)
{
	struct report rep = { 0, 0 };
	char go;

	write_all(report_fd, &rep, sizeof rep);  /* ready */
	for (;;) {
		struct rusage ru;
		pid_t pid;

		if (__real_read(go_fd, &go, 1) != 1)
			_exit(0);       /* the fuzzer is gone */
		if ((pid = fork()) < 0)
			die("fork");
		if (pid == 0) {
			role = CHILD;
			close(go_fd);
			close(report_fd);
			alarm((unsigned)unit_timeout);
			return;
		}
		while (wait4(pid, &rep.status, 0, &ru) < 0)
			if (errno != EINTR)
				die("wait4");
		rep.maxrss_kb = ru.ru_maxrss;
		write_all(report_fd, &rep, sizeof rep);
	}
}

/* The filter's argv: the program name, then ZJ_FUZZ_ARGS split at spaces. */
static int make_argv(char **argv, char *args)
{
	int argc = 0;

	argv[argc++] = ZJ_FUZZ_PROG;
	for (char *a = strtok(args, " "); a && argc < MAXARGS; a = strtok(NULL, " "))
		argv[argc++] = a;
	argv[argc] = NULL;
	return argc;
}

static void run_server(void) __attribute__((noreturn));
static void run_server(void)
{
	static char args[] = ZJ_FUZZ_ARGS;
	char *argv[MAXARGS + 1];
	int argc = make_argv(argv, args);

	role = SERVER;
	if (dup2(infd, STDIN_FILENO) < 0 || dup2(nullfd, STDOUT_FILENO) < 0 ||
	    dup2(errfd, STDERR_FILENO) < 0)
		die("dup2");
	optind = 0;
	child_end(zj_fuzz_main(argc, argv));
}

static void show_child_stderr(void)
{
	char buf[4096];
	ssize_t n;
	off_t off = 0;

	while ((n = pread(errfd, buf, sizeof buf, off)) > 0) {
		fwrite(buf, 1, (size_t)n, stderr);
		off += n;
	}
}

/* The next report of the server; libFuzzer's own alarm is held off, as
 * it would only show the fuzzer's stack: the child times out by itself. */
static int read_report(struct report *rep)
{
	sigset_t alarm_set, old;
	size_t got = 0;

	sigemptyset(&alarm_set);
	sigaddset(&alarm_set, SIGALRM);
	sigprocmask(SIG_BLOCK, &alarm_set, &old);
	while (got < sizeof *rep) {
		ssize_t n = __real_read(report_fd, (char *)rep + got, sizeof *rep - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return got == sizeof *rep;
}

static long flag(int argc, char **argv, const char *name, long def)
{
	size_t n = strlen(name);

	for (int i = 1; i < argc; i++)
		if (!strncmp(argv[i], name, n) && argv[i][n] == '=')
			def = atol(argv[i] + n + 1);
	return def;
}

static void start_server(void)
{
	int go[2], report[2];
	struct report rep;
	pid_t pid;

	if (pipe(go) < 0 || pipe(report) < 0)
		die("pipe");
	if ((pid = fork()) < 0)
		die("fork");
	if (pid == 0) {
		close(go[1]);
		close(report[0]);
		go_fd = go[0];
		report_fd = report[1];
		run_server();
	}
	close(go[0]);
	close(report[1]);
	go_fd = go[1];
	report_fd = report[0];
	if (!read_report(&rep)) {
		show_child_stderr();
		fprintf(stderr, "zj-fuzz: %s ended before reading its standard input\n", ZJ_FUZZ_PROG);
		__real_exit(2);
	}
}

/* Before libFuzzer sets up its signal handlers and starts on inputs, so
 * the server and its children carry none of that. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *e;

	unit_timeout = flag(*argc, *argv, "-timeout", unit_timeout);
	rss_limit_mb = flag(*argc, *argv, "-rss_limit_mb", rss_limit_mb);
	if ((e = getenv("ZJ_FUZZ_LEAKS")))
		check_leaks = atoi(e);
	if ((e = getenv("ZJ_FUZZ_STDERR")))
		show_stderr = atoi(e);
	shared_counters = mmap(NULL, ncounters ? ncounters : 1, PROT_READ | PROT_WRITE,
	                       MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shared_counters == MAP_FAILED)
		die("mmap");
	if ((infd = memfd_create("zj-fuzz-input", 0)) < 0 ||
	    (errfd = memfd_create("zj-fuzz-stderr", 0)) < 0)
		die("memfd_create");
	if ((nullfd = open("/dev/null", O_WRONLY)) < 0)
		die("/dev/null");
	start_server();
	return 0;
}

static void put_input(const uint8_t *data, size_t size)
{
	if (ftruncate(infd, 0) < 0 || ftruncate(errfd, 0) < 0)
		die("ftruncate");
	for (size_t done = 0; done < size;) {
		ssize_t n = pwrite(infd, data + done, size - done, (off_t)done);
		if (n < 0)
			die("pwrite");
		done += (size_t)n;
	}
	if (lseek(infd, 0, SEEK_SET) < 0 || lseek(errfd, 0, SEEK_SET) < 0)
		die("lseek");
}

static void finding(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void finding(const char *fmt, ...)
{
	va_list ap;

	if (!show_stderr)
		show_child_stderr();
	fprintf(stderr, "zj-fuzz: %s: ", ZJ_FUZZ_PROG);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct report rep;
	int st;

	put_input(data, size);
	memset(shared_counters, 0, ncounters);
	write_all(go_fd, "g", 1);
	if (!read_report(&rep))
		finding("the fork server died");
	memcpy(counters, shared_counters, ncounters);
	if (show_stderr)
		show_child_stderr();
	st = rep.status;
	if (WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM)
		finding("timeout: still running after %ld s", unit_timeout);
	if (WIFSIGNALED(st))
		finding("killed by signal %d (%s)", WTERMSIG(st), strsignal(WTERMSIG(st)));
	if (WEXITSTATUS(st) > 1)
		finding("exit status %d%s", WEXITSTATUS(st),
		        WEXITSTATUS(st) == LEAK_STATUS ? " (a leak)" :
		        WEXITSTATUS(st) == SANITIZER_STATUS ? " (a sanitizer report)" : "");
	if (rss_limit_mb > 0 && rep.maxrss_kb / 1024 > rss_limit_mb)
		finding("used %ld MB, more than -rss_limit_mb=%ld", rep.maxrss_kb / 1024, rss_limit_mb);
	return 0;
}
