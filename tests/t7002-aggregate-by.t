#!/bin/bash
test_description='zj-aggregate --by, --measure and --where'
. "${0%/*}/lib.sh"

R=$DATA/aggregate/reports.jsonl

test_expect_success '--by counts numbers by default' '
	zj-aggregate -b region "$R" >out &&
	printf "%s\n" "region	count" "东城区	7" "西城区	4" "	3" >expect &&
	test_cmp expect out &&
	zj-aggregate --by=region --measure=count "$R" >out2 &&
	test_cmp expect out2
'

test_expect_success 'every measure; unit becomes the last key of a sum' '
	zj-aggregate -b dim -m count,docs,sum,min,max,mean -w "dim~^(person|percent)\$" "$R" >out &&
	cat >expect <<-\EOT &&
	dim	unit	count	docs	sum	min	max	mean
	percent	%	4	3	196.05	0.1	98.5	49.0125
	person	名	3	2	20	20	20	20
	EOT
	test_cmp expect out
'

test_expect_success 'a unit already among the keys stays where it is' '
	zj-aggregate -b unit,region -m sum -w unit=% "$R" >out &&
	printf "%s\n" "unit	region	sum" "%	东城区	98.5" "%	西城区	97.25" "%		0.3" >expect &&
	test_cmp expect out
'

test_expect_success 'count and docs alone do not split by unit' '
	zj-aggregate -b dim -m docs,count "$R" >out &&
	printf "%s\n" "dim	docs	count" "area	1	1" "count	2	2" "money	2	4" \
		"percent	3	4" "person	2	3" >expect &&
	test_cmp expect out
'

test_expect_success 'doc. and sec. fields; doc and sec are the ids' '
	zj-aggregate -b doc,sec,sec.title -w doc=a#1 "$R" >out &&
	cat >expect <<-\EOT &&
	doc	sec	sec.title	count
	a#1	a#1/1	加大教育投入	3
	a#1	a#1/2	教师队伍	3
	a#1			1
	EOT
	test_cmp expect out &&
	zj-aggregate -b doc.period,doc.year "$R" >out &&
	printf "%s\n" "doc.period	doc.year	count" "half	2020	4" "year	2019	7" "		3" >expect &&
	test_cmp expect out
'

test_expect_success 'a record key comes before its document and section: kind and sec.kind' '
	zj-aggregate -b kind,sec.kind "$R" >out &&
	printf "%s\n" "kind	sec.kind	count" "qty	achievement	10" "qty	problem	3" "qty		1" >expect &&
	test_cmp expect out &&
	zj-aggregate -b title -w doc=c#10 "$R" >out &&
	printf "%s\n" "title	count" "南区总结	3" >expect &&
	test_cmp expect out &&
	zj-aggregate -b domain -w doc=b#1 "$R" >out &&
	printf "%s\n" "domain	count" "compulsory	3" "finance	1" >expect &&
	test_cmp expect out
'

test_expect_success '--where on t chooses the records: sentences, sections, all' '
	zj-aggregate -b doc -w t=sent "$R" >out &&
	printf "%s\n" "doc	count" "a#1	6" "b#1	3" "c#10	1" >expect &&
	test_cmp expect out &&
	zj-aggregate -b t -w "t~." "$R" >out &&
	printf "%s\n" "t	count" "doc	4" "num	14" "sec	5" "sent	10" >expect &&
	test_cmp expect out &&
	zj-aggregate -b sec.level -w t=sec "$R" >out &&
	printf "%s\n" "sec.level	count" "1	4" "2	1" >expect &&
	test_cmp expect out
'

test_expect_success '--where =, != and ~ together; all must hold' '
	zj-aggregate -b indicator -w year=2019 -w "unit!=元" -w "indicator~^(合格|招聘)" "$R" >out &&
	printf "%s\n" "indicator	count" "合格率	1" "招聘教师	1" >expect &&
	test_cmp expect out &&
	zj-aggregate -b indicator --where=region= "$R" >out &&
	printf "%s\n" "indicator	count" "完成率	2" "缺少教师	1" >expect &&
	test_cmp expect out &&
	zj-aggregate -b indicator -w masked=true "$R" >out &&
	printf "%s\n" "indicator	count" "投入	1" "缺少教师	1" >expect &&
	test_cmp expect out
'

test_expect_success '--where compares numbers by their text' '
	zj-aggregate -b indicator -w value=98.5 "$R" >out &&
	printf "%s\n" "indicator	count" "合格率	1" >expect &&
	test_cmp expect out &&
	zj-aggregate -b indicator -w value=1370000000 "$R" >out &&
	printf "%s\n" "indicator	count" "投入	1" >expect &&
	test_cmp expect out
'

test_expect_success 'sums are exact: the order of the values does not matter' '
	for v in 1e16 1 -1e16 0.1 0.2 0.3; do
		printf "{\"t\":\"num\",\"value\":%s,\"unit\":\"x\"}\n" "$v"
	done >a.jsonl &&
	tac a.jsonl >b.jsonl &&
	sort a.jsonl >c.jsonl &&
	zj-aggregate -b unit -m sum,mean a.jsonl >out.a &&
	printf "%s\n" "unit	sum	mean" "x	1.6	0.266667" >expect &&
	test_cmp expect out.a &&
	zj-aggregate -b unit -m sum,mean b.jsonl >out.b &&
	test_cmp expect out.b &&
	zj-aggregate -b unit -m sum,mean c.jsonl >out.c &&
	test_cmp expect out.c
'

test_expect_success 'negative and fractional values sum exactly' '
	for v in -2.5 -0.25 1.75 0.125; do
		printf "{\"t\":\"num\",\"value\":%s,\"unit\":\"x\"}\n" "$v"
	done >neg.jsonl &&
	zj-aggregate -b unit -m sum,min,max neg.jsonl >out &&
	printf "%s\n" "unit	sum	min	max" "x	-0.875	-2.5	1.75" >expect &&
	test_cmp expect out
'

test_expect_success 'a value too large to sum exactly is an error' '
	printf "{\"t\":\"num\",\"value\":1e40,\"unit\":\"x\"}\n" >big.jsonl &&
	test_expect_code 1 zj-aggregate -b unit -m sum big.jsonl >out 2>err &&
	test_grep "record 1 (byte 0): value 1e+40 is too large to be summed" err
'

test_expect_success 'integral floats group with integers; rows in natural order' '
	cat >keys.jsonl <<-\EOT &&
	{"t":"num","year":2019.0,"id":"x#10"}
	{"t":"num","year":2019,"id":"x#2"}
	{"t":"num","year":2019.5,"id":"x#2"}
	{"t":"num","year":"2019","id":"x#02"}
	{"t":"num","year":null,"id":"x#1"}
	{"t":"num","year":true,"id":"x#1"}
	EOT
	zj-aggregate -b year keys.jsonl >out &&
	printf "%s\n" "year	count" "2019	2" "2019.5	1" "2019	1" "true	1" "	1" >expect &&
	test_cmp expect out &&
	zj-aggregate -b id keys.jsonl >out &&
	printf "%s\n" "id	count" "x#1	2" "x#02	1" "x#2	2" "x#10	1" >expect &&
	test_cmp expect out
'

test_expect_success 'the docs measure counts documents, not records' '
	zj-aggregate -b unit -m count,docs -w unit=元 "$R" >out &&
	printf "%s\n" "unit	count	docs" "元	4	2" >expect &&
	test_cmp expect out &&
	zj-aggregate -b unit -m docs --keep-dups -w unit=元 "$R" >out &&
	printf "%s\n" "unit	docs" "元	3" >expect &&
	test_cmp expect out
'

test_done
