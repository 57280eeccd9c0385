#!/bin/bash
test_description='hostile record streams: every record filter fails cleanly or carries on'
. "${0%/*}/lib.sh"

H="python3 $DATA/hardening/hostile.py"
# Filters that pass a record of unknown type through byte for byte.
PASSING="pack segment tag-numbers classify-section"
ALL="dump $PASSING aggregate"

# test_one_error FILE: FILE holds exactly one line, an error naming a record and a byte.
test_one_error() {
	[ "$(wc -l <"$1")" = 1 ] && grep -q '^zj-[a-z-]*: .*: record [0-9]* (byte [0-9]*): ' "$1" && return 0
	echo "not one error line naming record and byte:" >&2
	cat "$1" >&2
	return 1
}

test_expect_success 'random bytes: status 1 and one line naming record and byte' '
	$H rand 65536 9 >rand.bin &&
	for f in $ALL; do
		test_expect_code 1 zj-$f rand.bin >out 2>err &&
		test_one_error err || { echo "zj-$f"; exit 1; }
	done
'

test_expect_success 'a MessagePack stream cut in a record: the records before it written, then the error' '
	printf "{\"t\":\"x\",\"i\":%d}\n" 0 1 2 >three.jsonl &&
	zj-pack three.jsonl >three.mpk &&
	{ cat three.mpk; printf "\202\241t\241x"; } >cut.mpk &&
	size=$(wc -c <three.mpk) &&
	for f in $PASSING; do
		test_expect_code 1 zj-$f cut.mpk >out 2>err &&
		cmp three.mpk out &&
		echo "zj-$f: cut.mpk: record 4 (byte $size): truncated MessagePack record (5 bytes at the end)" >expect &&
		test_cmp expect err || { echo "zj-$f"; exit 1; }
	done &&
	test_expect_code 1 zj-dump cut.mpk >out 2>err &&
	zj-dump three.mpk >expect.out &&
	test_cmp expect.out out &&
	test_expect_code 1 zj-aggregate cut.mpk >out 2>err &&
	echo "zj-aggregate: cut.mpk: record 4 (byte $size): truncated MessagePack record (5 bytes at the end)" >expect &&
	test_cmp expect err
'

test_expect_success 'JSON Lines cut in a record: the records before it written, then the error' '
	{ cat three.jsonl; printf "{\"t\":\"x\",\"i\":"; } >cut.jsonl &&
	size=$(wc -c <three.jsonl) &&
	for f in $PASSING; do
		test_expect_code 1 zj-$f cut.jsonl >out 2>err &&
		cmp three.mpk out &&
		test_one_error err &&
		test_grep "^zj-$f: cut.jsonl: record 4 (byte $size): invalid JSON" err || { echo "zj-$f"; exit 1; }
	done
'

test_expect_success 'a record that is not a map: error names it, the records before it written' '
	size=$(wc -c <three.mpk) &&
	{ cat three.mpk; printf "\222\001\002"; } >array.mpk &&
	for f in $PASSING; do
		test_expect_code 1 zj-$f array.mpk >out 2>err &&
		cmp three.mpk out &&
		echo "zj-$f: array.mpk: record 4 (byte $size): not a record: a MessagePack value that is not a map" >expect &&
		test_cmp expect err || { echo "zj-$f"; exit 1; }
	done
'

# The type of record each filter reads; it passes the others on unread.
type_read() {
	case $1 in
	segment) echo doc ;;
	tag-numbers) echo sent ;;
	classify-section) echo sec ;;
	*) echo x ;;
	esac
}

test_expect_success 'nested 10 000 deep, MessagePack and JSON: status 1, one error line, earlier records written' '
	size=$(wc -c <three.mpk) &&
	{ cat three.jsonl; $H deep-json 10000; } >deep.jsonl &&
	for f in $PASSING; do
		{ cat three.mpk; $H deep-mpk 10000 $(type_read $f); } >deep.mpk &&
		test_expect_code 1 zj-$f deep.mpk >out 2>err &&
		cmp three.mpk out &&
		test_one_error err &&
		test_grep "record 4 (byte $size): MessagePack record nested too deep" err &&
		test_expect_code 1 zj-$f deep.jsonl >out 2>err &&
		cmp three.mpk out &&
		test_one_error err &&
		test_grep "record 4 (byte $(wc -c <three.jsonl)): invalid JSON: maximum parsing depth" err ||
			{ echo "zj-$f"; exit 1; }
	done &&
	test_expect_code 1 zj-aggregate deep.mpk 2>err &&
	test_one_error err
'

test_expect_success 'a filter passes a deep record it does not read on byte for byte' '
	{ cat three.mpk; $H deep-mpk 10000; } >deep-other.mpk &&
	for f in segment tag-numbers classify-section; do
		zj-$f deep-other.mpk >out &&
		cmp deep-other.mpk out || { echo "zj-$f"; exit 1; }
	done
'

