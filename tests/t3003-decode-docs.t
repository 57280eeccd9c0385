#!/bin/bash
test_description='zj-decode: compilations, metadata, near-duplicates'
. "${0%/*}/lib.sh"

# id, title, region, year, period and dup_of of each doc record.
doc_meta() {
	zj-dump | python3 -c '
import json, sys
for l in sys.stdin:
    d = json.loads(l)
    print("\t".join(str(d.get(k)) for k in ("id", "n", "title", "region", "year", "period", "dup_of")))'
}

test_expect_success 'a compilation (…篇1, 篇2, 篇3) is one doc per report; the page header is none' '
	zj-decode "$DATA/decode/compilation.txt" | doc_meta >out &&
	cat >expect <<-\EOT &&
	compilation#1	1	北岭县教育局2016年工作总结	北岭县	2016	year	None
	compilation#2	2	教育局工作总结	南湖区	2017	half	None
	compilation#3	3	教育局工作总结		None	multi	None
	EOT
	test_cmp expect out
'

test_expect_success 'each report of a compilation starts at its marker and ends before the next' '
	zj-decode --text "$DATA/decode/compilation.txt" >text &&
	test $(grep -c "^教育局工作总结 篇[123]$" text) = 3 &&
	test $(grep -c "^$(printf "\f")$" text) = 2 &&
	! grep -q "当前位置\|精选3篇\|上一篇\|下一篇" text
'

test_expect_success '【篇一】 and 第一篇: markers split too' '
	zj-decode "$DATA/decode/compilation2.txt" "$DATA/decode/compilation3.txt" | doc_meta >out &&
	cat >expect <<-\EOT &&
	compilation2#1	1	东坪县教育局2015年工作总结	东坪县	2015	year	None
	compilation2#2	2	西坪区教育局2016年工作总结	西坪区	2016	year	None
	compilation3#1	1	上河县教育局2014年工作总结	上河县	2014	year	None
	compilation3#2	2	下河市教育局2015年工作总结	下河市	2015	year	None
	EOT
	test_cmp expect out
'

test_expect_success 'only markers that run 1, 2, 3 … split' '
	printf "总结 篇1\n第一段正文。\n总结 篇3\n第三段正文。\n总结 篇2\n第二段正文。\n" >order.txt &&
	zj-decode order.txt | doc_meta | cut -f1 >out &&
	printf "order#1\norder#2\n" >expect &&
	test_cmp expect out &&
	zj-decode --text order.txt | head -n 4 | tail -n 1 >line &&
	echo "第三段正文。" >expect &&
	test_cmp expect line
'

test_expect_success 'metadata: title, region, year from a dated signature, period' '
	printf "%s\n" "三江市推进教育均衡工作汇报" \
		"近年来，三江市教育局坚持城乡统筹，自2015年以来新建学校12所，2015年至2019年累计投入资金3亿元。" \
		"三江市第一中学、三江市实验小学办学水平明显提高。" \
		"三江市教育局 2019年12月20日" >multi.txt &&
	zj-decode multi.txt | doc_meta >out &&
	printf "multi#1\t1\t三江市推进教育均衡工作汇报\t三江市\t2019\tmulti\tNone\n" >expect &&
	test_cmp expect out
'

test_expect_success 'metadata: a masked place and a masked year stay empty' '
	printf "%s\n" "____县教育局XX年工作总结" \
		"XX年，____县教育局认真落实各项工作，新建学校*所，新增学位**个。" >masked.txt &&
	zj-decode masked.txt | doc_meta >out &&
	printf "masked#1\t1\t____县教育局XX年工作总结\t\tNone\tyear\tNone\n" >expect &&
	test_cmp expect out
'

test_expect_success 'metadata: the year most named in the body, not a target year' '
	printf "%s\n" "教育局上半年工作总结" \
		"今年以来，长河区教育局扎实推进各项工作，长河区教育局获评先进单位。" \
		"出台了《2018年长河区初中招生办法》，完成2018年教育经费预算。" \
		"计划到2020年全区新增学位5000个，制订2019年高三工作方案。" >body.txt &&
	zj-decode body.txt | doc_meta >out &&
	printf "body#1\t1\t教育局上半年工作总结\t长河区\t2018\thalf\tNone\n" >expect &&
	test_cmp expect out
'

test_expect_success 'metadata: a word that only ends like a place is no region' '
	printf "%s\n" "教育工作总结" \
		"我们学习先进地区经验，先进地区学校和城区学校结对，学区建设全面推进。" >noplace.txt &&
	zj-decode noplace.txt | doc_meta | cut -f4 >out &&
	echo >expect &&
	test_cmp expect out
'

test_expect_success 'a near-duplicate gets dup_of the earlier document' '
	zj-decode "$DATA/decode/report.txt" "$DATA/decode/trad.txt" "$DATA/decode/repost.txt" | doc_meta | cut -f1,7 >out &&
	printf "report#1\tNone\ntrad#1\tNone\nrepost#1\treport#1\n" >expect &&
	test_cmp expect out
'

# Alike, but below the threshold: each shares bands with most others, and
# a document is compared with a bounded number of them, the earliest first.
test_expect_success 'a text republished after 400 alike ones is dup_of its first publication' '
	for i in $(seq 1 400); do
		printf "教育局工作总结\n今年全县教育工作取得新进展，办学条件明显改善，教育质量稳步提高，师资队伍建设不断加强，编号%d。\n" \
			$((i * 2654435761 % 4294967296)) >alike$i.txt || return 1
	done &&
	cp alike1.txt again.txt &&
	zj-decode alike*.txt again.txt | doc_meta | cut -f1,7 | tail -n 1 >out &&
	printf "again#1\talike1#1\n" >expect &&
	test_cmp expect out
'

test_expect_success '--dup-threshold 0 turns the check off; 1 asks for the same text' '
	zj-decode -d 0 "$DATA/decode/report.txt" "$DATA/decode/repost.txt" | doc_meta | cut -f7 >out &&
	printf "None\nNone\n" >expect && test_cmp expect out &&
	zj-decode --dup-threshold 1 "$DATA/decode/report.txt" "$DATA/decode/repost.txt" "$DATA/decode/report.txt" |
		doc_meta | cut -f7 >out &&
	printf "None\nNone\nreport#1\n" >expect && test_cmp expect out &&
	test_expect_code 2 zj-decode --dup-threshold 2 "$DATA/decode/report.txt"
'

test_done
