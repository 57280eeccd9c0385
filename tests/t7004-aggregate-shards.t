#!/bin/bash
test_description='zj-aggregate --partial and --merge: shards merged give what one run gives'
. "${0%/*}/lib.sh"

R=$DATA/aggregate/reports.jsonl

# The stream split three ways at document boundaries.
test_expect_success 'setup: three shards' '
	sed -n 1,16p "$R" >s1.jsonl &&
	sed -n 17,26p "$R" >s2.jsonl &&
	sed -n "27,\$p" "$R" >s3.jsonl &&
	cat s1.jsonl s2.jsonl s3.jsonl >all.jsonl &&
	cmp "$R" all.jsonl
'

# check_shards OPTIONS...: partial states of the shards, merged in two
# orders, in every format, give the table of one run.
check_shards() {
	local f
	zj-aggregate --partial "$@" s1.jsonl >p1 &&
	zj-aggregate --partial "$@" s2.jsonl >p2 &&
	zj-aggregate --partial "$@" s3.jsonl >p3 &&
	for f in tsv csv json md msgpack; do
		zj-aggregate "$@" -f $f "$R" >whole.$f &&
		cat p1 p2 p3 | zj-aggregate --merge -f $f >merged.$f &&
		cmp whole.$f merged.$f &&
		zj-aggregate --merge -f $f p3 - p1 <p2 >merged2.$f &&
		cmp whole.$f merged2.$f || return 1
	done
}

for q in "-t docs" "-t domains" "-t indicators" "-t money" "--keep-dups -t money" \
	"-b region,year -m count,docs,sum,min,max,mean" "-b sec.domain,t -w t~^s" \
	"-b indicator -m mean,count -w unit!=元 -w region~城"; do
	test_expect_success "shards merged give one run's table: $q" "
		check_shards $q
	"
done

test_expect_success 'the money unit and the format are chosen at merge time' '
	zj-aggregate --partial -t money s1.jsonl s2.jsonl >p12 &&
	zj-aggregate --partial -t money s3.jsonl >p3 &&
	zj-aggregate -t money -u 亿元 -f csv "$R" >whole &&
	zj-aggregate --merge -u 亿元 -f csv p12 p3 >merged &&
	test_cmp whole merged
'

test_expect_success 'a money unit given to --partial is kept in the state' '
	zj-aggregate --partial -t money -u 万元 s1.jsonl >p1 &&
	zj-aggregate --partial -t money -u 万元 s2.jsonl s3.jsonl >p23 &&
	zj-aggregate -t money -u 万元 "$R" >whole &&
	zj-aggregate --merge -t money p1 p23 >merged &&
	test_cmp whole merged &&
	zj-aggregate -t money -u 亿元 "$R" >whole &&
	zj-aggregate --merge -t money -u 亿元 p1 p23 >merged &&
	test_cmp whole merged &&
	zj-aggregate --partial -t money s2.jsonl >p2 &&
	test_expect_code 1 zj-aggregate --merge p1 p2 2>err &&
	test_grep "different queries" err
'

test_expect_success 'states written as JSON Lines merge the same, mixed with MessagePack' '
	zj-aggregate --partial --json -b region,unit -m sum,mean s1.jsonl >j1 &&
	zj-aggregate --partial -f msgpack -b region,unit -m sum,mean s2.jsonl >m2 &&
	zj-aggregate --partial --json -b region,unit -m sum,mean s3.jsonl >j3 &&
	zj-aggregate -b region,unit -m sum,mean "$R" >whole &&
	zj-aggregate --merge j1 m2 j3 >merged &&
	test_cmp whole merged
'

test_expect_success '--merge --partial combines states into a state (merges in a tree)' '
	zj-aggregate --partial -t indicators s1.jsonl >p1 &&
	zj-aggregate --partial -t indicators s2.jsonl >p2 &&
	zj-aggregate --partial -t indicators s3.jsonl >p3 &&
	zj-aggregate --merge --partial p1 p2 >p12 &&
	zj-aggregate --merge p12 p3 >merged &&
	zj-aggregate -t indicators "$R" >whole &&
	test_cmp whole merged &&
	zj-aggregate --partial -t indicators "$R" >pall &&
	zj-aggregate --merge --partial p3 p12 >pmerged &&
	cmp pall pmerged
'

test_expect_success 'the state: a header, then a group a record, sorted' '
	zj-aggregate --partial --json -b indicator -m sum -w region=西城区 -w "indicator~率|学位" "$R" >state &&
	cat >expect <<-\EOT &&
	{"t":"state","table":"by","key":["indicator","unit"],"measure":["sum"],"where":["region=西城区","indicator~率|学位"],"keep_dups":false,"money_unit":"元"}
	{"t":"group","key":["合格率","%"],"count":[0,0,0,1],"docs":1,"n":1,"sum":["97","288230376151711744"],"min":97.25,"max":97.25}
	{"t":"group","key":["新增学位","个"],"count":[0,0,0,1],"docs":1,"n":1,"sum":["1200","0"],"min":1200.0,"max":1200.0}
	EOT
	test_cmp expect state
'

test_expect_success 'a state of masked values only has nil min and max' '
	zj-aggregate --partial --json -t indicators -w indicator=缺少教师 "$R" >state &&
	test_grep "^{\"t\":\"group\",\"key\":\\[\"缺少教师\",\"名\"\\],\"count\":\\[0,0,0,1\\],\"docs\":1,\"n\":0,\"sum\":\\[\"0\",\"0\"\\],\"min\":null,\"max\":null}\$" state
'

