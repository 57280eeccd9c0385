#!/bin/bash
test_description='zj-segment: sentences, offsets, records passed through'
. "${0%/*}/lib.sh"
D=$DATA/segment

test_expect_success 'sentences end at 。！？ and line ends, not in numbers or open quotes' '
	zj-segment --sentences "$D/sentences.jsonl" >out &&
	test_cmp "$D/sentences.expect" out
'

test_expect_success '13。7 is a decimal, 100。2021年 two sentences' '
	grep -x "全县投资13。7亿元，增长27。5%。" out &&
	grep -x "完成目标100。" out &&
	grep -x "2021年再创新高！" out
'

test_expect_success 'every sentence and heading slices back out of the doc text' '
	zj-segment --json "$D"/*.jsonl >recs &&
	python3 "$D/check-spans.py" <recs >out &&
	test_grep "^$(cat "$D"/*.jsonl | wc -l) docs, [1-9][0-9]* secs, [1-9][0-9]* sents: spans ok" out
'

test_expect_success 'sentences before the first heading have no section, the rest the innermost one' '
	grep "\"doc\":\"families#1\"" recs | grep "\"t\":\"sent\"" |
		sed "s/.*\"sec\":\"\([^\"]*\)\",\"i\":\([0-9]*\),\"text\":\"\([^\"]*\)\".*/\1	\2	\3/" | head -4 >got &&
	printf "%s\t%s\t%s\n" "" 0 "青禾县教育局2021年工作总结" \
		"families#1/1" 1 "总体情况" "families#1/1.1" 2 "主要工作" "families#1/1.1.1" 3 "党建引领" >expect &&
	test_cmp expect got
'

test_expect_success 'each doc passes first, byte for byte; other records and keys pass in order' '
	cat >in.jsonl <<-\EOT &&
	{"t":"meta","note":"first"}
	{"t":"doc","id":"k#1","extra":{"a":[1,2]},"text":"一、甲 好。二、乙 行。"}
	{"t":"num","x":1}
	{"t":"doc","id":"k#2"}
	EOT
	zj-pack in.jsonl >in.mpk &&
	zj-segment --msgpack in.mpk >out.mpk &&
	zj-dump out.mpk >out &&
	cat >expect <<-\EOT &&
	{"t":"meta","note":"first"}
	{"t":"doc","id":"k#1","extra":{"a":[1,2]},"text":"一、甲 好。二、乙 行。"}
	{"t":"sec","doc":"k#1","id":"k#1/1","level":1,"marker":"一、","ord":1,"title":"甲","start":0,"end":9}
	{"t":"sent","doc":"k#1","sec":"k#1/1","i":0,"text":"甲","start":6,"end":9,"head":true}
	{"t":"sent","doc":"k#1","sec":"k#1/1","i":1,"text":"好。","start":10,"end":16}
	{"t":"sec","doc":"k#1","id":"k#1/2","level":1,"marker":"二、","ord":2,"title":"乙","start":16,"end":25}
	{"t":"sent","doc":"k#1","sec":"k#1/2","i":2,"text":"乙","start":22,"end":25,"head":true}
	{"t":"sent","doc":"k#1","sec":"k#1/2","i":3,"text":"行。","start":26,"end":32}
	{"t":"num","x":1}
	{"t":"doc","id":"k#2"}
	EOT
	test_cmp expect out &&
	zj-pack in.jsonl | head -c 30 >a &&
	head -c 30 out.mpk >b &&
	cmp a b
'

test_expect_success 'MessagePack and JSON output hold the same records' '
	zj-segment --json in.mpk >json &&
	test_cmp out json
'

test_expect_success 'records with strings of every size pack as msgpack-c packs them, spans intact' '
	python3 -c "
import json
long = \"长\" * 30000
text = \"一、短\\n\" + \"中\" * 40 + \"。\\n\" + \"句\" * 100 + \"。\\n\" + long + \"\\n二、\" + long + \"。尾。\"
print(json.dumps({\"t\": \"doc\", \"id\": \"big#1\", \"text\": text}, ensure_ascii=False))
" >big.jsonl &&
	zj-segment --msgpack big.jsonl >big.mpk &&
	zj-segment --json big.jsonl | zj-pack >repacked.mpk &&
	cmp big.mpk repacked.mpk &&
	zj-dump big.mpk | python3 "$D/check-spans.py" >out &&
	test_grep "^1 docs, 2 secs, 6 sents: spans ok" out
'

test_expect_success '--drop-text keeps every other key of the doc' '
	zj-segment --drop-text --json in.jsonl | sed -n 2p >out &&
	echo "{\"t\":\"doc\",\"id\":\"k#1\",\"extra\":{\"a\":[1,2]}}" >expect &&
	test_cmp expect out
'

test_expect_success 'a doc without id is an error after the records before it' '
	printf "%s\n" "{\"t\":\"x\"}" "{\"t\":\"doc\",\"text\":\"甲\"}" >bad.jsonl &&
	test_expect_code 1 zj-segment --json bad.jsonl >out 2>err &&
	test_grep "^zj-segment: bad.jsonl: record 2 (byte [0-9]*): " err &&
	echo "{\"t\":\"x\"}" >expect &&
	test_cmp expect out
'

test_expect_success DEVFULL 'a failed write is an error' '
	test_expect_code 1 zj-segment "$D/sentences.jsonl" >/dev/full 2>err &&
	test_grep "write error" err
'

test_expect_success 'a closed pipe ends quietly' '
	for i in 1 2 3 4 5 6 7 8; do cat "$D"/*.jsonl; done >many.jsonl &&
	for i in 1 2 3 4 5 6 7 8; do cat many.jsonl; done >more.jsonl &&
	{ zj-segment --json more.jsonl 2>err; echo $? >status; } | head -1 >out &&
	test_must_be_empty err &&
	grep -qx "0\|141" status &&
	test -s out
'

test_done
