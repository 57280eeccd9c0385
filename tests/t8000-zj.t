#!/bin/bash
test_description='zj, the front command: help, version, usage errors, report and numbers'
. "${0%/*}/lib.sh"
# zj runs the filters under test, not those beside it.
export ZJ_EXEC_PATH=$ZJ_BIN

test_expect_success 'zj --help and zj help print the usage on stdout' '
	zj --help >out &&
	test_grep "^Usage: zj COMMAND" out &&
	test_grep "^  report " out &&
	test_grep "^  numbers " out &&
	test_grep "^  slurm submit " out &&
	zj help >out2 &&
	test_cmp out out2
'

test_expect_success 'zj --version names the toolkit version of the filters' '
	zj --version >out &&
	zj-dump --version | sed "s/^zj-dump/zj/" >expect &&
	test_cmp expect out
'

test_expect_success 'usage errors exit 2 with a message' '
	test_expect_code 2 zj 2>err &&
	test_grep "^Usage: zj" err &&
	test_expect_code 2 zj frobnicate 2>err &&
	test_grep "^zj: unknown command .frobnicate." err &&
	test_expect_code 2 zj report 2>err &&
	test_grep "^zj: no input files" err &&
	test_expect_code 2 zj report --bogus x 2>err &&
	test_grep "^zj: unknown option .--bogus." err &&
	test_expect_code 2 zj report -t 2>err &&
	test_grep "needs an argument" err &&
	test_expect_code 2 zj slurm 2>err &&
	test_expect_code 2 zj slurm wait 2>err &&
	test_expect_code 2 zj slurm submit --shards 0 x 2>err
'

test_expect_success 'zj slurm wait and resume refuse a folder that is no run' '
	mkdir notarun &&
	test_expect_code 1 zj slurm resume notarun 2>err &&
	test_grep "not a run folder" err &&
	test_expect_code 1 zj slurm wait notarun 2>err &&
	test_grep "not a run folder" err
'

test_done
