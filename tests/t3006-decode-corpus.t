#!/bin/bash
test_description='zj-decode on the demo corpus and on the shared sample corpus'
. "${0%/*}/lib.sh"

test_have_DEMO() {
	[ -f "$DEMO/docsite-pages.txt" ] && [ -f "$DEMO/utf16.txt" ]
}

doc_fields() {
	zj-dump | python3 -c '
import json, sys
for l in sys.stdin:
    d = json.loads(l)
    print("\t".join(str(d.get(k)) for k in ("id", "enc", "script", "title", "region", "year", "period")))'
}

test_expect_success DEMO 'demo corpus: every file, its encoding, script and metadata' '
	for f in "$DEMO"/*.*; do zj-decode "$f" | doc_fields; done >out &&
	test_cmp "$DATA/decode/demo.expect" out
'

test_expect_success DEMO 'demo corpus: the repost is a near-duplicate of the report' '
	zj-decode "$DEMO/qinghe-2021.txt" "$DEMO/masked.txt" "$DEMO/qinghe-2021-repost.txt" | zj-dump >out &&
	test $(grep -c "dup_of" out) = 1 &&
	test_grep "\"id\":\"qinghe-2021-repost#1\".*\"dup_of\":\"qinghe-2021#1\"" out
'

test_expect_success DEMO 'demo corpus: page markers joined, list markers kept, site text cut' '
	zj-decode --text "$DEMO/docsite-pages.txt" "$DEMO/two-reports.txt" "$DEMO/saved-page.html" >text &&
	for s in 巩固率达到96.9% 资助资金3086.4万元 教师队伍老龄化 乡村教师素质提升工程 \
		"^1、党建工作成效明显。" "^13、招生考试平稳有序。" "^8、提升教育信息化" \
		图书8.6万册 技术工人两千余人 “教研\&培训”; do
		test_grep "$s" text || exit 1
	done &&
	! grep -q "[0-9]、[.0-9%]\|上传人\|文档编号\|阅读全文\|ICP备\|fanwenba\|范文吧\|机构设置" text
'

test_expect_success DEMO 'demo corpus: the Taiwan-converted report is repaired, correct text kept' '
	zj-decode --text "$DEMO/taiwan-converted.big5.txt" >text &&
	for s in 县城第四小学 全县小学生 溪源初中 全县中小学校舍 其中小学教师 全国中小学生安全教育日 \
		全国中小学数字校园 信息化 网络; do
		test_grep "$s" text || exit 1
	done &&
	! grep -q "第四国小\|全县国小\|溪源国中\|国中毕业\|县中国小\|大学联考\|资讯化\|網\|縣" text
'

test_expect_success DEMO 'demo corpus: full-width digits and ideographic spaces are normalised' '
	zj-decode --text "$DEMO/utf16.txt" >text &&
	test_grep "2.45亿元" text &&
	test_grep "91.2%" text &&
	! grep -q "$(printf "\343\200\200")\|２\|％" text
'

# score.py runs every stage it finds in --bin: give it zj-decode alone.
test_expect_success SHARED 'sample corpus: every source split right, clean checks and metadata' '
	mkdir -p only && ln -sf "$ZJ_BIN/zj-decode" only/zj-decode &&
	(cd "$TOP" && python3 "$SHARED/gold/score.py" --bin "$TRASH/only" --only docs,clean -v) >score &&
	cat score &&
	tail -n 1 score | python3 -c "
import re, sys
s = dict(re.findall(r\"(\\w+)=([0-9./]+)\", sys.stdin.read()))
a, b = s[\"docs_split\"].split(\"/\")
assert a == b and int(b) > 0, s
assert float(s[\"clean\"]) >= 0.95, s
assert float(s[\"meta_acc\"]) >= 0.8, s
"
'

test_expect_success SHARED 'sample corpus: no check of the clean text fails, no pipeline error' '
	! grep -q "fails\|exit codes" score
'

test_expect_success SHARED 'sample corpus: every file decodes without a warning' '
	zj-decode "$SHARED"/corpus/*.txt >out 2>err &&
	test_must_be_empty err &&
	test $(zj-dump out | wc -l) = $(cat "$SHARED"/gold/*.docs.tsv | grep -v "^#" | grep -vc "^doc	")
'

test_done
