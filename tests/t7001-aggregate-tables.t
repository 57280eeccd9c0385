#!/bin/bash
test_description='zj-aggregate: the ready-made tables, duplicates, masked and range values'
. "${0%/*}/lib.sh"

A=$DATA/aggregate
R=$A/reports.jsonl

test_expect_success 'docs is the default table: one row per document' '
	zj-aggregate "$R" >out &&
	test_cmp "$A/docs.tsv" out &&
	zj-aggregate -t docs "$R" >out2 &&
	test_cmp "$A/docs.tsv" out2 &&
	zj-aggregate --table=docs <"$R" >out3 &&
	test_cmp "$A/docs.tsv" out3
'

for t in domains indicators money; do
	test_expect_success "the $t table" '
		zj-aggregate -t '$t' "$R" >out &&
		test_cmp "$A/'$t'.tsv" out
	'
done

test_expect_success 'the shares of each document add up to 1' '
	zj-aggregate -t domains "$R" >out &&
	awk -F"\t" "NR > 1 { s[\$1] += \$4; n[\$1] += \$6 }
		END { for (d in s) printf \"%s %.4f %.4f\n\", d, s[d], n[d] }" out | sort >sums &&
	printf "%s\n" "a#1 1.0000 1.0000" "b#1 1.0000 1.0000" "c#10 1.0000 1.0000" >expect &&
	test_cmp expect sums
'

test_expect_success '--money-unit prints 元 as 万元 or 亿元' '
	zj-aggregate -t money -u 万元 "$R" >out &&
	printf "doc\tdomain\tunit\tmentions\tsum\n" >expect &&
	printf "%s\t%s\t%s\t%s\t%s\n" a#1 finance 万元 2 137000 b#1 compulsory 万元 1 1000 \
		b#1 finance 万元 1 2500 >>expect &&
	test_cmp expect out &&
	zj-aggregate -t money --money-unit=亿元 "$R" | cut -f5 >out &&
	printf "%s\n" sum 13.7 0.1 0.25 >expect &&
	test_cmp expect out
'

test_expect_success 'money in other units keeps its unit and is not scaled' '
	cat >usd.jsonl <<-\EOT &&
	{"t":"doc","id":"u#1","title":"x"}
	{"t":"num","value":5000,"unit":"美元","dim":"money","indicator":"捐赠"}
	{"t":"num","value":20000,"unit":"元","dim":"money","indicator":"捐赠"}
	{"t":"num","value":7,"unit":"所","dim":"count","indicator":"学校"}
	EOT
	zj-aggregate -t money -u 万元 usd.jsonl >out &&
	printf "doc\tdomain\tunit\tmentions\tsum\n" >expect &&
	printf "u#1\t\t%s\t1\t%s\n" 万元 2 美元 5000 >>expect &&
	test_cmp expect out
'

test_expect_success 'masked and range values are counted, never summed' '
	zj-aggregate -t indicators "$R" >out &&
	test_grep "^培训教师	名	1	1			$" out &&
	test_grep "^缺少教师	名	1	1			$" out &&
	test_grep "^投入	元	4	2	1405000000	10000000	1370000000$" out
'

test_expect_success 'indicators leave out years and dates' '
	cat >kinds.jsonl <<-\EOT &&
	{"t":"doc","id":"k#1"}
	{"t":"num","value":2019,"unit":"年","kind":"year","indicator":"开展"}
	{"t":"num","value":5.26,"unit":"日","kind":"date","indicator":"开展"}
	{"t":"num","value":3,"unit":"年","kind":"qty","indicator":"开展"}
	{"t":"num","value":4,"unit":"次"}
	EOT
	zj-aggregate -t indicators kinds.jsonl >out &&
	printf "indicator\tunit\tmentions\tdocuments\tsum\tmin\tmax\n" >expect &&
	printf "%s\t%s\t1\t1\t%s\t%s\t%s\n" 开展 年 3 3 3 "" 次 4 4 4 >>expect &&
	test_cmp expect out
'

test_expect_success 'a value with masked true or low != high is not summed even when present' '
	cat >odd.jsonl <<-\EOT &&
	{"t":"doc","id":"o#1"}
	{"t":"num","value":10,"unit":"人","masked":true}
	{"t":"num","value":4,"low":3,"high":5,"unit":"人"}
	{"t":"num","value":2,"low":2,"high":2,"unit":"人"}
	{"t":"num","value":"9","unit":"人"}
	EOT
	zj-aggregate -b unit -m count,sum,min,max,mean odd.jsonl >out &&
	printf "unit\tcount\tsum\tmin\tmax\tmean\n人\t4\t2\t2\t2\t2\n" >expect &&
	test_cmp expect out
'

test_expect_success 'documents with dup_of are left out unless --keep-dups' '
	zj-aggregate --keep-dups "$R" >out &&
	grep -v "^b#2	" out >without &&
	test_cmp "$A/docs.tsv" without &&
	test_grep "^b#2	西城区教育局2020年工作总结	西城区	2020	year	1	1	1	finance$" out &&
	zj-aggregate -t indicators --keep-dups "$R" >out &&
	test_grep "^投入	元	5	3	1430000000	10000000	1370000000$" out
'

test_expect_success 'dup_of that is nil, "" or false is no duplicate' '
	cat >dups.jsonl <<-\EOT &&
	{"t":"doc","id":"d#1","dup_of":null}
	{"t":"doc","id":"d#2","dup_of":""}
	{"t":"doc","id":"d#3","dup_of":false}
	{"t":"doc","id":"d#4","dup_of":true}
	{"t":"doc","id":"d#5","dup_of":"d#1"}
	EOT
	zj-aggregate dups.jsonl | cut -f1 >out &&
	printf "%s\n" id d#1 d#2 d#3 >expect &&
	test_cmp expect out
'

test_expect_success '--where narrows a ready-made table' '
	zj-aggregate -w region=西城区 "$R" | cut -f1,6-8 >out &&
	printf "id\tsections\tsentences\tnumbers\nb#1\t2\t3\t4\n" >expect &&
	test_cmp expect out &&
	zj-aggregate -t money -w sec.domain!=finance "$R" | cut -f1,2 >out &&
	printf "doc\tdomain\nb#1\tcompulsory\n" >expect &&
	test_cmp expect out
'

test_expect_success 'records before the first doc count with an empty document' '
	cat >headless.jsonl <<-\EOT &&
	{"t":"sent","i":0,"text":"x"}
	{"t":"num","value":3,"unit":"所","indicator":"学校"}
	{"t":"doc","id":"h#1","title":"标题"}
	{"t":"num","value":4,"unit":"所","indicator":"学校"}
	EOT
	zj-aggregate headless.jsonl >out &&
	printf "%s\n" "id	title	region	year	period	sections	sentences	numbers	domains" \
		"h#1	标题				0	0	1	" \
		"					0	1	1	" >expect &&
	test_cmp expect out &&
	zj-aggregate -t indicators headless.jsonl >out &&
	printf "indicator\tunit\tmentions\tdocuments\tsum\tmin\tmax\n学校\t所\t2\t1\t7\t3\t4\n" >expect &&
	test_cmp expect out
'

test_expect_success 'other record types are ignored; empty input gives a header only' '
	printf "{\"t\":\"row\",\"x\":1}\n" | zj-aggregate >out &&
	printf "id\ttitle\tregion\tyear\tperiod\tsections\tsentences\tnumbers\tdomains\n" >expect &&
	test_cmp expect out &&
	zj-aggregate </dev/null >out &&
	test_cmp expect out
'

test_expect_success 'MessagePack input gives the same tables' '
	zj-pack "$R" >r.mpk &&
	for t in docs domains indicators money; do
		zj-aggregate -t $t r.mpk >out &&
		test_cmp "$A/$t.tsv" out || return 1
	done
'

# Queries that read no field of sent and num records read only their type
# from MessagePack: the counts must come out as from JSON Lines.
test_expect_success 'counting by type alone gives the same counts from MessagePack' '
	zj-aggregate -b doc.id,sec.domain -w t=sent "$R" >expect &&
	zj-aggregate -b doc.id,sec.domain -w t=sent r.mpk >out &&
	test_cmp expect out &&
	printf "%s\t%s\t%s\n" doc.id count docs "a#1" 13 1 "b#1" 7 1 "c#10" 4 1 >expect &&
	zj-aggregate -b doc.id -w "t~^(sent|num)$" -m count,docs "$R" >out &&
	test_cmp expect out &&
	zj-aggregate -b doc.id -w "t~^(sent|num)$" -m count,docs r.mpk >out &&
	test_cmp expect out
'

test_done
