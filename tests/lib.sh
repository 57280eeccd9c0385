# tests/lib.sh: a small TAP test library in the style of git's t/test-lib.sh.
#
#   #!/bin/bash
#   test_description='what this file tests'
#   . "${0%/*}/lib.sh"
#   test_expect_success 'what one test checks' '
#       printf "%s\n" "{\"t\":\"doc\"}" >in.jsonl &&
#       zj-pack in.jsonl | zj-dump >out &&
#       test_cmp in.jsonl out
#   '
#   test_done
#
# Each test body runs in a subshell with `set -e -o pipefail`, inside a
# scratch folder trash.NAME that is removed when every test passed; it is in
# $ZJ_TRASH_DIR (default tests/), so that two runs of the suite on two
# builds (make check, make asan) do not share one. The programs under test
# come first on PATH ($ZJ_BIN, default bin/).

TEST_DIR=$(cd "$(dirname "$0")" && pwd)
TOP=$(cd "$TEST_DIR/.." && pwd)
ZJ_BIN=${ZJ_BIN:-$TOP/bin}
PATH=$ZJ_BIN:$TOP/bin:$PATH
DATA=$TEST_DIR/data
SHARED=${ZJ_SHARED:-$TOP/../shared}
DEMO=$TOP/demo/corpus
export PATH TOP DATA SHARED DEMO LC_ALL=C.UTF-8
unset ZJ_DATADIR

test_name=$(basename "$0" .t)
TRASH=${ZJ_TRASH_DIR:-$TEST_DIR}/trash.$test_name
rm -rf "$TRASH" && mkdir -p "$TRASH" && cd "$TRASH" || exit 1

# VALGRIND=1: every program of $ZJ_BIN runs under valgrind's memcheck, through
# wrappers that become $ZJ_BIN and come first on PATH (as git's bin-wrappers);
# a memory error or a leak makes the program exit 126 with valgrind's report
# on stderr. tests/valgrind.supp holds what is not ours.
if [ "${VALGRIND:-0}" != 0 ]; then
	command -v valgrind >/dev/null || { echo "Bail out! VALGRIND=1 needs valgrind"; exit 1; }
	mkdir -p "$TRASH/.valgrind-bin"
	for p in "$ZJ_BIN"/zj-*; do
		[ -x "$p" ] && printf '#!/bin/sh\nexec valgrind -q --leak-check=full --error-exitcode=126 %s %s "$@"\n' \
			"--suppressions=$TEST_DIR/valgrind.supp" "$p" >"$TRASH/.valgrind-bin/${p##*/}"
	done
	chmod +x "$TRASH"/.valgrind-bin/*
	ZJ_BIN=$TRASH/.valgrind-bin     # for tests that name it (ZJ_EXEC_PATH=$ZJ_BIN)
	PATH=$ZJ_BIN:$PATH
fi

test_count=0
test_failed=0

# test_expect_success [PREREQ] DESCRIPTION BODY
test_expect_success() {
	local prereq=
	[ $# = 3 ] && { prereq=$1; shift; }
	test_count=$((test_count + 1))
	if [ -n "$prereq" ] && ! "test_have_$prereq"; then
		echo "ok $test_count # skip $1 (missing $prereq)"
		return
	fi
	if (set -e -o pipefail; eval "$2") >"$TRASH/.out" 2>&1; then
		echo "ok $test_count - $1"
	else
		test_failed=$((test_failed + 1))
		echo "not ok $test_count - $1"
		# on stderr, so that prove shows why without -v
		{ sed 's/^/#	/' "$TRASH/.out"
		  printf '#	in: %s\n' "$2" | sed '2,$s/^/#	/'; } >&2
	fi
}

# test_expect_failure [PREREQ] DESCRIPTION BODY: a known bug, as in git's
# t/: the body states the right behaviour and still fails; TAP reports it
# as TODO, so it does not fail the suite until it is fixed.
test_expect_failure() {
	local prereq=
	[ $# = 3 ] && { prereq=$1; shift; }
	test_count=$((test_count + 1))
	if [ -n "$prereq" ] && ! "test_have_$prereq"; then
		echo "ok $test_count # skip $1 (missing $prereq)"
	elif (set -e -o pipefail; eval "$2") >"$TRASH/.out" 2>&1; then
		echo "ok $test_count - $1 # TODO known breakage vanished"
	else
		echo "not ok $test_count - $1 # TODO known breakage"
	fi
}

# test_expect_code CODE COMMAND...: the command exits with CODE.
test_expect_code() {
	local want=$1 got=0
	shift
	"$@" || got=$?
	[ "$got" = "$want" ] && return 0
	echo "test_expect_code: wanted exit $want, got $got: $*" >&2
	return 1
}

# test_cmp EXPECTED ACTUAL: the two files are the same.
test_cmp() {
	diff -u "$1" "$2"
}

# test_grep PATTERN FILE: FILE has a line matching PATTERN (shows FILE if not).
test_grep() {
	grep -q -e "$1" "$2" && return 0
	echo "no line matches '$1' in $2:" >&2
	cat "$2" >&2
	return 1
}

# test_must_be_empty FILE
test_must_be_empty() {
	[ ! -s "$1" ] && return 0
	echo "$1 is not empty:" >&2
	cat "$1" >&2
	return 1
}

# test_man_examples PAGE COUNT: the page has COUNT examples (.Bd -literal
# displays whose first line starts with "$ ", continued while a line ends
# in | or \), and each runs as printed and prints what the page shows
# after it (trailing blanks aside).
test_man_examples() {
	local dir=examples.${1##*/} sh n=0
	rm -rf "$dir" && mkdir "$dir" &&
	awk -v dir="$dir" '
		/^\.Bd -literal/ { inblock = 1; cur = 0; next }
		/^\.Ed/ { inblock = 0; next }
		!inblock { next }
		{ gsub(/\\e/, "\\") }
		/^\$ / { cur = ++n; sub(/^\$ /, ""); print > (dir "/" n ".sh"); printf "" > (dir "/" n ".out")
			cont = /[|\\]$/; next }
		cont { print >> (dir "/" n ".sh"); cont = /[|\\]$/; next }
		cur { print >> (dir "/" n ".out") }
	' "$1" || return 1
	for sh in "$dir"/*.sh; do
		[ -e "$sh" ] || break
		n=$((n + 1))
		bash "$sh" 2>&1 | sed "s/[[:space:]]*$//" >"${sh%.sh}.got"
		sed "s/[[:space:]]*$//" "${sh%.sh}.out" | diff -u - "${sh%.sh}.got" >&2 ||
			{ echo "example of $1 differs: $(cat "$sh")" >&2; return 1; }
	done
	[ "$n" = "$2" ] || { echo "$1: $n examples, expected $2" >&2; return 1; }
}

# Prerequisites, for test_expect_success PREREQ ...
test_have_SHARED() {
	[ -d "$SHARED/corpus" ]
}

# Not under VALGRIND=1: for tests too slow there (huge inputs, timing).
test_have_NOT_VALGRIND() {
	[ "${VALGRIND:-0}" = 0 ]
}

test_have_DEVFULL() {
	[ -w /dev/full ]
}

test_skip_all() {
	echo "1..0 # SKIP $*"
	cd "$TEST_DIR" && rm -rf "$TRASH"
	exit 0
}

test_done() {
	echo "1..$test_count"
	cd "$TEST_DIR" || exit 1
	if [ "$test_failed" -gt 0 ]; then
		echo "# failed $test_failed of $test_count (scratch files kept in $TRASH)"
		exit 1
	fi
	rm -rf "$TRASH"
	exit 0
}
