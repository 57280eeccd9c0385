#!/bin/bash
test_description='make install puts programs, manual pages and data files in place'
. "${0%/*}/lib.sh"

test_expect_success 'make install into a staging folder' '
	make -s -C "$TOP" install PREFIX=/opt/zj DESTDIR="$TRASH/stage" >log 2>&1 ||
		{ cat log; exit 1; }
	root=$TRASH/stage/opt/zj &&
	for p in "$ZJ_BIN"/zj-*; do
		test -x "$root/bin/${p##*/}"
	done &&
	test -f "$root/share/man/man1/zj-dump.1" &&
	test -f "$root/share/man/man5/zongjie-records.5" &&
	test -f "$root/share/man/man7/zongjie.7"
'

test_expect_success 'installed programs read their installed data files' '
	root=$TRASH/stage/opt/zj &&
	for p in "$root"/bin/zj-*; do
		"$p" --data-files >paths
		while read -r path; do
			case $path in
			"$root"/share/zongjie/*) test -f "$path" || { echo "missing $path"; exit 1; } ;;
			*) echo "$p reads $path, not its installed copy"; exit 1 ;;
			esac
		done <paths
	done
'

test_expect_success 'ZJ_DATADIR overrides where data files are found' '
	root=$TRASH/stage/opt/zj &&
	cp -r "$root/share/zongjie" mydata &&
	for p in "$root"/bin/zj-*; do
		ZJ_DATADIR=$PWD/mydata "$p" --data-files >paths
		while read -r path; do
			case $path in
			"$PWD"/mydata/*) ;;
			*) echo "$p ignores ZJ_DATADIR: $path"; exit 1 ;;
			esac
		done <paths
	done
'

test_done