test_expect_success 'a map declaring 4 billion pairs in a few bytes: truncated, nothing allocated for it' '
	size=$(wc -c <three.mpk) &&
	{ cat three.mpk; printf "\337\377\377\377\377\241t"; } >huge-count.mpk &&
	for f in $ALL; do
		test_expect_code 1 zj-$f huge-count.mpk >out 2>err &&
		echo "zj-$f: huge-count.mpk: record 4 (byte $size): truncated MessagePack record (7 bytes at the end)" >expect &&
		test_cmp expect err || { echo "zj-$f"; exit 1; }
	done
'

test_expect_success NOT_VALGRIND 'a 100 MB string passes through unchanged' '
	$H bigstr 100 >big.mpk &&
	for f in $PASSING; do
		zj-$f big.mpk >out &&
		cmp big.mpk out || { echo "zj-$f"; exit 1; }
	done &&
	zj-aggregate big.mpk >/dev/null &&
	rm -f big.mpk out
'

test_expect_success 'invalid UTF-8 inside strings passes through as it came' '
	printf "\202\241t\241x\241s\246a\377\376b\300c" >bad.mpk &&
	for f in $PASSING; do
		zj-$f bad.mpk >out 2>err &&
		cmp bad.mpk out || { echo "zj-$f"; exit 1; }
	done &&
	zj-dump bad.mpk >out &&
	printf "{\"t\":\"x\",\"s\":\"a\357\277\275\357\277\275b\357\277\275c\"}\n" >expect &&
	test_cmp expect out
'

# test_shape FILTER JSON-RECORD MESSAGE: after one good record, the bad one
# fails with MESSAGE naming record 2, the good one already written.
test_shape() {
	printf "{\"t\":\"x\",\"i\":0}\n%s\n" "$2" >shape.jsonl &&
	test_expect_code 1 zj-$1 shape.jsonl >out 2>err &&
	echo "zj-$1: shape.jsonl: record 2 (byte 16): $3" >expect &&
	test_cmp expect err &&
	printf "{\"t\":\"x\",\"i\":0}\n" | zj-pack >expect.out &&
	cmp expect.out out
}

test_expect_success 'records of the wrong shape: an error naming record and byte' '
	test_shape segment "{\"t\":\"doc\",\"id\":\"a#1\",\"text\":5}" "\"text\" is not a string" &&
	test_shape segment "{\"t\":\"doc\",\"text\":\"一、总体\"}" "doc record without \"id\"" &&
	test_shape tag-numbers "{\"t\":\"sent\",\"doc\":\"a#1\",\"i\":0,\"start\":0,\"end\":3}" "sent record without \"text\"" &&
	test_shape tag-numbers "{\"t\":\"sent\",\"doc\":\"a#1\",\"text\":7}" "\"text\" is not a string" &&
	test_shape classify-section "{\"t\":\"sec\",\"doc\":\"a#1\",\"id\":\"a#1/1\",\"level\":1,\"title\":3}" "\"title\" is not a string"
'

test_expect_success 'aggregate: a value too large to sum is an error naming record and byte' '
	printf "{\"t\":\"x\"}\n{\"t\":\"num\",\"doc\":\"a#1\",\"value\":1e308,\"unit\":\"元\",\"dim\":\"money\"}\n" >sum.jsonl &&
	test_expect_code 1 zj-aggregate sum.jsonl 2>err &&
	test_one_error err &&
	test_grep "record 2 (byte 10)" err
'

test_expect_success 'a doc without text passes through (it may have been dropped upstream)' '
	printf "{\"t\":\"doc\",\"id\":\"a#1\"}\n" | zj-pack >notext.mpk &&
	zj-segment notext.mpk >out &&
	cmp notext.mpk out
'

test_expect_success 'levels far out of range do not upset classify-section' '
	printf "%s\n" "{\"t\":\"sec\",\"doc\":\"a#1\",\"id\":\"a#1/1\",\"level\":1000000000,\"title\":\"工作\"}" \
		"{\"t\":\"sec\",\"doc\":\"a#1\",\"id\":\"a#1/2\",\"level\":-3,\"title\":\"问题\"}" \
		"{\"t\":\"sec\",\"doc\":\"a#1\",\"id\":\"a#1/3\",\"level\":1,\"title\":\"计划\"}" >levels.jsonl &&
	zj-classify-section levels.jsonl | zj-dump >out &&
	test "$(grep -c "\"kind\":" out)" = 3
'

# A mention's offsets are the sentence's "start" plus its place in the text:
# a start near INT64_MAX overflowed, a negative one gave spans before the text.
test_expect_success 'tag-numbers: sentence offsets past the end or negative are an error' '
	test_shape tag-numbers "{\"t\":\"sent\",\"doc\":\"a#1\",\"text\":\"投入13。7亿元\",\"start\":9223372036854775807,\"end\":3}" \
		"\"start\" is out of range" &&
	test_shape tag-numbers "{\"t\":\"sent\",\"doc\":\"a#1\",\"text\":\"投入13。7亿元\",\"start\":-5,\"end\":3}" \
		"\"start\" is out of range"
'

test_done
