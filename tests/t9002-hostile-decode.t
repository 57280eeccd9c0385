#!/bin/bash
test_description='zj-decode on hostile files: warnings and correct output, or a clean error'
. "${0%/*}/lib.sh"

H="python3 $DATA/hardening/hostile.py"
REPORT=$DEMO/qinghe-2021.txt

# doc_field FIELD [N]: FIELD of the Nth doc record (JSON Lines on stdin), as JSON.
doc_field() {
	python3 -c 'import json, sys
docs = [json.loads(l) for l in sys.stdin if l.startswith("{\"t\":\"doc\"")]
print(json.dumps(docs[int(sys.argv[2]) - 1][sys.argv[1]], ensure_ascii=False))' "$1" "${2:-1}"
}

test_expect_success 'setup: the report alone' '
	zj-decode "$REPORT" | zj-dump >report.jsonl &&
	test "$(wc -l <report.jsonl)" = 1
'

test_expect_success 'random bytes with NULs: skipped with one error line, the files around it decoded, status 1' '
	$H rand 65536 9 >rand.bin &&
	test_expect_code 1 zj-decode "$REPORT" rand.bin "$REPORT" >out 2>err &&
	echo "zj-decode: rand.bin: not a text file (NUL bytes): skipped" >expect &&
	test_cmp expect err &&
	zj-dump out >out.jsonl &&
	test "$(wc -l <out.jsonl)" = 2 &&
	head -n 1 out.jsonl >first &&
	test_cmp report.jsonl first
'

test_expect_success 'a file that cannot be opened: an error naming it, the others decoded, status 1' '
	test_expect_code 1 zj-decode no-such-file.txt "$REPORT" >out 2>err &&
	test_grep "^zj-decode: no-such-file.txt: No such file or directory$" err &&
	zj-dump out >out.jsonl &&
	test_cmp report.jsonl out.jsonl
'

test_expect_success 'random bytes without NULs: read as some encoding, a warning, one doc' '
	$H rand 65536 9 | tr -d "\000" >noise.bin &&
	zj-decode noise.bin >out 2>err &&
	test "$(wc -l <err)" = 1 &&
	test_grep "^zj-decode: noise.bin: [0-9]* invalid bytes\? in [A-Z0-9-]* replaced by U+FFFD$" err &&
	test "$(zj-dump out | wc -l)" = 1
'

test_expect_success 'a UTF-8 report with a cut character stays UTF-8: one U+FFFD, the rest intact' '
	python3 -c "import sys; b = open(sys.argv[1], \"rb\").read(); i = b.index(\"。\".encode()); sys.stdout.buffer.write(b[:i + 1] + b[i + 3:])" \
		"$REPORT" >cut.txt &&
	zj-decode cut.txt >out 2>err &&
	echo "zj-decode: cut.txt: 1 invalid byte in UTF-8 replaced by U+FFFD" >expect &&
	test_cmp expect err &&
	zj-dump out >out.jsonl &&
	test "$(doc_field enc <out.jsonl)" = "\"UTF-8\"" &&
	test "$(doc_field title <out.jsonl)" = "$(doc_field title <report.jsonl)" &&
	test "$(doc_field text <out.jsonl | grep -o "\\\\ufffd\|�" | wc -l)" = 1
'

test_expect_success 'UTF-16 with an odd byte at the end: a warning, the text before it kept' '
	printf "\377\376" >odd.txt &&
	printf "一、总体情况\n今年新建校舍3所。\n" | iconv -f UTF-8 -t UTF-16LE >>odd.txt &&
	printf "\000" >>odd.txt &&
	zj-decode odd.txt >out 2>err &&
	echo "zj-decode: odd.txt: 1 invalid byte in UTF-16LE replaced by U+FFFD" >expect &&
	test_cmp expect err &&
	zj-dump out | doc_field text >text &&
	test_grep "今年新建校舍3所。" text
'

test_expect_success '10 000 、 in a row: kept as written' '
	$H dun 10000 >dun.txt &&
	zj-decode dun.txt | zj-dump | doc_field text >text &&
	test "$(grep -o "、" text | wc -l)" = 10001 &&
	test_grep "今年新建校舍3所。" text
'

test_expect_success '10 000 numbered markers on one line: no error' '
	python3 -c "print(\"一、总体情况\"); print(\"\".join(f\"{i}、\" for i in range(1, 10001)))" >markers.txt &&
	zj-decode markers.txt >out 2>err &&
	test_must_be_empty err &&
	test "$(zj-dump out | wc -l)" = 1
'

test_expect_success 'a 10 MB run of digits: kept whole' '
	$H digits 10000000 >digits.txt &&
	zj-decode digits.txt | zj-dump | doc_field text >text &&
	test "$(tr -cd 7 <text | wc -c)" = 10000000
'

test_expect_success 'a 6 MB line without a newline: one doc with all of it' '
	python3 -c "print(\"今年完成任务\" * 333333, end=\"\")" >long.txt &&
	zj-decode long.txt | zj-dump | doc_field text >text &&
	test "$(grep -o 今年完成任务 text | wc -l)" = 333333
'

test_expect_success 'an empty file and a file of blank lines: no error' '
	: >empty.txt &&
	printf "\n\n \n\t\n" >blank.txt &&
	zj-decode empty.txt blank.txt >out 2>err &&
	test_must_be_empty err
'

test_expect_success 'an HTML page nested 10 000 deep keeps its text' '
	python3 -c "print(\"<html><body>\" + \"<div>\" * 10000 + \"一、总体情况<br>今年新建校舍3所。\" + \"</div>\" * 10000 + \"</body></html>\")" >deep.html &&
	zj-decode deep.html >out &&
	zj-dump out | doc_field text >text &&
	test_grep "今年新建校舍3所。" text
'

test_done
