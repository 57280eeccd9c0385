#!/bin/bash
test_description='zj slurm on a real one-node Slurm cluster: shards, merge, a failed shard, resume'
. "${0%/*}/lib.sh"
# zj runs the filters under test, not those beside it.
export ZJ_EXEC_PATH=$ZJ_BIN

[ "$(id -u)" = 0 ] || test_skip_all "not root: cannot install Slurm or start slurmd"
command -v sbatch >/dev/null || command -v apt-get >/dev/null ||
	test_skip_all "no Slurm and no apt-get to install it"

TABLES="docs domains indicators money"
SLURM_LOCAL="bash $TEST_DIR/slurm-local.sh"
export ZJ_SLURM_POLL=0.5

if test_have_SHARED; then
	CLUSTER=$(mktemp -d /tmp/zj-slurm-test.XXXXXX) && chmod 755 "$CLUSTER" || exit 1
	trap '$SLURM_LOCAL down "$CLUSTER"; rm -rf "$CLUSTER"' EXIT
	env=$($SLURM_LOCAL up "$CLUSTER" 2>"$TRASH/cluster.err")
	case $? in
	0) eval "$env" ;;
	3) test_skip_all "$(tail -n 1 "$TRASH/cluster.err")" ;;
	*) echo "Bail out! the test cluster did not start: $(tail -n 5 "$TRASH/cluster.err")"; exit 1 ;;
	esac
fi

# tables_match RUN: the run's merged tables equal the single-machine ones.
tables_match() {
	for t in $TABLES; do
		test_cmp single/$t.tsv "$1/tables/$t.tsv" || return 1
	done
}

test_expect_success SHARED 'single-machine run of the sample corpus' '
	mkdir single &&
	for t in $TABLES; do
		zj report -t $t "$SHARED"/corpus/* >single/$t.tsv || return 1
	done &&
	test $(wc -l <single/docs.tsv) -gt 1
'

test_expect_success SHARED 'three shards balanced by bytes, one array job and a merge' '
	cp -R "$SHARED/corpus" in1 && chmod -R u+w in1 &&
	jid=$(zj slurm submit --shards 3 --out run1 -t docs -t domains -t indicators -t money in1) &&
	zj slurm wait "$jid" &&
	: the array job id and the run folder do as well: &&
	zj slurm wait "$(sed -n "s/^array_job=//p" run1/zj-slurm.run)" &&
	zj slurm wait run1 &&
	ls run1/shards >shards &&
	for k in 0 1 2; do
		printf "$k.%s\n" docs.part domains.part indicators.part list money.part mpk || return 1
	done >expect &&
	test_cmp expect shards &&
	cat run1/shards/*.list | sort >listed &&
	find "$PWD/in1" -type f | sort >expect &&
	test_cmp expect listed &&
	: no two shards differ by more bytes than the largest file holds: &&
	for k in 0 1 2; do
		xargs -d "\n" -a run1/shards/$k.list cat | wc -c || return 1
	done >sizes &&
	largest=$(find in1 -type f -printf "%s\n" | sort -n | tail -n 1) &&
	sort -n sizes | sed -n "1p;\$p" | { read min && read max && test $((max - min)) -le $largest; }
'

test_expect_success SHARED 'merged tables are byte-identical to the single-machine run' '
	tables_match run1
'

test_expect_success SHARED 'zj slurm wait reports a failed shard' '
	cp -R "$SHARED/corpus" in2 && chmod -R u+w in2 &&
	ls in2 | head -n 1 >victim &&
	victim=$(cat victim) &&
	jid=$(zj slurm submit --shards 3 --out run2 -t docs -t domains -t indicators -t money in2) &&
	: the file vanishes before its shard runs, so the shard fails: &&
	mv in2/$victim saved &&
	k=$(grep -l "/$victim\$" run2/shards/*.list) && k=${k##*/} && k=${k%.list} &&
	echo $k >failed &&
	test_expect_code 1 zj slurm wait "$jid" 2>err &&
	test_grep "shard $k (job [0-9]*_$k): FAILED" err &&
	test_grep "merge job $jid: CANCELLED" err &&
	test_grep "zj slurm resume" err &&
	test ! -e run2/shards/$k.part &&
	test ! -e run2/tables/docs.tsv
'

test_expect_success SHARED 'zj slurm resume reruns only that shard and completes the run' '
	mv saved in2/$(cat victim) &&
	jid=$(zj slurm resume run2 2>err) &&
	test_grep "shards $(cat failed) in job array" err &&
	zj slurm wait "$jid" &&
	tables_match run2
'

test_expect_success SHARED 'resume of a complete run has nothing to do' '
	zj slurm resume run1 2>err >out &&
	test_must_be_empty out &&
	test_grep "nothing to resume" err
'

test_expect_success SHARED 'a run with its shards done but a table missing gets a merge only' '
	rm run1/tables/money.tsv &&
	test_expect_code 1 zj slurm wait run1 2>err &&
	test_grep "no table .*money.tsv" err &&
	jid=$(zj slurm resume run1 2>err) &&
	! grep -q "job array" err &&
	zj slurm wait "$jid" &&
	tables_match run1
'

test_expect_success SHARED 'the cluster stops: no daemon it started is left' '
	pids=$(cat "$CLUSTER"/run/*.started) &&
	$SLURM_LOCAL down "$CLUSTER" &&
	for p in $pids; do
		state=$(sed -n "s/^State:[[:space:]]*\(.\).*/\1/p" /proc/$p/status 2>/dev/null) &&
		case $state in ""|Z) ;; *) echo "process $p still runs"; exit 1 ;; esac
	done
'

test_done
