#!/bin/bash
test_description='share/zongjie/corpus.mk: batch rebuilds with make, and what a change rebuilds'
. "${0%/*}/lib.sh"
# zj runs the filters under test, not those beside it.
export ZJ_EXEC_PATH=$ZJ_BIN

TABLES="docs domains indicators money"

# A corpus of three demo reports, the programs and their data files copied
# aside (so a rebuild of the tree does not disturb the test), and a
# Makefile that includes the fragment.
mkdir raw bin data &&
cp "$DEMO/qinghe-2021.txt" "$DEMO/masked.txt" "$DEMO/linchuan-half.gb18030.txt" raw/ &&
cp "$ZJ_BIN"/zj-decode "$ZJ_BIN"/zj-segment "$ZJ_BIN"/zj-tag-numbers \
	"$ZJ_BIN"/zj-classify-section "$ZJ_BIN"/zj-aggregate bin/ &&
for t in decode segment tag-numbers classify-section aggregate; do
	mkdir data/$t &&
	for f in "$TOP"/filters/$t/*; do
		case $f in *.c | *.h) ;; *) cp "$f" data/$t/ ;; esac
	done
done &&
cat >Makefile <<EOF || exit 1
ZJ_BIN = \$(CURDIR)/bin
include $TOP/share/zongjie/corpus.mk
EOF
export ZJ_DATADIR=$PWD/data
unset MAKEFLAGS MAKELEVEL

# commands: the filter commands make -n would run on single files, as
# "zj-decode masked.txt", sorted.
commands() {
	make -n 2>&1 | grep -v -e --merge | sed -nE 's#^.*/bin/(zj-[a-z-]*) .* [^ ]*/([^ /]*) >.*#\1 \2#p' |
		sed 's/\.mpk$//' | sort
}

test_expect_success 'make -j2 builds every stage of every file and the tables, quietly' '
	make -j2 >make.log 2>err &&
	test_must_be_empty err &&
	for f in qinghe-2021.txt masked.txt linchuan-half.gb18030.txt; do
		for s in doc seg num sec; do
			test -s out/$s/$f.mpk || return 1
		done &&
		for t in $TABLES; do
			test -s out/part/$t/$f.part || return 1
		done
	done &&
	for t in $TABLES; do
		test -s out/tables/$t.tsv || return 1
	done
'

