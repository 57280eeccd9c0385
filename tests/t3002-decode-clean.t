#!/bin/bash
test_description='zj-decode: HTML, boilerplate, page markers, traditional script'
. "${0%/*}/lib.sh"

test_expect_success 'a GBK web page: charset from <meta>, scripts, styles, comments and menus dropped' '
	iconv -f UTF-8 -t GBK "$DATA/decode/page.html" >page.html &&
	zj-decode --text page.html >text &&
	test_cmp "$DATA/decode/page.expect" text &&
	zj-decode page.html | zj-dump >rec &&
	test_grep "\"enc\":\"GB18030\"" rec &&
	test_grep "\"title\":\"安平县教育局2022年工作总结\"" rec
'

test_expect_success '--html reads a page that does not look like one' '
	sed 1,2d "$DATA/decode/page.html" | sed "s/^<head>/<p>开头<\/p>/" >frag.txt &&
	zj-decode --html --text frag.txt >text &&
	test_grep "^安平县教育局2022年工作总结$" text &&
	! grep -q "<" text
'

test_expect_success 'a page nested 20 000 deep keeps its text, in one pass' '
	python3 -c "print(\"<html><body>\" + \"<div>\" * 20000 + \"一、总体情况<br>今年新建校舍3所。\" + \"</div>\" * 20000 + \"</body></html>\")" >deep.html &&
	zj-decode --text deep.html >text &&
	printf "一、总体情况\n今年新建校舍3所。\n" >expect &&
	test_cmp expect text
'

test_expect_success 'every boilerplate family goes: breadcrumb, upload data, thumbnails, notices, site text, footer' '
	zj-decode --text "$DATA/decode/boiler.txt" >text &&
	test_cmp "$DATA/decode/boiler.expect" text &&
	zj-decode "$DATA/decode/boiler.txt" | zj-dump >rec &&
	test_grep "\"dropped\":23[,}]" rec
'

# The gate in front of the rules reads a line as it is normalised; a
# traditional document, which OpenCC changes, is read again.
test_expect_success 'boilerplate is found in full-width letters and in traditional script' '
	printf "全县新建学校3所。\n\357\274\251\357\274\243\357\274\260备12345号\n" >fw.txt &&
	zj-decode --text fw.txt >text &&
	echo "全县新建学校3所。" >expect &&
	test_cmp expect text &&
	printf "全縣新建學校3所，國小學生增加。\n版權所有 教育網\n" >tw.txt &&
	zj-decode --text tw.txt >text &&
	echo "全县新建学校3所，小学学生增加。" >expect &&
	test_cmp expect text
'

test_expect_success '--rules adds rules of the user' '
	printf "# a site of my own\ncut\t【广告】[^【]*【/广告】\nline\t^本文由.*整理$\n" >mine.tsv &&
	printf "全县新建学校3所【广告】买资料【/广告】，新增学位900个。\n本文由小编整理\n" >ad.txt &&
	zj-decode --rules mine.tsv --text ad.txt >text &&
	echo "全县新建学校3所，新增学位900个。" >expect &&
	test_cmp expect text
'

test_expect_success 'a bad rule is reported with its file and line' '
	printf "line\t(unclosed\n" >bad.tsv &&
	test_expect_code 1 zj-decode --rules bad.tsv "$DATA/decode/report.txt" 2>err &&
	test_grep "^zj-decode: bad.tsv:1: bad pattern" err &&
	printf "drop\tx\n" >bad.tsv &&
	test_expect_code 1 zj-decode --rules bad.tsv "$DATA/decode/report.txt" 2>err &&
	test_grep "bad.tsv:1: want KIND<TAB>PATTERN" err
'

test_expect_success 'page markers go and re-join a split number and a split word' '
	zj-decode --text "$DATA/decode/pages.txt" >text &&
	test_cmp "$DATA/decode/pages.expect" text &&
	test_grep "达标率达到100%。" text &&
	test_grep "推进素质教育" text
'

test_expect_success 'real list markers stay, even after a line without a full stop' '
	zj-decode --text "$DATA/decode/lists.txt" >text &&
	test_cmp "$DATA/decode/lists.txt" text
'

