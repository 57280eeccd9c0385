#!/bin/bash
test_description='zj-segment --text: plain text in, outline and sentences out'
. "${0%/*}/lib.sh"
D=$DATA/segment

test_expect_success 'plain text is one document named after its file' '
	printf "%s\n" "青禾县2021年工作总结" "一、主要成绩" "全年新增学位1。62万个。" "二、存在问题" >report.txt &&
	zj-segment --text --json report.txt >out &&
	head -1 out >got &&
	echo "{\"t\":\"doc\",\"id\":\"report#1\",\"src\":\"report.txt\",\"n\":1,\"enc\":\"UTF-8\",\"text\":\"青禾县2021年工作总结\\n一、主要成绩\\n全年新增学位1。62万个。\\n二、存在问题\"}" >expect &&
	test_cmp expect got &&
	python3 "$D/check-spans.py" <out
'

test_expect_success 'standard input is stdin#1' '
	zj-segment -t --json <report.txt | head -1 >got &&
	test_grep "\"id\":\"stdin#1\",\"src\":\"-\"" got
'

test_expect_success '--outline indents two spaces a level' '
	printf "%s\n" "一、成绩" "（一）党建" "1.学习" "2.组织" "（二）教学" "二、问题" >tree.txt &&
	zj-segment -t -o tree.txt >out &&
	printf "%s\n" "一、成绩" "  （一）党建" "    1.学习" "    2.组织" "  （二）教学" "二、问题" >expect &&
	test_cmp expect out
'

test_expect_success '--sentences prints one sentence a line, titles too' '
	zj-segment -t -s report.txt >out &&
	printf "%s\n" "青禾县2021年工作总结" "主要成绩" "全年新增学位1。62万个。" "存在问题" >expect &&
	test_cmp expect out
'

test_expect_success 'each file is a document; a form feed line parts them' '
	zj-segment -t -o tree.txt report.txt >out &&
	{ cat tree.txt | sed "s/^（/  （/; s/^\([12]\.\)/    \1/"; printf "\f\n"; printf "%s\n" "一、主要成绩" "二、存在问题"; } >expect &&
	test_cmp expect out &&
	zj-segment -t --json tree.txt report.txt | grep -c "\"t\":\"doc\"" >count &&
	echo 2 >expect &&
	test_cmp expect count
'

test_expect_success 'an empty input is a document without headings or sentences' '
	zj-segment -t --json </dev/null >out &&
	echo "{\"t\":\"doc\",\"id\":\"stdin#1\",\"src\":\"-\",\"n\":1,\"enc\":\"UTF-8\",\"text\":\"\"}" >expect &&
	test_cmp expect out &&
	zj-segment -t -o </dev/null >out &&
	test_must_be_empty out &&
	zj-segment -t -s </dev/null >out &&
	test_must_be_empty out
'

test_expect_success 'a line of text without a heading or a terminator is one sentence' '
	echo "全县共有学校八十所" | zj-segment -t -s >out &&
	echo "全县共有学校八十所" >expect &&
	test_cmp expect out
'

test_expect_success 'invalid UTF-8 is replaced, with one warning' '
	printf "一、甲\377乙\n二、丙\n" | zj-segment -t -o >out 2>err &&
	printf "%s\n" "一、甲�乙" "二、丙" >expect &&
	test_cmp expect out &&
	test_grep "invalid UTF-8 replaced by U+FFFD" err
'

test_expect_success 'a byte order mark is not part of the text' '
	printf "\357\273\277一、甲\n二、乙\n" | zj-segment -t --json >out &&
	head -1 out >got &&
	echo "{\"t\":\"doc\",\"id\":\"stdin#1\",\"src\":\"-\",\"n\":1,\"enc\":\"UTF-8\",\"text\":\"一、甲\\n二、乙\"}" >expect &&
	test_cmp expect got &&
	grep -c "\"t\":\"sec\"" out >count &&
	echo 2 >expect &&
	test_cmp expect count
'

test_expect_success '--drop-text leaves the text out of the doc record' '
	zj-segment -t -d --json report.txt | head -1 >out &&
	echo "{\"t\":\"doc\",\"id\":\"report#1\",\"src\":\"report.txt\",\"n\":1,\"enc\":\"UTF-8\"}" >expect &&
	test_cmp expect out
'

test_expect_success '--data-files names the three tables, all readable' '
	zj-segment --data-files >out &&
	sed "s,.*/,," out >names &&
	printf "%s\n" markers.tsv enclosed.tsv numerals.tsv >expect &&
	test_cmp expect names &&
	while read -r f; do test -r "$f"; done <out
'

test_expect_success 'every example of the man page runs as printed' '
	test_man_examples "$TOP/man/zj-segment.1" 3
'

test_done