test_expect_success 'shards of a generated stream of many fractional values' '
	awk "BEGIN {
		srand(7);
		for (d = 1; d <= 90; d++) {
			printf \"{\\\"t\\\":\\\"doc\\\",\\\"id\\\":\\\"g#%d\\\",\\\"region\\\":\\\"r%d\\\",\\\"year\\\":%d}\n\", d, d % 4, 2015 + d % 3;
			for (i = 0; i < 40; i++)
				printf \"{\\\"t\\\":\\\"num\\\",\\\"value\\\":%.9g,\\\"unit\\\":\\\"u%d\\\",\\\"indicator\\\":\\\"i%d\\\"}\n\", (rand() - 0.3) * 10 ^ int(rand() * 12), i % 3, i % 5;
		}
	}" >gen.jsonl &&
	test $(wc -l <gen.jsonl) = 3690 &&
	sed -n 1,1230p gen.jsonl >g1 && sed -n 1231,2460p gen.jsonl >g2 && sed -n "2461,\$p" gen.jsonl >g3 &&
	for q in "-t indicators" "-b region,year,indicator -m count,docs,sum,min,max,mean"; do
		zj-aggregate $q gen.jsonl >whole &&
		for g in g1 g2 g3; do zj-aggregate --partial $q $g >$g.state || return 1; done &&
		zj-aggregate --merge g3.state g1.state g2.state >merged &&
		test_cmp whole merged || return 1
	done &&
	test $(wc -l <whole) = 181
'

test_expect_success 'an empty shard merges as nothing; no state at all is an empty table' '
	zj-aggregate --partial -t indicators </dev/null >empty.state &&
	zj-aggregate --partial -t indicators s1.jsonl >p1 &&
	zj-aggregate -t indicators s1.jsonl >whole &&
	zj-aggregate --merge empty.state p1 >merged &&
	test_cmp whole merged &&
	zj-aggregate --merge </dev/null >out &&
	printf "id\ttitle\tregion\tyear\tperiod\tsections\tsentences\tnumbers\tdomains\n" >expect &&
	test_cmp expect out &&
	zj-aggregate --merge -t money </dev/null >out &&
	printf "doc\tdomain\tunit\tmentions\tsum\n" >expect &&
	test_cmp expect out
'

test_expect_success '--merge with the table of the state is fine, with another fails' '
	zj-aggregate --partial -t indicators s1.jsonl >p1 &&
	zj-aggregate --merge -t indicators p1 >out &&
	zj-aggregate -t indicators s1.jsonl >expect &&
	test_cmp expect out &&
	test_expect_code 1 zj-aggregate --merge -t money p1 >out 2>err &&
	test_grep "^zj-aggregate: p1: record 1 (byte 0): the state is of another table than the one asked for$" err &&
	test_expect_code 1 zj-aggregate --merge -b indicator -m sum p1 2>err &&
	test_grep "another table" err
'

test_expect_success 'states of different queries do not merge' '
	zj-aggregate --partial -t indicators s1.jsonl >p1 &&
	zj-aggregate --partial -t indicators -w year=2020 s2.jsonl >p2 &&
	test_expect_code 1 zj-aggregate --merge p1 p2 >out 2>err &&
	test_grep "^zj-aggregate: p2: record 1 (byte 0): the states to merge were made by different queries$" err &&
	zj-aggregate --partial -t indicators --keep-dups s2.jsonl >p2 &&
	test_expect_code 1 zj-aggregate --merge p1 p2 2>err &&
	test_grep "different queries" err
'

test_expect_success '--merge refuses records that are no state' '
	test_expect_code 1 zj-aggregate --merge "$R" >out 2>err &&
	test_grep "record 1 (byte 0): not a partial state (made by zj-aggregate --partial)$" err &&
	printf "%s\n" "{\"t\":\"group\",\"key\":[\"a\"],\"count\":1}" >g.jsonl &&
	test_expect_code 1 zj-aggregate --merge g.jsonl 2>err &&
	test_grep "record 1 (byte 0): a group before its state header$" err
'

test_expect_success '--merge refuses broken group records' '
	zj-aggregate --partial --json -b unit s1.jsonl >p &&
	head -1 p >h &&
	{ cat h && echo "{\"t\":\"group\",\"key\":[\"元\"],\"count\":[0,0,0,1],\"docs\":1,\"n\":0,\"sum\":[\"0\",\"0\"]}"; } >good.jsonl &&
	zj-aggregate --merge good.jsonl >out &&
	printf "unit\tcount\n元\t1\n" >expect &&
	test_cmp expect out &&
	C="\"count\":[0,0,0,1]" &&
	for bad in "\"key\":[\"元\"],$C,\"docs\":1,\"n\":0" \
		"\"key\":[\"元\"],$C,\"docs\":1,\"n\":0,\"sum\":[\"x\",\"0\"]" \
		"\"key\":[\"元\",\"个\"],$C,\"docs\":1,\"n\":0,\"sum\":[\"0\",\"0\"]" \
		"\"key\":[\"元\"],\"count\":[0,0,-1,1],\"docs\":1,\"n\":0,\"sum\":[\"0\",\"0\"]" \
		"\"key\":[\"元\"],\"count\":[0,0,1],\"docs\":1,\"n\":0,\"sum\":[\"0\",\"0\"]" \
		"\"key\":[\"元\"],\"count\":1,\"docs\":1,\"n\":0,\"sum\":[\"0\",\"0\"]" \
		"\"key\":[\"元\"],$C,\"docs\":1,\"n\":1,\"sum\":[\"0\",\"0\"]"; do
		{ cat h && echo "{\"t\":\"group\",$bad}"; } >b.jsonl &&
		test_expect_code 1 zj-aggregate --merge b.jsonl 2>err &&
		test_grep "^zj-aggregate: b.jsonl: record 2 (byte [0-9]*): " err || return 1
	done
'

test_done
