#!/bin/bash
test_description='record streams: MessagePack and JSON Lines in, either out'
. "${0%/*}/lib.sh"

T=$DATA/records/types.jsonl

test_expect_success 'JSON Lines -> MessagePack -> JSON Lines is the identity' '
	zj-pack "$T" >types.mpk &&
	zj-dump types.mpk >back.jsonl &&
	test_cmp "$T" back.jsonl
'

test_expect_success 'zj-pack writes MessagePack, not text' '
	head -c 1 types.mpk | od -An -tx1 | tr -d " " >first &&
	echo 8c >expect &&
	test_cmp expect first
'

test_expect_success 'MessagePack and JSON Lines input give the same output' '
	zj-pack <"$T" >from-json.mpk &&
	zj-pack <types.mpk >from-mpk.mpk &&
	cmp from-json.mpk from-mpk.mpk
'

test_expect_success 'MessagePack passes through byte for byte, even when not minimal' '
	# {"t":"a","v":5} with 5 as uint32 and "a" as str8: not how msgpack-c packs them
	printf "\202\241t\331\001a\241v\316\000\000\000\005" >odd.mpk &&
	zj-pack odd.mpk >out.mpk &&
	cmp odd.mpk out.mpk &&
	zj-dump odd.mpk >odd.jsonl &&
	echo "{\"t\":\"a\",\"v\":5}" >expect &&
	test_cmp expect odd.jsonl
'

test_expect_success 'several files and - for stdin are read in turn' '
	printf "{\"t\":\"b\"}\n" >b.jsonl &&
	zj-pack b.jsonl | zj-dump "$T" - b.jsonl >out &&
	{ cat "$T" b.jsonl b.jsonl; } >expect &&
	test_cmp expect out
'

test_expect_success 'blank lines between JSON records are skipped' '
	printf "\n{\"t\":\"a\"}\n\n  \n{\"t\":\"b\"}" | zj-dump >out &&
	printf "{\"t\":\"a\"}\n{\"t\":\"b\"}\n" >expect &&
	test_cmp expect out
'

test_expect_success 'empty input gives empty output and status 0' '
	zj-dump </dev/null >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err &&
	zj-pack </dev/null >out &&
	test_must_be_empty out
'

test_expect_success '--pretty indents' '
	printf "{\"t\":\"a\",\"m\":{\"k\":[1,2]},\"e\":{}}\n" | zj-dump --pretty >out &&
	cat >expect <<-\EOT &&
	{
	  "t": "a",
	  "m": {
	    "k": [
	      1,
	      2
	    ]
	  },
	  "e": {}
	}
	EOT
	test_cmp expect out
'

test_expect_success 'a truncated MessagePack stream: error names record and byte, earlier records written' '
	head -n 2 "$T" | zj-pack >two.mpk &&
	size=$(wc -c <two.mpk) &&
	{ cat two.mpk; head -c 20 types.mpk; } >cut.mpk &&
	test_expect_code 1 zj-dump cut.mpk >out 2>err &&
	head -n 2 "$T" >expect &&
	test_cmp expect out &&
	echo "zj-dump: cut.mpk: record 3 (byte $size): truncated MessagePack record (20 bytes at the end)" >expect.err &&
	test_cmp expect.err err
'

test_expect_success 'an invalid JSON line: error names record and byte, earlier records written' '
	printf "{\"t\":\"a\"}\n{\"t\":\"b\"}\n{\"t\":\n{\"t\":\"d\"}\n" >bad.jsonl &&
	test_expect_code 1 zj-dump bad.jsonl >out 2>err &&
	printf "{\"t\":\"a\"}\n{\"t\":\"b\"}\n" >expect &&
	test_cmp expect out &&
	test_grep "^zj-dump: bad.jsonl: record 3 (byte 20): invalid JSON" err &&
	test $(wc -l <err) = 1
'

test_expect_success 'a value that is not a map is not a record' '
	printf "\222\001\002" >array.mpk &&
	test_expect_code 1 zj-dump array.mpk 2>err &&
	echo "zj-dump: array.mpk: record 1 (byte 0): not a record: a MessagePack value that is not a map" >expect &&
	test_cmp expect err &&
	echo "[1,2]" >array.jsonl &&
	test_expect_code 1 zj-dump array.jsonl 2>err &&
	test_grep "record 1 (byte 0): invalid JSON\|not a record" err
'

test_expect_success 'bytes that are not MessagePack are an error' '
	printf "{\"t\":\"a\"}" | zj-pack >good.mpk &&
	{ cat good.mpk; printf "\301\301"; } >junk.mpk &&
	test_expect_code 1 zj-dump junk.mpk >out 2>err &&
	echo "{\"t\":\"a\"}" >expect &&
	test_cmp expect out &&
	test_grep "junk.mpk: record 2 (byte 5): invalid MessagePack data" err
'

test_expect_success 'nesting 10000 deep is an error, not a crash' '
	{ printf "\201\241t"; head -c 10000 /dev/zero | tr "\000" "\221"; printf "\300"; } >deep.mpk &&
	test_expect_code 1 zj-dump deep.mpk 2>err &&
	test_grep "record 1 (byte 0): MessagePack record nested too deep" err &&
	{ printf "{\"t\":"; head -c 10000 /dev/zero | tr "\000" "["; } >deep.jsonl &&
	test_expect_code 1 zj-dump deep.jsonl 2>err &&
	test_grep "record 1 (byte 0): invalid JSON" err
'

test_expect_success 'a 20 MB string survives the round trip' '
	{ printf "{\"t\":\"big\",\"s\":\""; head -c 20000000 /dev/zero | tr "\000" x; printf "\"}\n"; } >big.jsonl &&
	zj-pack big.jsonl | zj-dump >out &&
	cmp big.jsonl out
'

test_expect_success DEVFULL 'a full disk is an error with status 1' '
	test_expect_code 1 zj-dump "$T" >/dev/full 2>err &&
	echo "zj-dump: write error: No space left on device" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zj-pack "$T" >/dev/full 2>err &&
	test_grep "zj-pack: write error" err
'

test_expect_success 'a closed pipe ends quietly' '
	zj-pack "$T" >many.mpk &&
	for i in $(seq 15); do cat many.mpk many.mpk >twice && mv twice many.mpk; done &&
	{ zj-dump many.mpk 2>err; echo $? >status; } | head -n 1 >out &&
	head -n 1 "$T" >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	echo 141 >expect &&
	test_cmp expect status
'

test_expect_success 'a missing file is an error naming it' '
	test_expect_code 1 zj-dump no-such-file 2>err &&
	echo "zj-dump: no-such-file: No such file or directory" >expect &&
	test_cmp expect err
'

test_done
