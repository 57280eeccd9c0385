#!/bin/bash
test_description='zj-classify-section: kind, domain and scores of sections'
. "${0%/*}/lib.sh"

D=$DATA/classify-section

# id, kind and domain of each sec record of a JSON Lines stream
labels() {
	sed -n 's/.*"t":"sec".*"id":"\([^"]*\)".*"kind":"\([^"]*\)","domain":"\([^"]*\)".*/\1	\2	\3/p' "$@"
}

test_expect_success 'a section of each domain gets that domain' '
	zj-classify-section --json "$D/domains.jsonl" >out &&
	labels out >got &&
	test_cmp "$D/domains.expect" got
'

test_expect_success 'kinds are inherited, mixed sub-sections make a general parent' '
	zj-classify-section --json "$D/tree.jsonl" >out &&
	labels out >got &&
	cat >expect <<-\EOT &&
	t#1/1	achievement	general
	t#1/1.1	achievement	party
	t#1/1.2	achievement	preschool
	t#1/1.3	achievement	teachers
	t#1/2	problem	facilities
	t#1/2.1	problem	facilities
	t#1/2.2	problem	facilities
	t#1/3	plan	general
	t#1/3.1	plan	teachers
	t#1/3.1.1	plan	teachers
	t#1/3.2	experience	governance
	t#1/3.3	plan	double_reduction
	t#2/1	overview	general
	EOT
	test_cmp expect got
'

test_expect_success 'the whole stream: labels added, other records unchanged and in order' '
	zj-classify-section --json "$D/tree.jsonl" >out &&
	test_cmp "$D/tree.expect" out
'

test_expect_success 'records other than sec pass byte for byte in MessagePack' '
	zj-pack "$D/tree.jsonl" >in.mpk &&
	zj-classify-section in.mpk >out.mpk &&
	zj-dump out.mpk >out &&
	test_cmp "$D/tree.expect" out &&
	grep -v "\"t\":\"sec\"" "$D/tree.jsonl" | zj-pack >want.mpk &&
	zj-dump out.mpk | grep -v "\"t\":\"sec\"" | zj-pack >got.mpk &&
	cmp want.mpk got.mpk
'

test_expect_success 'scores: best first, at most three, shares of the evidence' '
	zj-classify-section --json "$D/tree.jsonl" >out &&
	test_grep "\"id\":\"t#1/1\".*\"scores\":{\"party\":0.333,\"preschool\":0.333,\"teachers\":0.333}}" out &&
	test_grep "\"id\":\"t#1/2.2\".*\"scores\":{\"facilities\":1.0}}" out
'

