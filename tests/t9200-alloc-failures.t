#!/bin/bash
test_description='allocation failures: an error message and status 1, never a crash'
. "${0%/*}/lib.sh"

# fuzz/failmalloc.c, preloaded, makes the Nth allocation and all after it
# fail. Not on sanitizer builds (their allocator comes first) nor under
# VALGRIND=1.
test_have_FAILMALLOC() {
	command -v cc >/dev/null && test_have_NOT_VALGRIND &&
	! ldd "$ZJ_BIN/zj-dump" | grep -q 'lib[at]san' &&
	! nm "$ZJ_BIN/zj-dump" 2>/dev/null | grep -q __asan_init
}
test_have_FAILMALLOC || test_skip_all 'a sanitizer build, VALGRIND=1 or no cc'

# calls PROG ARGS...: how many allocations PROG makes on this input.
calls() {
	LD_PRELOAD=$PWD/failmalloc.so FAILMALLOC_AT=0 "$@" 2>&1 >/dev/null |
		sed -n 's/^failmalloc: \([0-9]*\) calls$/\1/p'
}

# fails_cleanly_at N PROG ARGS...: with allocations failing from the Nth
# on, PROG exits 0, or 1 with a message of its own: never a signal or
# another status.
fails_cleanly_at() {
	local n=$1 st=0
	shift
	LD_PRELOAD=$PWD/failmalloc.so FAILMALLOC_AT=$n timeout 20 "$@" >/dev/null 2>err || st=$?
	case $st in
	0) return 0 ;;
	124) echo "$* with allocation $n failing: still running after 20 s" ;;
	1) head -n 1 err | grep -q "^zj-[a-z-]*: " && return 0
	   echo "$* with allocation $n failing: status 1 without a message of its own:" ;;
	*) echo "$* with allocation $n failing: status $st:" ;;
	esac
	cat err
	return 1
}

# test_fails_cleanly FROM TO PROG ARGS...: fails_cleanly_at for 30 N from
# FROM and 30 more spread up to TO.
test_fails_cleanly() {
	local from=$1 to=$2 n
	shift 2
	for n in $(seq "$from" $((from + 29))) $(seq "$from" $(((to - from) / 30 + 1)) "$to"); do
		fails_cleanly_at "$n" "$@" || return 1
	done
}

test_expect_success 'setup: failmalloc.so and records from the demo corpus' '
	cc -O2 -shared -fPIC -o failmalloc.so "$TOP/fuzz/failmalloc.c" &&
	zj-decode "$DEMO/qinghe-2021.txt" "$DEMO/two-reports.txt" >docs.mpk &&
	zj-segment docs.mpk >sents.mpk &&
	zj-tag-numbers sents.mpk >nums.mpk &&
	zj-classify-section nums.mpk >all.mpk &&
	zj-dump all.mpk >all.jsonl &&
	test "$(calls zj-dump all.mpk)" -gt 0
'

test_expect_success 'the record reader and writer: zj-dump and zj-pack, MessagePack and JSON Lines' '
	test_fails_cleanly 1 "$(calls zj-dump all.mpk)" zj-dump all.mpk &&
	test_fails_cleanly 1 "$(calls zj-pack all.jsonl)" zj-pack all.jsonl
'

test_expect_success 'zj-segment, zj-tag-numbers, zj-classify-section' '
	test_fails_cleanly 1 "$(calls zj-segment docs.mpk)" zj-segment docs.mpk &&
	test_fails_cleanly 1 "$(calls zj-tag-numbers sents.mpk)" zj-tag-numbers sents.mpk &&
	test_fails_cleanly 1 "$(calls zj-classify-section nums.mpk)" zj-classify-section nums.mpk
'

test_expect_success 'zj-aggregate, its tables and its partial states' '
	test_fails_cleanly 1 "$(calls zj-aggregate all.mpk)" zj-aggregate all.mpk &&
	test_fails_cleanly 1 "$(calls zj-aggregate -t money all.mpk)" zj-aggregate -t money all.mpk &&
	zj-aggregate --partial all.mpk >state.mpk &&
	test_fails_cleanly 1 "$(calls zj-aggregate --merge state.mpk)" zj-aggregate --merge state.mpk
'

# zj-decode loads OpenCC only for a traditional document: a simplified
# one is all its own work, from main() on (`zj-decode --version` makes the
# allocations of the C++ runtime before main() and hardly more).
test_expect_success 'zj-decode on a text file' '
	before=$(calls zj-decode --version) &&
	total=$(calls zj-decode "$DEMO/qinghe-2021.txt") &&
	test_fails_cleanly $((before + 1)) "$total" zj-decode "$DEMO/qinghe-2021.txt"
'

test_expect_success 'zj-decode on a web page' '
	before=$(calls zj-decode --version) &&
	total=$(calls zj-decode "$DEMO/saved-page.html") &&
	test_fails_cleanly $((before + 1)) "$total" zj-decode "$DEMO/saved-page.html"
'

# OpenCC and its marisa tries are C++: what they throw on running out of
# memory ends in std::terminate(), and its configuration reader and
# dictionary loading use a few allocations unchecked (a segmentation
# fault); zj-decode turns both into an error of its own.

# first_opencc FROM FILE: the first allocation (to 16) whose failure is
# OpenCC's, counting from FROM.
first_opencc() {
	local n=$1
	while [ "$n" -lt $(($1 + 100000)) ]; do
		LD_PRELOAD=$PWD/failmalloc.so FAILMALLOC_AT=$n zj-decode "$2" >/dev/null 2>err
		grep -q "^zj-decode: OpenCC failed: out of memory" err && { echo "$n"; return 0; }
		n=$((n + 16))
	done
	return 1
}

test_expect_success 'OpenCC running out of memory while it loads is an error, not a crash' '
	before=$(calls zj-decode --version) &&
	first=$(first_opencc $((before + 1)) "$DEMO/taiwan-converted.big5.txt") &&
	for n in $(seq $((first - 16)) 3 $((first + 900))); do
		fails_cleanly_at $n zj-decode "$DEMO/taiwan-converted.big5.txt" || return 1
	done
'

test_expect_success 'zj-decode after OpenCC has loaded, on a traditional file' '
	total=$(calls zj-decode "$DEMO/taiwan-converted.big5.txt") &&
	test_fails_cleanly $((total - 600)) "$total" zj-decode "$DEMO/taiwan-converted.big5.txt"
'

test_done
