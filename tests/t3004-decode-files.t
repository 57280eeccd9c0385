#!/bin/bash
test_description='zj-decode: binary, empty and unreadable files, errors, big files in bounded memory'
. "${0%/*}/lib.sh"

# GNU time measures peak memory; a sanitizer build's memory means nothing.
test_have_RSS() {
	test_have_NOT_VALGRIND && /usr/bin/time -f %M true >/dev/null 2>&1 &&
	! ldd "$(command -v zj-decode)" 2>/dev/null | grep -q "libasan\|libubsan"
}

# Peak resident memory in KB of a command (output to /dev/null).
peak_kb() {
	/usr/bin/time -f %M -o rss "$@" >/dev/null && cat rss
}

test_expect_success 'a binary file is reported and skipped, the others are read, exit 1' '
	printf "PK\003\004\000\000\010\000\000\000binary\000data" >data.zip &&
	test_expect_code 1 zj-decode "$DATA/decode/report.txt" data.zip "$DATA/decode/trad.txt" >out 2>err &&
	echo "zj-decode: data.zip: not a text file (NUL bytes): skipped" >expect &&
	test_cmp expect err &&
	zj-dump out | grep -o "\"id\":\"[^\"]*\"" >ids &&
	printf "\"id\":\"report#1\"\n\"id\":\"trad#1\"\n" >expect &&
	test_cmp expect ids
'

test_expect_success 'an empty file, or one of blanks only, gives no document and no error' '
	: >empty.txt &&
	printf "\n \n\343\200\200\n" >blank.txt &&
	zj-decode empty.txt blank.txt >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err
'

test_expect_success 'a missing file is reported, the others are read, exit 1' '
	test_expect_code 1 zj-decode no-such.txt "$DATA/decode/report.txt" >out 2>err &&
	echo "zj-decode: no-such.txt: No such file or directory" >expect &&
	test_cmp expect err &&
	test $(zj-dump out | wc -l) = 1
'

test_expect_success 'standard input is -, or no FILE; its stem is stdin' '
	zj-decode <"$DATA/decode/report.txt" | zj-dump >out &&
	test_grep "\"id\":\"stdin#1\",\"src\":\"-\"" out &&
	cat "$DATA/decode/report.txt" | zj-decode - | zj-dump >out2 &&
	test_cmp out out2
'

test_expect_success DEVFULL 'a write error is reported: exit 1' '
	test_expect_code 1 zj-decode "$DATA/decode/report.txt" >/dev/full 2>err &&
	test_grep "write error" err
'

test_expect_success 'a closed pipe ends quietly' '
	for i in 1 2 3 4 5 6 7 8; do cat "$DATA/decode/compilation.txt"; done >many.txt &&
	zj-decode --text many.txt many.txt many.txt 2>err | head -n 1 >out &&
	test_must_be_empty err &&
	test_grep "^教育局工作总结 篇1$" out
'

test_expect_success 'a 50 MB file on one line is read whole' '
	python3 -c "
import sys
s = \"全县新建校舍3200平方米，投入资金1.2亿元，义务教育巩固率达到98.6%。\"
sys.stdout.write(s * (50 * 2**20 // len(s.encode())))" >line.txt &&
	zj-decode --text line.txt | wc -c >size &&
	echo $(( $(wc -c <line.txt) + 1 )) >expect &&
	test_cmp expect size
'

test_expect_success RSS 'the 50 MB line takes memory in proportion to it, not more' '
	kb=$(peak_kb zj-decode line.txt) &&
	echo "peak $kb KB for $(wc -c <line.txt) bytes" &&
	test $kb -lt $(( 3 * $(wc -c <line.txt) / 1024 ))
'

test_expect_success RSS '50 MB of many reports streams: memory is bounded by the largest report' '
	python3 -c "
import sys
body = \"全县新建校舍3200平方米，投入资金1.2亿元，义务教育巩固率达到98.6%。\" * 900
for i in range(1, 1000):
    sys.stdout.write(\"教育局工作总结 篇%d\n第%d份报告。%s\n\" % (i, i, body))" >reports.txt &&
	zj-decode --text reports.txt | grep -c "^教育局工作总结 篇" >count &&
	echo 999 >expect && test_cmp expect count &&
	big=$(peak_kb zj-decode reports.txt) &&
	small=$(peak_kb zj-decode "$DATA/decode/report.txt") &&
	echo "peak $big KB for $(wc -c <reports.txt) bytes, $small KB for a small file" &&
	test $big -lt $(( small + 20 * 1024 ))
'

test_done