test_expect_success 'page markers that run on from one number to the next page are found in a longer chain' '
	for i in 1 2 3 4 5; do
		printf "%d、" $i
		printf "第%d页的正文继续写下去，" $i $i $i $i $i $i $i $i $i $i
		printf "这一页在句子中间断开\n"
	done >chain.txt &&
	zj-decode --text chain.txt >text &&
	test $(wc -l <text) = 1 &&
	! grep -q "[0-9]、" text
'

test_expect_success 'a local list of long items that end without a full stop stays' '
	long="全县教育系统认真贯彻落实上级决策部署，坚持以人民为中心的发展思想，持续推进教育改革发展，办学条件明显改善，教育质量稳步提升，人民群众对教育的满意度不断提高。" &&
	item="各校结合实际制定具体方案，明确责任分工和时间节点，加强过程督导和结果评价，确保各项措施落地见效，形成可复制可推广的经验做法并在全县推广应用，" &&
	{ for i in 1 2 3 4 5 6; do echo "$long"; done
	  for i in 1 2 3; do printf "%d、第%d项重点工作持续推进，%s%s持续跟踪问效\n" $i $i "$item" "$item"; done
	  for i in 1 2 3 4 5 6; do echo "$long"; done; } >locallist.txt &&
	zj-decode --text locallist.txt >text &&
	test_cmp locallist.txt text
'

test_expect_success 'traditional script: OpenCC, then the Taiwan-phrase repairs' '
	zj-decode --text "$DATA/decode/trad.txt" >text &&
	test_cmp "$DATA/decode/trad.expect" text &&
	zj-decode "$DATA/decode/trad.txt" | zj-dump >rec &&
	test_grep "\"script\":\"hant\"" rec
'

test_expect_success 'correct text around the repaired phrases is left alone' '
	printf "全國中小學生安全教育日，我國中小學教師隊伍，全國小學生運動會在此舉行。\n" >right.txt &&
	zj-decode --text right.txt >text &&
	echo "全国中小学生安全教育日，我国中小学教师队伍，全国小学生运动会在此举行。" >expect &&
	test_cmp expect text
'

test_expect_success 'simplified text is not converted, its script is hans' '
	printf "这里的乾隆年间和著作都是简体文本的正常用字，一共两处。\n" >simp.txt &&
	zj-decode --text simp.txt >text &&
	test_cmp simp.txt text &&
	zj-decode simp.txt | zj-dump >rec &&
	test_grep "\"script\":\"hans\"" rec
'

test_have_OPENCC_CLI() {
	command -v opencc >/dev/null && command -v python3 >/dev/null
}

test_expect_success OPENCC_CLI 'hant.tsv holds the characters the installed OpenCC simplifies on their own' '
	python3 "$TOP/filters/decode/make-hant.py" >hant.tsv &&
	test_cmp "$TOP/filters/decode/hant.tsv" hant.tsv
'

test_expect_success 'the script decision reads hant.tsv: emptied, traditional text is taken for simplified; a non-Han character is an error' '
	mkdir -p data/decode &&
	for f in $(zj-decode --data-files); do cp "$f" data/decode/; done &&
	echo "# none" >data/decode/hant.tsv &&
	ZJ_DATADIR=$PWD/data zj-decode "$DATA/decode/trad.txt" | zj-dump >rec &&
	test_grep "\"script\":\"hans\"" rec &&
	echo "全國中小學生" >bad-hant.tsv && echo "abc" >>bad-hant.tsv &&
	cp bad-hant.tsv data/decode/hant.tsv &&
	test_expect_code 1 env ZJ_DATADIR=$PWD/data zj-decode "$DATA/decode/trad.txt" 2>err &&
	test_grep "hant.tsv:2: U+0061 is no Han character" err
'

test_expect_success '--repair adds phrase repairs' '
	printf "软体\t软件\n" >fix.tsv &&
	printf "全縣學校軟體設備全部更新，國小教學質量穩步提升。\n" >tw.txt &&
	zj-decode --repair fix.tsv --text tw.txt >text &&
	echo "全县学校软件设备全部更新，小学教学质量稳步提升。" >expect &&
	test_cmp expect text
'

test_done
