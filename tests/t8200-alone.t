#!/bin/bash
test_description='each filter alone, on a hand-written file or JSON Lines records'
. "${0%/*}/lib.sh"
# zj runs the filters under test, not those beside it.
export ZJ_EXEC_PATH=$ZJ_BIN

IN=$DATA/pipeline

test_expect_success 'zj-decode alone: a plain UTF-8 report becomes one doc record' '
	printf "%s\n" "梅岭县教育局2020年工作总结" "" "一、主要成效" "全年投入资金500万元。" >report.txt &&
	zj-decode report.txt | zj-dump >out &&
	test $(wc -l <out) = 1 &&
	test_grep "^{\"t\":\"doc\",\"id\":\"report#1\",\"src\":\"report.txt\",\"n\":1," out &&
	test_grep "\"title\":\"梅岭县教育局2020年工作总结\"" out &&
	test_grep "\"region\":\"梅岭县\",\"year\":2020,\"period\":\"year\"" out &&
	test_grep "\"text\":\"[^\"]*全年投入资金500万元。" out
'

test_expect_success 'zj-segment alone: sections and sentences of a hand-written doc' '
	zj-segment "$IN/alone-doc.jsonl" | zj-dump >seg &&
	grep "\"t\":\"sec\"" seg | sed "s/.*\"marker\":\"\([^\"]*\)\",\"ord\":\([0-9]*\),\"title\":\"\([^\"]*\)\".*/\1 \2 \3/" >actual &&
	printf "%s\n" "一、 1 主要成效" "二、 2 存在问题" "三、 3 下一步工作打算" >expect &&
	test_cmp expect actual &&
	test_grep "\"t\":\"sent\",\"doc\":\"x#1\",\"sec\":\"x#1/2\",.*\"text\":\"经费仍然不足。\"" seg
'

test_expect_success 'zj-tag-numbers alone: values, units and indicators of hand-written sentences' '
	zj-tag-numbers "$IN/alone-sent.jsonl" | zj-dump >num &&
	test $(grep -c "\"t\":\"num\"" num) = 3 &&
	test_grep "\"surface\":\"500万元\",.*\"value\":5000000.0,.*\"unit\":\"元\",\"dim\":\"money\"" num &&
	test_grep "\"surface\":\"3所\",.*\"value\":3.0,.*\"unit\":\"所\",\"dim\":\"count\"" num &&
	test_grep "\"surface\":\"80%\",.*\"value\":80.0,.*\"unit\":\"%\",.*\"indicator\":\"本科上线率\"" num
'

test_expect_success 'zj-classify-section alone: the kind of each hand-written section' '
	zj-segment "$IN/alone-doc.jsonl" | zj-classify-section | zj-dump >cls &&
	grep "\"t\":\"sec\"" cls | sed "s/.*\"title\":\"\([^\"]*\)\".*\"kind\":\"\([a-z]*\)\".*/\1 \2/" >actual &&
	printf "%s\n" "主要成效 achievement" "存在问题 problem" "下一步工作打算 plan" >expect &&
	test_cmp expect actual
'

test_expect_success 'zj-aggregate alone: sums by unit over hand-written records' '
	zj-aggregate -b unit -m count,sum,max "$IN/alone-agg.jsonl" >actual &&
	printf "unit\tcount\tsum\tmax\n元\t2\t155000000\t150000000\n所\t2\t3\t3\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'unknown records and keys pass every record filter unchanged' '
	zj-segment "$IN/alone-doc.jsonl" | zj-tag-numbers | zj-classify-section |
		zj-dump | grep -v "\"t\":\"\(sec\|sent\|num\)\"" >actual &&
	test_cmp "$IN/alone-doc.jsonl" actual
'

test_done
