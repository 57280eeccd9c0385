#!/bin/bash
test_description='zj-segment: heading markers, levels, false markers, inline headings'
. "${0%/*}/lib.sh"
D=$DATA/segment

test_expect_success 'every marker family, nested in the order the families open' '
	zj-segment --outline "$D/families.jsonl" >out &&
	test_cmp "$D/families.outline" out
'

test_expect_success 'levels follow each document: start at （一）, skips, chapters, restarts' '
	zj-segment --outline "$D/levels.jsonl" >out &&
	test_cmp "$D/levels.outline" out
'

test_expect_success 'levels of the same family agree within a document, restart in the next' '
	zj-segment --json "$D/levels.jsonl" >recs &&
	grep "\"t\":\"sec\"" recs | sed "s/.*\"doc\":\"\([^\"]*\)\".*\"level\":\([0-9]*\),\"marker\":\"\([^\"]*\)\".*/\1 \2 \3/" >got &&
	cat >expect <<-\EOT &&
	start-deep#1 1 （一）
	start-deep#1 2 1.
	start-deep#1 2 2.
	start-deep#1 1 （二）
	start-deep#1 2 1.
	start-deep#1 1 （三）
	skips#1 1 一、
	skips#1 2 （一）
	skips#1 2 （三）
	skips#1 1 三、
	skips#1 2 （一）
	skips#1 2 （二）
	skips#1 1 三、
	chapters#1 1 第一章
	chapters#1 2 第一节
	chapters#1 2 第二节
	chapters#1 1 第二章
	chapters#1 2 第一篇：
	chapters#1 2 第二篇：
	restart#1 1 一、
	restart#1 2 （一）
	restart#1 2 （二）
	restart#1 1 二、
	restart#1 1 一、
	restart#1 1 二、
	restart#1 2 （一）
	restart#1 2 （二）
	restart#1 2 （一）
	restart#1 2 （二）
	EOT
	test_cmp expect got
'

test_expect_success 'a family starting over at a line gets new ids' '
	grep "\"t\":\"sec\"" recs | grep restart | sed "s/.*\"id\":\"\([^\"]*\)\".*/\1/" | paste -sd" " >got &&
	echo "restart#1/1 restart#1/1.1 restart#1/1.2 restart#1/2 restart#1/3 restart#1/4 restart#1/4.1 restart#1/4.2 restart#1/4.3 restart#1/4.4" >expect &&
	test_cmp expect got
'

test_expect_success 'section ids are positions among siblings, unique when ordinals skip or repeat' '
	grep "\"t\":\"sec\"" recs | grep skips | sed "s/.*\"id\":\"\([^\"]*\)\".*\"ord\":\([0-9]*\).*/\1 \2/" >got &&
	cat >expect <<-\EOT &&
	skips#1/1 1
	skips#1/1.1 1
	skips#1/1.2 3
	skips#1/2 3
	skips#1/2.1 1
	skips#1/2.2 2
	skips#1/3 3
	EOT
	test_cmp expect got
'

test_expect_success '（一）、 is one marker; 1、2021年 a heading, 3、4月 not' '
	grep -A7 "^（一）、招生工作" "$D/families.outline" >got &&
	printf "%s\n" "（一）、招生工作" "  1、2021年秋季招生" "  2、2022年春季招生" "（二）、考试工作" \
		"  （1）2021年中考" "  （2）2022年中考" >expect &&
	test_cmp expect got
'

test_expect_success 'lists, amounts, years, 一是, a lone （一） and items after ； are not headings' '
	zj-segment --outline "$D/false.jsonl" >out &&
	test_cmp "$D/false.outline" out &&
	printf "%s\n" "一、主要做法" "二、存在问题" >expect &&
	sed -n "1,2p" out >got &&
	test_cmp expect got
'

test_expect_success 'a line 一、二年级… neither repeats 一、 nor starts the list over' '
	sed -n "4,9p" out >got &&
	printf "%s\n" "一、主要工作" "  （一）党建" "  （二）教学" "二、存在问题" "三、工作计划" "四、保障措施" >expect &&
	test_cmp expect got
'

test_expect_success 'a 1. before the tree is text when 1. starts over inside it' '
	grep stray "$D/false.jsonl" | zj-segment -o >out &&
	printf "%s\n" "一、主要工作" "  （一）党建" "    1.学习" "    2.组织" "  （二）教学" "二、存在问题" >expect &&
	test_cmp expect out
'

test_expect_success 'headings run into one line, after spaces and sentence ends' '
	zj-segment --outline "$D/inline.jsonl" >out &&
	test_cmp "$D/inline.outline" out
'

test_expect_success 'a heading running on into body text: title up to the first 。' '
	grep runon "$D/inline.jsonl" | zj-segment --json | tail -n +2 >out &&
	test_cmp "$D/runon.expect" out
'

test_expect_success 'a title keeps its ；, not the ；，、： at its end' '
	grep tails "$D/inline.jsonl" | zj-segment -o >out &&
	printf "%s\n" "第一、以质量为重点，是发展的保证" "第二、以均衡为重点，是发展的要求" \
		"  （1）建设学校；改善条件" "  （2）目标任务" >expect &&
	test_cmp expect out
'

test_expect_success 'one heading alone on its family is text, two make a tree' '
	echo "一、概况 全县有学校10所。" | zj-segment -t -o >out &&
	test_must_be_empty out &&
	echo "一、概况 全县有学校10所。二、问题" | zj-segment -t -o >out &&
	printf "%s\n" "一、概况" "二、问题" >expect &&
	test_cmp expect out
'

test_expect_success 'the span of a heading is its marker, spaces and title' '
	zj-segment --json "$D/families.jsonl" "$D/levels.jsonl" "$D/inline.jsonl" >recs &&
	python3 "$D/check-spans.py" <recs >out &&
	test_grep "^$(cat "$D/families.jsonl" "$D/levels.jsonl" "$D/inline.jsonl" | wc -l) docs, [1-9][0-9]* secs, [1-9][0-9]* sents: spans ok" out
'

test_expect_success 'a marker file of the user replaces the families' '
	printf "# only (1)\n（1）\t( （\tdigit\t) ）\n" >markers.tsv &&
	grep "\"families#1\"" "$D/families.jsonl" >families.jsonl &&
	zj-segment --markers=markers.tsv --enclosed=/dev/null -o families.jsonl >out &&
	printf "%s\n" "（1）培训骨干教师" "（2）招聘新教师" >expect &&
	test_cmp expect out
'

test_expect_success 'a bad data file is an error naming file and line' '
	printf "一、\t-\troman\t、\n" >bad.tsv &&
	test_expect_code 1 zj-segment --markers=bad.tsv "$D/false.jsonl" >out 2>err &&
	test_grep "bad.tsv:1: numeral .roman. is not han, digit or enclosed" err &&
	printf "㈠\tnone\t1\n" >bad.tsv &&
	test_expect_code 1 zj-segment --enclosed=bad.tsv "$D/false.jsonl" >out 2>err &&
	test_grep "bad.tsv:1: no family .none. in markers.tsv" err &&
	printf "# tens\n十\tten\n" >bad.tsv &&
	test_expect_code 1 zj-segment --numerals=bad.tsv "$D/false.jsonl" >out 2>err &&
	test_grep "bad.tsv:2: .ten. is not a number from 1 to 10" err
'

test_done
