#!/bin/bash
test_description='options every program shares'
. "${0%/*}/lib.sh"

test_expect_success '--help prints usage on stdout and exits 0' '
	zj-dump --help >out 2>err &&
	test_grep "^Usage: zj-dump " out &&
	test_grep "^  -p, --pretty" out &&
	test_must_be_empty err &&
	zj-pack -h >out &&
	test_grep "^Usage: zj-pack " out
'

test_expect_success '--version names program and version' '
	zj-dump --version >out &&
	test_grep "^zj-dump (zongjie) [0-9][0-9.]*$" out
'

test_expect_success 'an unknown option is a usage error: status 2' '
	test_expect_code 2 zj-dump --no-such-option 2>err &&
	cat >expect <<-\EOT &&
	zj-dump: unknown option '\''--no-such-option'\''
	Try '\''zj-dump --help'\'' for more information.
	EOT
	test_cmp expect err &&
	test_expect_code 2 zj-pack -Q 2>err &&
	test_grep "unknown option '\''-Q'\''" err
'

test_expect_success '--json and --msgpack choose the output format' '
	echo "{\"t\":\"a\"}" >a.jsonl &&
	zj-pack a.jsonl >a.mpk &&
	zj-pack --json a.jsonl >out &&
	test_cmp a.mpk out &&
	zj-dump --msgpack a.mpk >out &&
	test_cmp a.jsonl out
'

test_expect_success '--data-files prints nothing for a program without data files' '
	zj-dump --data-files >out &&
	test_must_be_empty out
'

test_expect_success 'the examples of the zj-dump and zj-pack pages run as printed' '
	test_man_examples "$TOP/man/zj-dump.1" 1 &&
	test_man_examples "$TOP/man/zj-pack.1" 1
'

test_done
