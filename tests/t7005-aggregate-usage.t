#!/bin/bash
test_description='zj-aggregate: usage, errors, --help and the examples of its manual page'
. "${0%/*}/lib.sh"

R=$DATA/aggregate/reports.jsonl

test_expect_success '--help names every option of the manual page' '
	zj-aggregate --help >out &&
	test_grep "^Usage: zj-aggregate \[-t NAME | -b KEY,... \[-m MEASURE,...\]\] \[-w EXPR\]... \[-f FORMAT\] \[-u UNIT\] \[--partial | --merge\] \[--keep-dups\] \[FILE\]...$" out &&
	for o in -t,.--table= -b,.--by= -m,.--measure= -w,.--where= -f,.--format= -u,.--money-unit= \
		--partial --merge --keep-dups; do
		test_grep "^  *$o" out &&
		o=${o%%,*} &&
		test_grep "^\.It Fl ${o#-}" "$TOP/man/zj-aggregate.1" || return 1
	done
'

# usage_error MESSAGE ARGS...: zj-aggregate ARGS exits 2 with MESSAGE.
usage_error() {
	local want=$1
	shift
	test_expect_code 2 zj-aggregate "$@" <"$R" >out 2>err &&
	printf "zj-aggregate: %s\nTry 'zj-aggregate --help' for more information.\n" "$want" >expect &&
	test_cmp expect err &&
	test_must_be_empty out
}

test_expect_success 'bad usage: status 2, a message, no output' '
	usage_error "--table and --by exclude each other" -t docs -b region &&
	usage_error "--measure needs --by" -m sum &&
	usage_error "unknown table '\''nope'\'' (docs, domains, indicators, money)" -t nope &&
	usage_error "unknown measure '\''median'\'' (count, docs, sum, min, max, mean)" -b region -m count,median &&
	usage_error "unknown measure '\'''\'' (count, docs, sum, min, max, mean)" -b region -m count, &&
	usage_error "unknown format '\''xml'\'' (tsv, csv, json, md, msgpack)" -f xml &&
	usage_error "unknown money unit '\''千元'\'' (元, 万元, 亿元)" -t money -u 千元 &&
	usage_error "'\''re gion'\'' is not a field name" -b "re gion" &&
	usage_error "'\''doc.'\'' is not a field name" -b doc. &&
	usage_error "no keys given" -b , &&
	usage_error "--where '\''region'\'': not FIELD=VALUE, FIELD!=VALUE or FIELD~REGEX" -w region &&
	usage_error "--where '\''=x'\'': not FIELD=VALUE, FIELD!=VALUE or FIELD~REGEX" -w =x &&
	usage_error "--where '\''title~(a'\'': at offset 2: missing closing parenthesis" -w "title~(a" &&
	usage_error "--partial writes state records: no --format but msgpack" --partial -f csv &&
	usage_error "--where and --keep-dups apply when the partial states are made, not to --merge" --merge -w t=num &&
	usage_error "--where and --keep-dups apply when the partial states are made, not to --merge" --merge --keep-dups &&
	usage_error "option '\''-b'\'' needs an argument" -b
'

test_expect_success 'bad input: status 1 and the place of the fault' '
	printf "{\"t\":\"doc\",\"id\":\"x#1\"}\n{\"t\":\"num\",\n" >bad.jsonl &&
	test_expect_code 1 zj-aggregate bad.jsonl >out 2>err &&
	test_grep "^zj-aggregate: bad.jsonl: record 2 (byte 23): invalid JSON" err &&
	test_expect_code 1 zj-aggregate no-such-file 2>err &&
	test_grep "^zj-aggregate: no-such-file: No such file or directory$" err
'

test_expect_success DEVFULL 'a write error is status 1 with a message' '
	test_expect_code 1 zj-aggregate "$R" >/dev/full 2>err &&
	test_grep "^zj-aggregate: write error: No space left on device$" err &&
	test_expect_code 1 zj-aggregate --partial "$R" >/dev/full 2>err &&
	test_grep "write error" err
'

test_expect_success 'a closed pipe ends it quietly' '
	for i in $(seq 300); do sed "s/\"id\":\"\([a-z]\)#/\"id\":\"\1$i#/" "$R"; done >many.jsonl &&
	{ zj-aggregate many.jsonl 2>err || test $? = 141; } | head -1 >out &&
	test_must_be_empty err &&
	printf "id\ttitle\tregion\tyear\tperiod\tsections\tsentences\tnumbers\tdomains\n" >expect &&
	test_cmp expect out
'

test_expect_success '--version names program and version' '
	zj-aggregate --version >out &&
	test_grep "^zj-aggregate (zongjie) [0-9][0-9.]*$" out
'

# Memory is bounded by the groups: 105 MB of input through 80 MB of
# address space. (ASan needs far more address space of its own.)
test_expect_success NOT_VALGRIND 'memory grows with the groups, not with the input' '
	case $ZJ_BIN in *asan*) exit 0;; esac &&
	zj-pack "$R" >r.mpk &&
	for i in 1 2 3 4 5 6 7; do cat r.mpk r.mpk >r2.mpk && mv r2.mpk r.mpk || return 1; done &&
	test $(wc -c <r.mpk) -gt 500000 &&
	zj-aggregate -t indicators "$R" >expect &&
	(ulimit -v 80000 && for i in $(seq 180); do cat r.mpk; done | zj-aggregate -t indicators >out) &&
	test $(wc -l <out) = $(wc -l <expect) &&
	cut -f1,2 out >keys && cut -f1,2 expect >want && test_cmp want keys &&
	test_grep "^投入	元	92160	46080	" out
'

test_expect_success '--data-files prints nothing: there are none' '
	zj-aggregate --data-files >out &&
	test_must_be_empty out
'

# The EXAMPLES of the manual page, run as printed in a folder holding
# reports.jsonl and its two halves; each output is checked.
test_expect_success 'the examples of the manual page run as printed' '
	cp "$R" reports.jsonl &&
	sed -n 1,16p reports.jsonl >part1.jsonl &&
	sed -n "17,\$p" reports.jsonl >part2.jsonl &&
	sed -n "/^\.Sh EXAMPLES/,/^\.Sh /s/^\.Dl //p" "$TOP/man/zj-aggregate.1" >examples &&
	test $(wc -l <examples) = 8 &&
	n=0 &&
	while IFS= read -r cmd; do
		n=$((n + 1)) &&
		bash -e -o pipefail -c "$cmd" >ex.$n &&
		if test -s ex.$n; then
			test_cmp "$DATA/aggregate/example.$n.out" ex.$n || return 1
		fi
	done <examples &&
	ls ex.* | wc -l >count && echo 8 >expect && test_cmp expect count &&
	test -s part1.state && test -s part2.state &&
	test_cmp "$DATA/aggregate/docs.tsv" ex.1
'

test_expect_success 'the manual page renders' '
	MANWIDTH=80 man -l "$TOP/man/zj-aggregate.1" >page 2>err &&
	test_must_be_empty err &&
	test_grep "zj-aggregate --partial -t indicators part1.jsonl >part1.state" page
'

test_done
