#!/bin/bash
test_description='the demo corpus through the whole pipeline, with zj report and zj numbers'
. "${0%/*}/lib.sh"
# zj runs the filters under test, not those beside it.
export ZJ_EXEC_PATH=$ZJ_BIN

# The demo files, the original report before its repost, so that the
# repost is the near-duplicate left out of the tables.
set -- qinghe-2021.txt qinghe-2021-repost.txt docsite-pages.txt linchuan-half.gb18030.txt \
	masked.txt saved-page.html taiwan-converted.big5.txt two-reports.txt utf16.txt
for f; do
	FILES="$FILES $DEMO/$f"
done

# columns NAME... <TSV: those columns of a TSV table, by header name.
columns() {
	awk -F '\t' -v want="$*" 'BEGIN { OFS = "\t"; n = split(want, w, " ") }
	NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i
		for (j = 1; j <= n; j++) if (!(w[j] in col)) { print "no column " w[j] > "/dev/stderr"; exit 1 } }
	{ line = ""; for (j = 1; j <= n; j++) line = line (j > 1 ? OFS : "") $col[w[j]]; print line }'
}

test_expect_success 'zj report prints the docs and then the domains table' '
	zj report $FILES >report 2>err &&
	test_must_be_empty err &&
	sed -n "1p" report >first &&
	echo "# docs" >expect &&
	test_cmp expect first &&
	test_grep "^# domains$" report &&
	test_grep "^id	title	region	year	period	" report &&
	test_grep "^doc	domain	" report
'

test_expect_success 'every report of the demo corpus with its title, region, year and period' '
	zj report -t docs $FILES >docs.tsv &&
	columns id title region year period <docs.tsv >actual &&
	test_cmp "$DATA/pipeline/demo-docs.tsv" actual
'

test_expect_success 'the near-duplicate repost is left out unless --keep-dups' '
	! grep -q "^qinghe-2021-repost#1	" docs.tsv &&
	zj report -t docs --keep-dups $FILES >all.tsv &&
	test_grep "^qinghe-2021-repost#1	青禾县教育局2021年工作总结	" all.tsv &&
	test $(wc -l <all.tsv) = $(($(wc -l <docs.tsv) + 1))
'

test_expect_success 'each document is counted in the domains table' '
	zj report -t domains $FILES >domains.tsv &&
	columns doc <domains.tsv | sed 1d | sort -u >actual &&
	columns id <docs.tsv | sed 1d | sort >expect &&
	test_cmp expect actual
'

test_expect_success 'zj numbers: values and units of numbers of every shape' '
	zj numbers $FILES >numbers.tsv &&
	columns doc surface value unit <numbers.tsv >all &&
	sed 1d "$DATA/pipeline/demo-numbers.tsv" | while IFS= read -r line; do
		grep -qxF "$line" all || { echo "missing: $line"; exit 1; }
	done
'

test_expect_success 'zj numbers: one row per mention, in document order' '
	columns doc start <numbers.tsv | sed 1d >order &&
	sort -t "	" -k1,1V -k2,2n order >sorted &&
	test_cmp sorted order &&
	test $(sort -u order | wc -l) = $(wc -l <order)
'

test_expect_success 'formats: Markdown and CSV tables from zj report' '
	zj report -f md -t docs $DEMO/masked.txt >md &&
	test_grep "^| id | title | region | year | period |" md &&
	zj report -f csv -t docs -t money $DEMO/masked.txt >csv &&
	test_grep "^# docs$" csv &&
	test_grep "^# money$" csv &&
	test_grep "^id,title,region,year,period," csv
'

test_expect_success 'formats: several tables in JSON are one object' '
	zj report -f json $DEMO/masked.txt $DEMO/utf16.txt >json &&
	python3 -c "import json, sys; d = json.load(sys.stdin); print(*sorted(d), len(d[\"docs\"]))" <json >actual &&
	echo "docs domains 2" >expect &&
	test_cmp expect actual
'

test_expect_success 'a file that cannot be read: messages, the other tables, status 1' '
	test_expect_code 1 zj report -t docs $DEMO/masked.txt no-such-file.txt >out 2>err &&
	test_grep "no-such-file.txt" err &&
	test_grep "^masked#1	" out
'

test_expect_success 'a bad table name is a usage error of zj-aggregate' '
	test_expect_code 2 zj report -t nosuch $DEMO/masked.txt 2>err &&
	test_grep "zj-aggregate" err &&
	test_expect_code 2 zj report -t nosuch -t docs $DEMO/masked.txt >out 2>err &&
	test_grep "^# docs$" out &&
	test_grep "^masked#1	" out
'

test_expect_success 'the examples of zj(1) run as printed' '
	(cd "$TOP" && zj report demo/corpus/*.txt demo/corpus/*.html) >ex1 &&
	test_grep "^utf16#1	澜溪县教育局2022年工作总结	澜溪县	2022	year	" ex1 &&
	(cd "$TOP" && zj report -f md -t money demo/corpus/masked.txt) >ex2 &&
	head -n 2 ex2 >actual &&
	printf "%s\n" "| doc | domain | unit | mentions | sum |" "| --- | --- | --- | ---: | ---: |" >expect &&
	test_cmp expect actual &&
	test_grep "^| masked#1 | .* | 元 | 1 | 1370000000 |$" ex2 &&
	(cd "$TOP" && zj numbers demo/corpus/qinghe-2021.txt demo/corpus/masked.txt) >ex3 &&
	head -n 1 ex3 >actual &&
	printf "doc\tstart\tsurface\tsec.domain\tindicator\tvalue\tunit\tcount\n" >expect &&
	test_cmp expect actual &&
	test_grep "^masked#1	" ex3 &&
	test_grep "^qinghe-2021#1	" ex3
'

test_done
