#!/bin/bash
test_description='every program has a man page, --help and --version'
. "${0%/*}/lib.sh"

programs() {
	for p in "$ZJ_BIN"/zj-* "$TOP"/bin/zj; do
		[ -x "$p" ] && basename "$p"
	done | sort -u
}

test_expect_success 'every program answers --help and --version' '
	for p in $(programs); do
		"$p" --help >out 2>err || { echo "$p --help failed"; exit 1; }
		grep -q "^Usage: $p" out || { echo "$p --help: no usage line"; exit 1; }
		test_must_be_empty err
		"$p" --version >out || { echo "$p --version failed"; exit 1; }
		grep -q "(zongjie)" out || { echo "$p --version: no version"; exit 1; }
	done
'

test_expect_success 'every program has a manual page that renders cleanly' '
	for p in $(programs); do
		[ -f "$TOP/man/$p.1" ] || { echo "no man/$p.1"; exit 1; }
	done &&
	for m in "$TOP"/man/*.[1-9]; do
		groff -k -mandoc -ww -z -Tutf8 "$m" 2>err
		test_must_be_empty err || { echo "warnings from $m"; exit 1; }
		MANWIDTH=80 man -l "$m" >out
		test -s out
	done
'

test_done
