#!/bin/bash
test_description='zj-tag-numbers: num records after each sent, everything else passed through'
. "${0%/*}/lib.sh"

D=$DATA/tag-numbers

test_expect_success 'num records follow their sent; other records and keys pass through' '
	zj-tag-numbers --json "$D/doc.jsonl" >out &&
	test_cmp "$D/doc.expect.jsonl" out
'

test_expect_success 'tagging twice gives what tagging once gives: old num records are replaced' '
	zj-tag-numbers "$D/doc.jsonl" | zj-tag-numbers --json >out &&
	test_cmp "$D/doc.expect.jsonl" out
'

test_expect_success 'start and end point into the doc text: the span is the surface' '
	zj-tag-numbers --json "$D/doc.jsonl" | python3 -c "
import json, sys
recs = [json.loads(l) for l in sys.stdin]
text = recs[0][\"text\"].encode()
nums = [r for r in recs if r[\"t\"] == \"num\"]
assert len(nums) == 5, nums
for r in nums:
    assert text[r[\"start\"]:r[\"end\"]].decode() == r[\"surface\"], r
"
'

test_expect_success 'MessagePack in, MessagePack out; records it does not tag are byte-identical' '
	zj-pack "$D/doc.jsonl" >in.mpk &&
	zj-tag-numbers in.mpk >out.mpk &&
	zj-dump out.mpk >out &&
	test_cmp "$D/doc.expect.jsonl" out &&
	# {"t":"x","v":5} with 5 as uint32: not how msgpack-c would pack it
	printf "\202\241t\241x\241v\316\000\000\000\005" >odd.mpk &&
	zj-tag-numbers odd.mpk >back.mpk &&
	cmp odd.mpk back.mpk
'

test_expect_success 'masked and range values are nil, with low and high for a range' '
	echo "{\"t\":\"sent\",\"doc\":\"d\",\"sec\":\"\",\"i\":7,\"text\":\"投资*.*亿元，3—5名\",\"start\":0,\"end\":1}" |
		zj-tag-numbers --json | zj-dump | python3 -c "
import json, sys
a, b = [json.loads(l) for l in sys.stdin][1:]
assert (a[\"value\"], a[\"low\"], a[\"high\"], a[\"masked\"]) == (None, None, None, True), a
assert (b[\"value\"], b[\"low\"], b[\"high\"], b[\"masked\"]) == (None, 3.0, 5.0, False), b
assert a[\"sent\"] == b[\"sent\"] == 7
"
'

test_expect_success 'a sent without text is an error after the records before it' '
	printf "%s\n" "{\"t\":\"doc\",\"id\":\"d\"}" "{\"t\":\"sent\",\"i\":0}" >bad.jsonl &&
	test_expect_code 1 zj-tag-numbers --json bad.jsonl >out 2>err &&
	test_grep "^zj-tag-numbers: bad.jsonl: record 2 (byte 21): sent record without \"text\"" err &&
	echo "{\"t\":\"doc\",\"id\":\"d\"}" >expect &&
	test_cmp expect out
'

test_expect_success 'a text that is not a string is an error' '
	echo "{\"t\":\"sent\",\"text\":5}" >bad.jsonl &&
	test_expect_code 1 zj-tag-numbers bad.jsonl >/dev/null 2>err &&
	test_grep "record 1" err
'

test_expect_success DEVFULL 'a write error is reported: status 1' '
	test_expect_code 1 zj-tag-numbers "$D/doc.jsonl" >/dev/full 2>err &&
	test_grep "write error" err
'

test_have_PIPELINE() {
	test_have_SHARED && [ -x "$ZJ_BIN/zj-decode" ] && [ -x "$ZJ_BIN/zj-segment" ]
}

test_expect_success PIPELINE 'sample corpus: strict F1 of the numbers is at least 0.95' '
	python3 "$SHARED/gold/score.py" --bin "$ZJ_BIN" --only numbers >score &&
	cat score &&
	sed -n "s/^TOTAL numbers_f1=\([0-9.]*\).*/\1/p" score >f1 &&
	test -s f1 &&
	python3 -c "import sys; sys.exit(float(open(\"f1\").read()) < 0.95)"
'

test_done
