#!/bin/bash
test_description='zj-classify-section --text, user lexicons and kind words, man page examples'
. "${0%/*}/lib.sh"

test_expect_success '--text: heading line, body, domain, kind and three scores' '
	printf "%s\n" "二、存在的问题" "" "部分农村学校校舍老旧，城区学位不足。" \
		"教师结构性缺编，校外培训机构治理任务较重。" >in.txt &&
	zj-classify-section --text in.txt >out &&
	cat >expect <<-\EOT &&
	domain	facilities
	kind	problem
	facilities	0.500
	double_reduction	0.300
	teachers	0.100
	EOT
	test_cmp expect out
'

test_expect_success '--text: empty input and input without any term are general' '
	zj-classify-section --text </dev/null >out &&
	printf "domain\tgeneral\nkind\tachievement\n" >expect &&
	test_cmp expect out &&
	echo "今天天气很好。" | zj-classify-section --text >out &&
	test_cmp expect out
'

test_expect_success '--text: bad UTF-8 is replaced, with a warning' '
	printf "\377学前教育\n" | zj-classify-section --text >out 2>err &&
	test_grep "^domain	preschool$" out &&
	test_grep "invalid UTF-8" err
'

test_expect_success '--text --explain' '
	printf "下一步打算\n加强校园安全管理。\n" | zj-classify-section --text --explain 2>err >out &&
	test_grep "^kind	plan$" out &&
	echo "zj-classify-section: -: plan safety: 校园安全/safety" >expect &&
	test_cmp expect err
'

test_expect_success 'a user lexicon replaces the domains, patterns included' '
	printf "# mine\nfruit\t2\t苹果\nfruit\t1\t/[0-9]+斤/\nveg\t2\t白菜\nveg\t0\t大白菜心\n" >lex.tsv &&
	printf "%s\n" "{\"t\":\"sec\",\"id\":\"m/1\",\"level\":1,\"title\":\"采购\"}" \
		"{\"t\":\"sent\",\"sec\":\"m/1\",\"text\":\"买苹果30斤，白菜两棵，大白菜心一个。\"}" >in &&
	zj-classify-section --lexicon lex.tsv --json --explain in >out 2>err &&
	test_grep "\"domain\":\"fruit\",\"scores\":{\"fruit\":0.6,\"veg\":0.4}}" out &&
	echo "zj-classify-section: m/1: achievement fruit: 苹果/fruit 白菜/veg 大白菜心/veg /[0-9]+斤//fruit" >expect &&
	test_cmp expect err
'

test_expect_success 'a bad lexicon is an error naming file and line' '
	printf "fruit\t2\t苹果\nfruit\ttwo\t梨\n" >bad.tsv &&
	test_expect_code 1 zj-classify-section --lexicon bad.tsv </dev/null 2>err &&
	echo "zj-classify-section: bad.tsv:2: bad weight '\''two'\''" >expect &&
	test_cmp expect err &&
	printf "fruit\t2\n" >bad.tsv &&
	test_expect_code 1 zj-classify-section -l bad.tsv </dev/null 2>err &&
	test_grep "bad.tsv:1: want DOMAIN<TAB>WEIGHT<TAB>TERM" err &&
	printf "fruit\t2\t/(/\n" >bad.tsv &&
	test_expect_code 1 zj-classify-section -l bad.tsv </dev/null 2>err &&
	test_grep "^zj-classify-section: bad.tsv:1: bad pattern at offset 1: missing closing parenthesis$" err &&
	test_expect_code 1 zj-classify-section -l no-such.tsv </dev/null 2>err &&
	test_grep "no-such.tsv: No such file" err
'

test_expect_success 'user kind words: scope top, any and default' '
	printf "report\tdefault\nlesson\tany\t教训\nworry\ttop\t担忧\n" >kinds.tsv &&
	printf "%s\n" "{\"t\":\"sec\",\"id\":\"k/1\",\"level\":1,\"title\":\"几点担忧\"}" \
		"{\"t\":\"sec\",\"id\":\"k/1.1\",\"level\":2,\"title\":\"担忧之一\"}" \
		"{\"t\":\"sec\",\"id\":\"k/1.2\",\"level\":2,\"title\":\"一个教训\"}" \
		"{\"t\":\"sec\",\"id\":\"k/2\",\"level\":1,\"title\":\"其他\"}" >in &&
	zj-classify-section --kinds kinds.tsv --json in >out &&
	sed -n "s/.*\"id\":\"\([^\"]*\)\".*\"kind\":\"\([^\"]*\)\".*/\1 \2/p" out >got &&
	printf "k/1 worry\nk/1.1 worry\nk/1.2 lesson\nk/2 report\n" >expect &&
	test_cmp expect got &&
	printf "lesson\tany\t教训\n" >kinds.tsv &&
	test_expect_code 1 zj-classify-section -k kinds.tsv </dev/null 2>err &&
	test_grep "no default kind" err
'

test_expect_success 'the installed data files can be overridden with ZJ_DATADIR' '
	mkdir -p share/classify-section &&
	printf "x\tdefault\n" >share/classify-section/kinds.tsv &&
	ZJ_DATADIR=$PWD/share zj-classify-section --text </dev/null >out &&
	test_grep "^kind	x$" out
'

test_expect_success 'each example of the man page runs as printed' '
	test_man_examples "$TOP/man/zj-classify-section.1" 6
'

test_done
