#!/bin/bash
test_description='zj-tag-numbers --text: numbers of plain text as a TSV table'
. "${0%/*}/lib.sh"

D=$DATA/tag-numbers
HEADER='line	surface	value	unit	kind	approx	masked	indicator'

for what in numerals shapes dates negatives; do
	test_expect_success "$what: every mention with value, unit, kind, approx, mask, indicator" '
		zj-tag-numbers --text "$D/'$what'.txt" >out &&
		test_cmp "$D/'$what'.tsv" out
	'
done

test_expect_success 'negatives: markers, ordinals, slogans, codes, phones, URLs are no mentions' '
	zj-tag-numbers -t "$D/negatives.txt" >out &&
	echo "$HEADER" >expect &&
	test_cmp expect out
'

test_expect_success 'an empty input prints the header only' '
	zj-tag-numbers --text </dev/null >out &&
	echo "$HEADER" >expect &&
	test_cmp expect out
'

test_expect_success 'a line without a number prints no row, and line numbers count it' '
	printf "%s\n" "加强师德师风建设。" "招聘教师35名。" | zj-tag-numbers -t >out &&
	printf "%s\n" "$HEADER" "2	35名	35	名	qty	=	0	招聘教师" >expect &&
	test_cmp expect out
'

test_expect_success 'files are read in turn, line numbers start again in each' '
	echo "新建食堂2座" >a.txt &&
	printf "%s\n" "无" "改造厕所4处" >b.txt &&
	zj-tag-numbers -t a.txt b.txt >out &&
	printf "%s\n" "$HEADER" "1	2座	2	座	qty	=	0	新建食堂" \
		"2	4处	4	处	qty	=	0	改造厕所" >expect &&
	test_cmp expect out
'

test_expect_success 'bad UTF-8: one warning, the numbers around it are still found' '
	printf "\377\376投入12万元\n\377新增3所\n" >bad.txt &&
	zj-tag-numbers -t bad.txt >out 2>err &&
	test_grep "^zj-tag-numbers: bad.txt: .*UTF-8" err &&
	test $(wc -l <err) = 1 &&
	cut -f2,3 out >got &&
	printf "%s\n" "surface	value" "12万元	120000" "3所	3" >expect &&
	test_cmp expect got
'

test_expect_success 'streams: the row of a line comes before the next line is read' '
	coproc TAG { zj-tag-numbers -t; } &&
	echo "录取新生120人" >&"${TAG[1]}" &&
	read -r -t 20 header <&"${TAG[0]}" &&
	read -r -t 20 row <&"${TAG[0]}" &&
	exec {TAG[1]}>&- &&
	wait "$TAG_PID" &&
	test "$row" = "1	120人	120	人	qty	=	0	录取新生"
'

test_expect_success 'a ten-megabyte run of digits or masks is no mention, and no trap' '
	{ printf "编号"; head -c 10000000 /dev/zero | tr "\0" 7; printf "所\n"; } >digits.txt &&
	{ head -c 10000000 /dev/zero | tr "\0" "*"; printf "个，新建教室8个\n"; } >>digits.txt &&
	zj-tag-numbers -t digits.txt >out &&
	printf "%s\n" "$HEADER" "2	8个	8	个	qty	=	0	新建教室" >expect &&
	test_cmp expect out
'

test_expect_success 'every pair of tricky characters: no stall, no crash, surfaces are substrings' '
	python3 -c "
chars = list(\"0９.。,-—~+/:·*＊Xx_×%％()（）“”《》〔〕、 一两十百万亿〇点年月日所个人元余多以第百分之H5G\")
for a in chars:
    print(\"\".join(a + b + \"3\" + b + a for b in chars))
" >pairs.txt &&
	zj-tag-numbers -t pairs.txt >out &&
	test $(wc -l <out) -gt 100 &&
	python3 -c "
import sys
lines = open(\"pairs.txt\", encoding=\"utf-8\").read().split(\"\n\")
for row in open(\"out\", encoding=\"utf-8\").read().splitlines()[1:]:
    f = row.split(\"\t\")
    assert f[1] and f[1] in lines[int(f[0]) - 1], row
    assert f[7] in lines[int(f[0]) - 1], row
"
'

test_expect_success '--units FILE replaces the unit table' '
	printf "# mine\n所\t学校\tcount\n套\n" >units.tsv &&
	echo "新建3所，5名，7套" | zj-tag-numbers -t --units units.tsv >out &&
	printf "%s\n" "$HEADER" "1	3所	3	学校	qty	=	0	新建" \
		"1	5名	5	名	qty	=	0	" "1	7套	7	套	qty	=	0	" >expect &&
	test_cmp expect out
'

test_expect_success '--not-numbers, --qualifiers and --links replace their tables' '
	printf "五十名\n" >not.tsv &&
	printf "大约\tbefore\t~\n" >qual.tsv &&
	printf "共\tlink\n" >links.tsv &&
	echo "大约20所学校，约30人，评出优秀学生五十名，全市共8人" >in.txt &&
	zj-tag-numbers -t in.txt >default &&
	test_grep "五十名" default &&
	zj-tag-numbers -t in.txt --not-numbers not.tsv --qualifiers qual.tsv --links links.tsv >out &&
	printf "%s\n" "$HEADER" "1	大约20所	20	所	qty	~	0	学校" \
		"1	30人	30	人	qty	=	0	约" \
		"1	8人	8	人	qty	=	0	全市" >expect &&
	test_cmp expect out
'

test_expect_success 'a data file that cannot be read is an error: status 1' '
	test_expect_code 1 zj-tag-numbers -t --units no-such.tsv </dev/null 2>err &&
	test_grep "^zj-tag-numbers: no-such.tsv: No such file" err
'

test_expect_success '--data-files names the four tables' '
	zj-tag-numbers --data-files >out &&
	sed "s,.*/,," out >names &&
	printf "%s\n" units.tsv not-numbers.tsv qualifiers.tsv links.tsv >expect &&
	test_cmp expect names &&
	while read -r f; do test -r "$f"; done <out
'

test_expect_success 'every example of the man page runs as printed' '
	test_man_examples "$TOP/man/zj-tag-numbers.1" 3
'

test_done