test_expect_success 'the merged tables equal one zj-aggregate over all the streams' '
	for t in $TABLES; do
		cat out/sec/*.mpk | bin/zj-aggregate -t $t >expect.$t &&
		test_cmp expect.$t out/tables/$t.tsv || return 1
	done
'

test_expect_success 'the tables equal zj report over the same files' '
	for t in $TABLES; do
		zj report -t $t raw/* >expect.$t &&
		test_cmp expect.$t out/tables/$t.tsv || return 1
	done
'

test_expect_success 'after the build, make -q finds everything up to date' '
	make -q &&
	make >make.log &&
	test_grep "Nothing to be done" make.log
'

test_expect_success 'a changed raw file rebuilds its own chain and the tables' '
	touch raw/masked.txt &&
	test_expect_code 1 make -q &&
	commands >actual &&
	cat >expect <<-\EOF &&
	zj-aggregate masked.txt
	zj-aggregate masked.txt
	zj-aggregate masked.txt
	zj-aggregate masked.txt
	zj-classify-section masked.txt
	zj-decode masked.txt
	zj-segment masked.txt
	zj-tag-numbers masked.txt
	EOF
	test_cmp expect actual &&
	make -n >dry &&
	test $(grep -c -- "--merge" dry) = 4 &&
	make &&
	make -q
'

test_expect_success 'a changed data file rebuilds only the stages that read it' '
	lexicon=$(bin/zj-classify-section --data-files | head -n 1) &&
	case $lexicon in "$ZJ_DATADIR"/*) ;; *) echo "not a copy: $lexicon"; exit 1 ;; esac &&
	touch "$lexicon" &&
	commands >actual &&
	for f in linchuan-half.gb18030.txt masked.txt qinghe-2021.txt; do
		for t in $TABLES; do echo "zj-aggregate $f"; done
	done >expect &&
	cat >>expect <<-\EOF &&
	zj-classify-section linchuan-half.gb18030.txt
	zj-classify-section masked.txt
	zj-classify-section qinghe-2021.txt
	EOF
	test_cmp expect actual &&
	make && make -q
'

test_expect_success 'a changed data file of zj-decode rebuilds every stage' '
	touch "$(bin/zj-decode --data-files | head -n 1)" &&
	commands >actual &&
	test $(wc -l <actual) = 24 &&
	test $(grep -c "^zj-decode " actual) = 3 &&
	make && make -q
'

test_expect_success 'an added file (in a subfolder) is built alone; a removed one leaves the tables' '
	mkdir raw/more &&
	cp "$DEMO/two-reports.txt" raw/more/ &&
	commands >actual &&
	test $(grep -c two-reports actual) = 8 &&
	test $(wc -l <actual) = 8 &&
	make &&
	test -s out/sec/more/two-reports.txt.mpk &&
	test_grep "two-reports" out/tables/docs.tsv &&
	rm raw/more/two-reports.txt &&
	test_expect_code 1 make -q &&
	make &&
	! grep -q "two-reports" out/tables/docs.tsv &&
	test_cmp expect.docs out/tables/docs.tsv
'

test_expect_success 'a failing stage stops make and leaves no output behind' '
	printf "\0\1\2binary" >raw/zz-broken.txt &&
	test_expect_code 2 make 2>err &&
	test ! -e out/doc/zz-broken.txt.mpk &&
	test ! -e out/doc/zz-broken.txt.mpk.tmp &&
	rm raw/zz-broken.txt &&
	make && make -q
'

test_expect_success 'the installed fragment finds the installed programs and zj' '
	: the programs as built, not rebuilt: &&
	make -s -C "$TOP" -o all install PREFIX=/opt/zj DESTDIR="$TRASH/stage" >log 2>&1 ||
		{ cat log; exit 1; }
	root=$TRASH/stage/opt/zj &&
	test -f "$root/share/zongjie/corpus.mk" &&
	test -x "$root/bin/zj" &&
	test -f "$root/share/man/man1/zj.1" &&
	"$root/bin/zj" --version >version &&
	test_grep "^zj (zongjie) " version &&
	mkdir installed &&
	printf "ZJ_RAW = ../raw\ninclude %s\n" "$root/share/zongjie/corpus.mk" >installed/Makefile &&
	: ZJ_BIN from the environment, as make check sets it, would win: &&
	(unset ZJ_DATADIR ZJ_BIN && make -C installed -j2 >log 2>&1) &&
	(unset ZJ_BIN && make -C installed -n -B) | grep -o "[^ ]*/bin/zj-[a-z-]*" | sort -u >used &&
	for t in aggregate classify-section decode segment tag-numbers; do
		echo "$root/bin/zj-$t" || return 1
	done >expect &&
	test_cmp expect used &&
	for t in $TABLES; do
		test_cmp out/tables/$t.tsv installed/out/tables/$t.tsv || return 1
	done
'

test_expect_success 'an empty folder of reports gives tables with a header only' '
	mkdir -p empty/raw &&
	printf "ZJ_BIN = %s\ninclude %s\n" "$PWD/bin" "$TOP/share/zongjie/corpus.mk" >empty/Makefile &&
	make -C empty >/dev/null &&
	bin/zj-aggregate -t docs </dev/null >expect &&
	test_cmp expect empty/out/tables/docs.tsv
'

test_have_SCRIPT() {
	command -v script >/dev/null
}

test_expect_success SCRIPT 'on a terminal, make shows files done and MB/s on stderr' '
	rm -rf out &&
	script -qec "make -j2" /dev/null >tty &&
	test_grep "zj: 3/3 files, [0-9.]* MB/s" tty &&
	find out -name ".progress-*" | wc -l >left &&
	echo 0 >expect &&
	test_cmp expect left
'

test_done
