#!/bin/bash
test_description='zj-aggregate --format: tsv, csv, json, md, msgpack'
. "${0%/*}/lib.sh"

F=$DATA/aggregate/formats.jsonl
Q="-b doc,title -m count,sum"

test_expect_success 'tsv: a header, tabs, escaped backslash, tab, newline and CR' '
	zj-aggregate $Q "$F" >out &&
	zj-aggregate $Q -f tsv "$F" >out2 &&
	test_cmp out out2 &&
	{
		printf "doc\ttitle\tunit\tcount\tsum\n" &&
		printf "f#1\t逗号,在此\t元\t1\t1.5\n" &&
		printf "f#2\t引号\"在\"此\t元\t1\t\n" &&
		printf "f#3\t换行\\\\n在此\t元\t1\t2\n" &&
		printf "f#4\ttab\\\\there|pipe\\\\\\\\back\\\\r\t元\t1\t0.25\n"
	} >expect &&
	test_cmp expect out
'

test_expect_success 'csv: RFC 4180 quoting of commas, quotes and line breaks; CRLF' '
	zj-aggregate $Q -f csv "$F" >out &&
	zj-aggregate $Q --format=csv "$F" >out2 &&
	test_cmp out out2 &&
	{
		printf "doc,title,unit,count,sum\r\n" &&
		printf "f#1,\"逗号,在此\",元,1,1.5\r\n" &&
		printf "f#2,\"引号\"\"在\"\"此\",元,1,\r\n" &&
		printf "f#3,\"换行\n在此\",元,1,2\r\n" &&
		printf "f#4,\"tab\there|pipe\\\\back\r\",元,1,0.25\r\n"
	} >expect &&
	test_cmp expect out
'

test_expect_success 'csv and json read back as the input titles' '
	zj-aggregate $Q -f csv "$F" >out.csv &&
	zj-aggregate $Q -f json "$F" >out.json &&
	cat >check.py <<-\EOT &&
	import csv, json, sys
	want = [json.loads(l)["title"] for l in open(sys.argv[1]) if "\"doc\"" in l][:4]
	rows = list(csv.reader(open("out.csv", newline="", encoding="utf-8")))
	assert [r[1] for r in rows[1:]] == want, rows
	assert [r["title"] for r in json.load(open("out.json"))] == want
	EOT
	python3 check.py "$F"
'

test_expect_success 'json: an array of objects, one a line; empty cells are null' '
	zj-aggregate $Q -f json "$F" >out &&
	test_cmp "$DATA/aggregate/formats.json" out
'

test_expect_success 'json: an empty table is []' '
	zj-aggregate $Q -f json </dev/null >out &&
	echo "[]" >expect &&
	test_cmp expect out
'

test_expect_success 'md: a Markdown table, numbers right-aligned, | and line breaks escaped' '
	zj-aggregate $Q -f md "$F" >out &&
	{
		printf "| doc | title | unit | count | sum |\n" &&
		printf "| --- | --- | --- | ---: | ---: |\n" &&
		printf "| f#1 | 逗号,在此 | 元 | 1 | 1.5 |\n" &&
		printf "| f#2 | 引号\"在\"此 | 元 | 1 |  |\n" &&
		printf "| f#3 | 换行<br>在此 | 元 | 1 | 2 |\n" &&
		printf "| f#4 | tab\there\\\\|pipe\\\\back | 元 | 1 | 0.25 |\n"
	} >expect &&
	test_cmp expect out
'

test_expect_success 'msgpack: row records, the table named, nil for empty cells' '
	zj-aggregate $Q -f msgpack "$F" >out.mpk &&
	head -c 1 out.mpk | od -An -tx1 | tr -d " " >first &&
	echo 87 >expect &&
	test_cmp expect first &&
	zj-dump out.mpk >out &&
	cat >expect <<-\EOT &&
	{"t":"row","table":"by","doc":"f#1","title":"逗号,在此","unit":"元","count":1,"sum":1.5}
	{"t":"row","table":"by","doc":"f#2","title":"引号\"在\"此","unit":"元","count":1,"sum":null}
	{"t":"row","table":"by","doc":"f#3","title":"换行\n在此","unit":"元","count":1,"sum":2.0}
	EOT
	printf "{\"t\":\"row\",\"table\":\"by\",\"doc\":\"f#4\",\"title\":\"tab\\\\there|pipe\\\\\\\\back\\\\r\",\"unit\":\"元\",\"count\":1,\"sum\":0.25}\n" >>expect &&
	test_cmp expect out
'

test_expect_success 'msgpack rows of a ready-made table; --json writes them as JSON Lines' '
	zj-aggregate -t money -u 亿元 -f msgpack --json "$DATA/aggregate/reports.jsonl" >out &&
	cat >expect <<-\EOT &&
	{"t":"row","table":"money","doc":"a#1","domain":"finance","unit":"亿元","mentions":2,"sum":13.7}
	{"t":"row","table":"money","doc":"b#1","domain":"compulsory","unit":"亿元","mentions":1,"sum":0.1}
	{"t":"row","table":"money","doc":"b#1","domain":"finance","unit":"亿元","mentions":1,"sum":0.25}
	EOT
	test_cmp expect out
'

test_expect_success 'floats: six decimals at most, no trailing zeros, no -0' '
	for v in 0.1234567 1e-9 -1e-9 123456789012.5; do
		printf "{\"t\":\"num\",\"value\":%s,\"unit\":\"%s\"}\n" "$v" "$v"
	done >floats.jsonl &&
	zj-aggregate -b unit -m sum floats.jsonl | cut -f2 >out &&
	printf "%s\n" sum 0 0.123457 0 123456789012.5 >expect &&
	test_cmp expect out
'

test_expect_success 'every format of every table has the same rows' '
	cat >count.py <<-\EOT &&
	import csv, json, sys
	fmt, data = sys.argv[1], sys.stdin.buffer.read().decode()
	if fmt == "csv":
	    print(len(list(csv.reader(data.splitlines(keepends=True)))) - 1)
	elif fmt == "json":
	    print(len(json.loads(data)))
	else:
	    print(len(data.splitlines()) - (2 if fmt == "md" else 1 if fmt == "tsv" else 0))
	EOT
	for t in docs domains indicators money; do
		zj-aggregate -t $t -f tsv "$DATA/aggregate/reports.jsonl" | python3 count.py tsv >n.tsv &&
		for f in csv json md; do
			zj-aggregate -t $t -f $f "$DATA/aggregate/reports.jsonl" | python3 count.py $f >n.$f &&
			test_cmp n.tsv n.$f || return 1
		done &&
		zj-aggregate -t $t -f msgpack "$DATA/aggregate/reports.jsonl" | zj-dump | python3 count.py mpk >n.mpk &&
		test_cmp n.tsv n.mpk || return 1
	done &&
	test "$(cat n.tsv)" = 3
'

test_done