test_expect_success 'a section is written before its sentences, each doc on its own' '
	printf "%s\n" "{\"t\":\"doc\",\"id\":\"a#1\"}" \
		"{\"t\":\"sec\",\"id\":\"a#1/1\",\"level\":2,\"title\":\"校园安全\"}" \
		"{\"t\":\"sent\",\"sec\":\"a#1/1\",\"text\":\"开展消防演练。\"}" \
		"{\"t\":\"doc\",\"id\":\"a#2\"}" \
		"{\"t\":\"sent\",\"sec\":\"\",\"text\":\"前言。\"}" \
		"{\"t\":\"sec\",\"id\":\"a#2/1\",\"level\":1,\"title\":\"教研工作\"}" >in &&
	zj-classify-section --json in | sed "s/,\"scores\".*//" >out &&
	cat >expect <<-\EOT &&
	{"t":"doc","id":"a#1"}
	{"t":"sec","id":"a#1/1","level":2,"title":"校园安全","kind":"achievement","domain":"safety"
	{"t":"sent","sec":"a#1/1","text":"开展消防演练。"}
	{"t":"doc","id":"a#2"}
	{"t":"sent","sec":"","text":"前言。"}
	{"t":"sec","id":"a#2/1","level":1,"title":"教研工作","kind":"achievement","domain":"teaching_research"
	EOT
	test_cmp expect out
'

test_expect_success 'a section is written when the next one at its level starts' '
	mkfifo in.fifo &&
	{ zj-classify-section --json <in.fifo >out & } &&
	exec 3>in.fifo &&
	printf "%s\n" "{\"t\":\"sec\",\"id\":\"f/1\",\"level\":1,\"title\":\"德育\"}" \
		"{\"t\":\"sec\",\"id\":\"f/1.1\",\"level\":2,\"title\":\"体育\"}" \
		"{\"t\":\"sec\",\"id\":\"f/2\",\"level\":1,\"title\":\"安全\"}" >&3 &&
	for i in $(seq 100); do grep -q "f/1.1" out && break; sleep 0.1; done &&
	test_grep "\"id\":\"f/1.1\"" out &&
	! grep -q "f/2" out &&
	exec 3>&- &&
	wait &&
	test_grep "\"id\":\"f/2\"" out
'

test_expect_success 'a sentence that repeats its heading does not count twice' '
	printf "%s\n" "{\"t\":\"sec\",\"id\":\"h/1\",\"level\":1,\"title\":\"校园安全\"}" \
		"{\"t\":\"sent\",\"sec\":\"h/1\",\"text\":\"校园安全\",\"head\":true}" \
		"{\"t\":\"sent\",\"sec\":\"h/1\",\"text\":\"开展教研活动。\"}" >in &&
	zj-classify-section --json in >out &&
	test_grep "\"scores\":{\"safety\":0.824,\"teaching_research\":0.176}" out
'

test_expect_success '--sentences labels each sentence, by its own terms or its section' '
	zj-classify-section --sentences --json "$D/tree.jsonl" >out &&
	sed -n "s/.*\"t\":\"sent\".*\"i\":\([0-9]*\).*\"domain\":\"\([^\"]*\)\".*/\1 \2/p" out >got &&
	cat >expect <<-\EOT &&
	0 general
	1 party
	2 preschool
	3 teachers
	4 facilities
	5 facilities
	6 teachers
	7 governance
	8 double_reduction
	0 preschool
	EOT
	test_cmp expect got &&
	printf "%s\n" "{\"t\":\"sec\",\"id\":\"s/1\",\"level\":1,\"title\":\"德育工作\"}" \
		"{\"t\":\"sent\",\"sec\":\"s/1\",\"domain\":\"old\",\"text\":\"取得明显成效。\"}" |
	zj-classify-section --sentences --json >out &&
	test_grep "\"text\":\"取得明显成效。\",\"domain\":\"moral\"}" out
'

test_expect_success '--explain names the terms and votes that decided each section' '
	zj-classify-section --explain "$D/tree.jsonl" 2>err >/dev/null &&
	test_cmp "$D/tree.explain" err
'

test_expect_success 'a key of the wrong type: error after the records held before it' '
	printf "%s\n" "{\"t\":\"sec\",\"id\":\"e/1\",\"level\":1,\"title\":\"德育\"}" \
		"{\"t\":\"sent\",\"sec\":\"e/1\",\"text\":\"开展德育活动。\"}" \
		"{\"t\":\"sent\",\"sec\":\"e/1\",\"text\":7}" >in &&
	test_expect_code 1 zj-classify-section --json in >out 2>err &&
	test_grep "^zj-classify-section: in: record 3 (byte [0-9]*): \"text\" is not a string$" err &&
	test_grep "\"domain\":\"moral\"" out &&
	test_grep "开展德育活动" out &&
	printf "%s\n" "{\"t\":\"sec\",\"id\":\"e/1\",\"level\":\"一\"}" >in &&
	test_expect_code 1 zj-classify-section --json in 2>err &&
	test_grep "\"level\" is not an integer" err
'

test_expect_success 'input that is not records: error naming the record, exit 1' '
	printf "%s\n" "{\"t\":\"doc\",\"id\":\"d\"}" "{\"t\":\"sec\",\"id\":\"d/1\",\"level\":1}" "{\"t\":" >in &&
	test_expect_code 1 zj-classify-section --json in >out 2>err &&
	test_grep "^zj-classify-section: in: record 3 (byte 54): invalid JSON" err &&
	echo "{\"t\":\"doc\",\"id\":\"d\"}" >expect &&
	test_cmp expect out
'

test_expect_success 'a heading with bad UTF-8 still names its kind' '
	printf "\203\241t\243sec\245level\001\245title\260\377存在的问题" >in.mpk &&
	zj-classify-section --json in.mpk >out &&
	test_grep "\"kind\":\"problem\",\"domain\":\"general\",\"scores\":{}}" out
'

test_expect_success DEVFULL 'a write error is reported' '
	test_expect_code 1 zj-classify-section --msgpack "$D/tree.jsonl" >/dev/full 2>err &&
	test_grep "write error" err
'

test_expect_success '--data-files names the lexicon and the kind words' '
	zj-classify-section --data-files >out &&
	test_grep "classify-section/domains.tsv$" out &&
	test_grep "classify-section/kinds.tsv$" out
'

test_done
