#!/bin/bash
test_description='zj-decode: --text and --titles; the examples of the manual'
. "${0%/*}/lib.sh"

test_expect_success '--text prints the clean text of each document, a form feed line between' '
	zj-decode --text "$DATA/decode/compilation2.txt" >out &&
	cat >expect <<-EOT &&
	【篇一】东坪县教育局2015年工作总结
	2015年，东坪县教育局加强学校管理，东坪县第一小学新建教学楼一栋，全县教育质量稳步提升。
	$(printf "\f")
	【篇二】西坪区教育局2016年工作总结
	2016年，西坪区教育局扎实推进教育信息化，西坪区教育局被评为省级先进单位。
	EOT
	test_cmp expect out
'

test_expect_success '--titles puts "# TITLE" before each document' '
	zj-decode -t --titles "$DATA/decode/compilation3.txt" >out &&
	cat >expect <<-EOT &&
	# 上河县教育局2014年工作总结
	第一篇:上河县教育局2014年工作总结
	2014年，上河县教育局全面推进素质教育，上河县教育局获得全省教育工作先进集体称号。
	$(printf "\f")
	# 下河市教育局2015年工作总结
	第二篇:下河市教育局2015年工作总结
	2015年，下河市教育局持续加大投入，下河市教育局新建学校5所。
	EOT
	test_cmp expect out
'

test_expect_success '--text of an empty input is empty; --titles without --text is a usage error' '
	: >empty.txt &&
	zj-decode --text empty.txt >out &&
	test_must_be_empty out &&
	test_expect_code 2 zj-decode --titles empty.txt 2>err &&
	test_grep "titles goes with --text" err
'

test_expect_success '--data-files names the five data files' '
	zj-decode --data-files >out &&
	test $(wc -l <out) = 5 &&
	test_grep "/decode/boilerplate.tsv$" out &&
	while read f; do test -r "$f"; done <out
'

test_expect_success 'ZJ_DATADIR overrides a data file' '
	mkdir -p d/decode &&
	printf "line\t^东岚县教育局\$\n" >d/decode/boilerplate.tsv &&
	ZJ_DATADIR=$PWD/d zj-decode --text "$DATA/decode/report.txt" >out &&
	! grep -q "^东岚县教育局\$" out &&
	grep -q "^东岚县教育局\$" "$DATA/decode/report.txt"
'

# The examples of man/zj-decode.1, run as printed.
test_expect_success 'manual: zj-decode --text --titles report.txt repost.txt' '
	cp "$DATA/decode/report.txt" "$DATA/decode/repost.txt" . &&
	zj-decode --text --titles report.txt repost.txt >out &&
	{ echo "# 东岚县教育局2020年工作总结"; cat report.txt; printf "\f\n";
	  echo "# 东岚县教育局2020年工作总结"; sed 1d repost.txt; } >expect &&
	test_cmp expect out
'

test_expect_success 'manual: zj-decode report.txt | zj-dump' '
	cp "$DATA/decode/report.txt" . &&
	zj-decode report.txt | zj-dump >out &&
	python3 -c "
import json
d = json.loads(open(\"out\").read())
assert d[\"t\"] == \"doc\" and d[\"id\"] == \"report#1\" and d[\"src\"] == \"report.txt\", d
assert (d[\"title\"], d[\"region\"], d[\"year\"], d[\"period\"]) == (\"东岚县教育局2020年工作总结\", \"东岚县\", 2020, \"year\"), d
assert d[\"text\"] + \"\n\" == open(\"report.txt\").read() and d[\"dropped\"] == 0
assert list(d) == \"t id src n enc script title region year period text dropped\".split(), list(d)
"
'

test_expect_success 'manual: zj-decode --from BIG5 --text old.txt' '
	iconv -f UTF-8 -t BIG5 "$DATA/decode/trad.txt" >old.txt &&
	zj-decode --from BIG5 --text old.txt >out &&
	test_cmp "$DATA/decode/trad.expect" out
'

test_expect_success 'manual: zj-decode --rules my-rules.tsv --text ad.txt' '
	printf "cut\t【广告】[^【]*【/广告】\n" >my-rules.tsv &&
	printf "新增学位900个【广告】范文下载【/广告】，办学条件明显改善。\n" >ad.txt &&
	zj-decode --rules my-rules.tsv --text ad.txt >out &&
	echo "新增学位900个，办学条件明显改善。" >expect &&
	test_cmp expect out
'

test_done
