#!/bin/bash
test_description='segment, tag-numbers and classify-section on hostile text: carry on, spans stay true'
. "${0%/*}/lib.sh"

H="python3 $DATA/hardening/hostile.py"
SPANS="python3 $DATA/hardening/spans.py"

# pipeline DOC.mpk: segment, tag-numbers and classify-section, MessagePack out.
pipeline() {
	zj-segment "$1" | zj-tag-numbers | zj-classify-section
}

test_expect_success 'invalid UTF-8 inside a doc text: no error, every span true to the bytes' '
	printf "一、总体情况\n今年完成\377\376任务，投入13。7亿元。\n二、问题\n经费\303不足，缺口\344\2705%%。\n" >bad.txt &&
	$H doc bad.txt >bad.mpk &&
	pipeline bad.mpk >out 2>err &&
	test_must_be_empty err &&
	$SPANS <out >counts &&
	echo "2 4 2" >expect &&
	test_cmp expect counts
'

test_expect_success '10 000 、 in a row inside a doc: no error, spans true' '
	$H dun 10000 >dun.txt &&
	$H doc dun.txt >dun.mpk &&
	pipeline dun.mpk >out 2>err &&
	test_must_be_empty err &&
	$SPANS <out >counts &&
	test_grep "^[0-9]* [1-9][0-9]* 1$" counts
'

test_expect_success 'a sentence of 10 000 、 and a heading of them: no error' '
	{ printf "{\"t\":\"sec\",\"doc\":\"h#1\",\"id\":\"h#1/1\",\"level\":1,\"marker\":\"一、\",\"ord\":1,\"title\":\"" &&
	  python3 -c "print(\"、\" * 10000, end=\"\")" &&
	  printf "\",\"start\":0,\"end\":30006}\n"; } >dunsec.jsonl &&
	zj-classify-section dunsec.jsonl | zj-dump >out &&
	test_grep "\"kind\":" out &&
	$H sent dun.txt >dunsent.mpk &&
	zj-tag-numbers dunsent.mpk | zj-dump >out &&
	test "$(grep -c "\"t\":\"num\"" out)" = 1
'

test_expect_success 'a 10 MB run of digits inside a doc: no error, spans true' '
	$H digits 10000000 >digits.txt &&
	$H doc digits.txt >digits.mpk &&
	pipeline digits.mpk >out 2>err &&
	test_must_be_empty err &&
	$SPANS <out >counts &&
	test_grep "^0 1 [01]$" counts
'

test_expect_success '--text modes: invalid UTF-8 gives one warning per file, then output' '
	printf "一、总体情况\n今年完成\377任务，投入13。7亿元。\n经费\303不足。\n" >bad-lines.txt &&
	for f in segment tag-numbers classify-section; do
		zj-$f --text bad-lines.txt >out 2>err &&
		echo "zj-$f: bad-lines.txt: line 2: invalid UTF-8 replaced by U+FFFD" >expect &&
		test_cmp expect err &&
		test -s out || { echo "zj-$f"; exit 1; }
	done &&
	zj-tag-numbers --text bad-lines.txt >out &&
	test_grep "13。7亿元	1370000000	元" out
'

test_expect_success '--text modes: random bytes, 10 000 、 and a 10 MB digit line: no error beyond the warning' '
	$H rand 65536 9 >rand.bin &&
	for f in segment tag-numbers classify-section; do
		for in in rand.bin dun.txt digits.txt; do
			zj-$f --text $in >out 2>err &&
			{ test_must_be_empty err || { test "$(wc -l <err)" = 1 && test_grep "invalid UTF-8 replaced by U+FFFD" err; }; } ||
				{ echo "zj-$f --text $in"; exit 1; }
		done
	done
'

test_expect_success NOT_VALGRIND 'a 30 MB doc: segmented whole, one sentence a line' '
	$H sentences 500000 >big.txt &&
	$H doc big.txt >big.mpk &&
	zj-segment big.mpk | zj-dump | grep -c "^{\"t\":\"sent\"" >count &&
	echo 500000 >expect &&
	test_cmp expect count
'

test_done
