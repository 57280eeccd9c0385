#!/bin/bash
test_description='zj-decode: encodings are detected and converted, bad bytes counted'
. "${0%/*}/lib.sh"

# The fields of each doc record but its text, one line each.
doc_fields() {
	zj-dump | python3 -c '
import json, sys
for l in sys.stdin:
    d = json.loads(l)
    print("\t".join(str(d.get(k)) for k in ("id", "enc", "script", "title", "region", "year", "period", "bad_bytes")))'
}

test_expect_success 'UTF-8 without BOM' '
	zj-decode "$DATA/decode/report.txt" | doc_fields >out &&
	printf "report#1\tUTF-8\thans\t东岚县教育局2020年工作总结\t东岚县\t2020\tyear\tNone\n" >expect &&
	test_cmp expect out &&
	zj-decode --text "$DATA/decode/report.txt" >text &&
	test_cmp "$DATA/decode/report.txt" text
'

test_expect_success 'UTF-8 with BOM: the BOM is not text' '
	{ printf "\357\273\277"; cat "$DATA/decode/report.txt"; } >bom.txt &&
	zj-decode --text bom.txt >text &&
	test_cmp "$DATA/decode/report.txt" text &&
	zj-decode bom.txt | doc_fields | cut -f2 >enc &&
	echo UTF-8 >expect && test_cmp expect enc
'

test_expect_success 'GB18030 is detected' '
	iconv -f UTF-8 -t GB18030 "$DATA/decode/report.txt" >gb.txt &&
	zj-decode --text gb.txt >text &&
	test_cmp "$DATA/decode/report.txt" text &&
	zj-decode gb.txt | doc_fields | cut -f2 >enc &&
	echo GB18030 >expect && test_cmp expect enc
'

test_expect_success 'GBK and GB2312 read as GB18030' '
	iconv -f UTF-8 -t GBK "$DATA/decode/report.txt" >gbk.txt &&
	zj-decode --text gbk.txt >text &&
	test_cmp "$DATA/decode/report.txt" text &&
	iconv -f UTF-8 -t GB2312 "$DATA/decode/report.txt" >gb2312.txt &&
	zj-decode --text gb2312.txt >text &&
	test_cmp "$DATA/decode/report.txt" text
'

test_expect_success 'Big5 in traditional script becomes simplified' '
	iconv -f UTF-8 -t BIG5 "$DATA/decode/trad.txt" >big5.txt &&
	zj-decode --text big5.txt >text &&
	test_cmp "$DATA/decode/trad.expect" text &&
	zj-decode big5.txt | doc_fields | cut -f2,3 >enc &&
	printf "BIG5\thant\n" >expect && test_cmp expect enc
'

test_expect_success 'UTF-16LE and UTF-16BE with BOM, CRLF line ends' '
	sed "s/\$/\r/" "$DATA/decode/report.txt" >crlf.txt &&
	{ printf "\377\376"; iconv -f UTF-8 -t UTF-16LE crlf.txt; } >le.txt &&
	{ printf "\376\377"; iconv -f UTF-8 -t UTF-16BE crlf.txt; } >be.txt &&
	zj-decode --text le.txt >text && test_cmp "$DATA/decode/report.txt" text &&
	zj-decode --text be.txt >text && test_cmp "$DATA/decode/report.txt" text &&
	zj-decode le.txt be.txt | doc_fields | cut -f2 >enc &&
	printf "UTF-16LE\nUTF-16BE\n" >expect && test_cmp expect enc
'

test_expect_success 'UTF-16LE without BOM is told from binary by its NUL pattern' '
	iconv -f UTF-8 -t UTF-16LE "$DATA/decode/report.txt" >nobom.txt &&
	zj-decode --text nobom.txt >text &&
	test_cmp "$DATA/decode/report.txt" text
'

test_expect_success '--from overrides detection' '
	iconv -f UTF-8 -t GB18030 "$DATA/decode/report.txt" >gb.txt &&
	zj-decode --from gbk --text gb.txt >text &&
	test_cmp "$DATA/decode/report.txt" text &&
	zj-decode -f GB18030 gb.txt | doc_fields | cut -f2 >enc &&
	echo GB18030 >expect && test_cmp expect enc
'

test_expect_success '--from with an encoding iconv does not know is a usage error' '
	test_expect_code 2 zj-decode --from NO-SUCH-ENC "$DATA/decode/report.txt" 2>err &&
	test_grep "cannot convert from encoding .NO-SUCH-ENC." err
'

test_expect_success 'invalid UTF-8 bytes become U+FFFD, counted, one warning per file' '
	{ head -n 2 "$DATA/decode/report.txt"; printf "坏字节\377在这里\376\376。\n"; } >bad.txt &&
	zj-decode bad.txt 2>err | doc_fields | cut -f8 >count &&
	echo 3 >expect && test_cmp expect count &&
	echo "zj-decode: bad.txt: 3 invalid bytes in UTF-8 replaced by U+FFFD" >expect &&
	test_cmp expect err &&
	zj-decode --text bad.txt 2>/dev/null | tail -n 1 >line &&
	printf "坏字节\357\277\275在这里\357\277\275\357\277\275。\n" >expect &&
	test_cmp expect line
'

# Valid text is read sixteen bytes at a time: a character cut short, or a
# stray continuation byte, is caught at every place in such a block.
test_expect_success 'a cut character or a stray byte is caught wherever it stands' '
	python3 -c "
import sys
out, want = sys.stdout.buffer, open(\"expect\", \"wb\")
para = \"教育\" * 700 + \"。\n\"
out.write(para.encode()); want.write(para.encode())
for k in range(40):
    out.write((\"中\" * k).encode() + b\"\xe4\xb8x\" + (\"文\" * k).encode() + b\"\x80y\n\")
    want.write((\"中\" * k + \"\ufffd\ufffdx\" + \"文\" * k + \"\ufffdy\n\").encode())
" >cut.txt &&
	zj-decode --text cut.txt 2>err >text &&
	test_cmp expect text &&
	echo "zj-decode: cut.txt: 120 invalid bytes in UTF-8 replaced by U+FFFD" >expect &&
	test_cmp expect err
'

test_expect_success 'full-width digits and letters, ideographic spaces and NBSP are normalised' '
	printf "\343\200\200\343\200\200全年新建学校１２所，投入２．４５亿元，达标率９１．２％。\n" >fw.txt &&
	printf "ＡＢＣ三级\302\240\302\240达标，Chinese punctuation（保留）：是。\n" >>fw.txt &&
	zj-decode --text fw.txt >text &&
	printf "全年新建学校12所，投入2.45亿元，达标率91.2%%。\nABC三级 达标，Chinese punctuation（保留）：是。\n" >expect &&
	test_cmp expect text
'

test_done
