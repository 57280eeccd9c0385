#!/bin/sh
# fuzz/run.sh SECONDS TARGET...: run each libFuzzer target build/fuzz/fuzz-TARGET
# for SECONDS, one after the other. Exit 1 when any target found a crash, a
# leak or a timeout (its input is then in build/fuzz/artifacts/).
#
# Inputs: build/fuzz/corpus/TARGET (what earlier runs found, kept between
# runs), build/fuzz/seeds/TARGET (made afresh from tests/data and from the
# demo corpus run through the release filters in bin/), fuzz/regressions/
# TARGET (inputs that once broke a filter; each is run first).
#
# FUZZ_FLAGS adds libFuzzer flags (e.g. FUZZ_FLAGS=-only_ascii=1).
set -u
seconds=${1:?usage: fuzz/run.sh SECONDS TARGET...}
shift
top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/build/fuzz
bin=$top/bin
export LC_ALL=C.UTF-8

# Split JSON Lines on stdin into files of N lines under DIR, as MessagePack
# (and, with json, also as JSON Lines): split_records DIR N PREFIX [json]
split_records() {
	dir=$1 n=$2 prefix=$3 json=${4:-}
	tmp=$(mktemp -d) || return 1
	split -l "$n" -a 4 - "$tmp/$prefix."
	for f in "$tmp"/*; do
		[ -e "$f" ] || continue
		"$bin/zj-pack" "$f" >"$dir/$(basename "$f").mpk" 2>/dev/null
		[ -n "$json" ] && cp "$f" "$dir/$(basename "$f").jsonl"
	done
	rm -rf "$tmp"
}

# The demo corpus as records after STAGES filters (a pipeline), JSON Lines.
demo_records() {
	stages=$1
	set -- "$top"/demo/corpus/*.txt "$top"/demo/corpus/*.html
	"$bin/zj-decode" "$@" 2>/dev/null | {
		case $stages in
		0) cat ;;
		1) "$bin/zj-segment" ;;
		2) "$bin/zj-segment" | "$bin/zj-tag-numbers" ;;
		*) "$bin/zj-segment" | "$bin/zj-tag-numbers" | "$bin/zj-classify-section" ;;
		esac
	} 2>/dev/null | "$bin/zj-dump"
}

# Fixtures of the tests that are record streams (JSON Lines files).
fixture_records() {
	for f in "$@"; do
		[ -f "$f" ] && "$bin/zj-pack" "$f" >/dev/null 2>&1 && cat "$f"
	done
}

make_seeds() {
	target=$1 dir=$out/seeds/$1
	rm -rf "$dir" && mkdir -p "$dir"
	case $target in
	dump)
		cp "$top"/tests/data/records/* "$dir"/
		demo_records 3 | split_records "$dir" 25 demo json
		;;
	decode)
		cp "$top"/demo/corpus/* "$dir"/
		cp "$top"/tests/data/decode/*.txt "$dir"/ 2>/dev/null
		;;
	segment)
		demo_records 0 | split_records "$dir" 1 doc
		fixture_records "$top"/tests/data/segment/*.jsonl | split_records "$dir" 4 fix json
		;;
	tag-numbers)
		demo_records 1 | sed -n 's/^{"t":"sent".*"text":"\([^"]*\)".*/\1/p' |
			split -l 20 -a 4 - "$dir/sent."
		cp "$top"/tests/data/tag-numbers/*.txt "$dir"/
		;;
	tag-numbers-records)
		demo_records 1 | split_records "$dir" 20 sent
		fixture_records "$top"/tests/data/tag-numbers/*.jsonl | split_records "$dir" 10 fix json
		;;
	aggregate-merge)
		demo_records 3 | split_records "$dir" 60 rec
		for f in "$dir"/*.mpk; do
			"$bin/zj-aggregate" --partial "$f" >"$f.state" 2>/dev/null
			"$bin/zj-aggregate" --partial -t money "$f" >"$f.money" 2>/dev/null
			rm -f "$f"
		done
		;;
	classify-section)
		demo_records 2 | split_records "$dir" 40 sec
		fixture_records "$top"/tests/data/classify-section/*.jsonl | split_records "$dir" 20 fix json
		;;
	aggregate)
		demo_records 3 | split_records "$dir" 40 agg
		fixture_records "$top"/tests/data/aggregate/*.jsonl "$top"/tests/data/pipeline/*.jsonl |
			split_records "$dir" 20 fix json
		;;
	esac
}

# libFuzzer flags of a target: the longest input it makes, a dictionary.
target_flags() {
	case $1 in
	decode|segment) echo -max_len=32768 ;;
	*) echo -max_len=16384 ;;
	esac
	[ -f "$top/fuzz/$1.dict" ] && echo "-dict=$top/fuzz/$1.dict"
}

run_target() {
	target=$1 prog=$out/fuzz-$1
	corpus=$out/corpus/$target
	mkdir -p "$corpus" "$out/artifacts" "$out/logs"
	make_seeds "$target"
	set -- "$corpus" "$out/seeds/$target"
	[ -d "$top/fuzz/regressions/$target" ] && set -- "$@" "$top/fuzz/regressions/$target"
	echo "fuzz: $target for ${seconds}s (log: build/fuzz/logs/$target.log)"
	# Units over 10 s, single mallocs over 1 GB and total RSS over 2 GB
	# count as findings.
	# shellcheck disable=SC2046,SC2086
	"$prog" -max_total_time="$seconds" -timeout=10 -malloc_limit_mb=1024 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$out/artifacts/$target-" \
		$(target_flags "$target") ${FUZZ_FLAGS:-} "$@" >"$out/logs/$target.log" 2>&1
	status=$?
	grep -E '^(stat::number_of_executed_units|stat::new_units_added|#[0-9]+.*DONE)' \
		"$out/logs/$target.log" | sed "s/^/fuzz: $target: /"
	if [ $status != 0 ]; then
		echo "fuzz: $target FAILED (status $status):"
		grep -E 'ERROR|SUMMARY|zj-fuzz:|runtime error|Test unit written' "$out/logs/$target.log" |
			head -20 | sed 's/^/    /'
	fi
	return $status
}

for t in "$@"; do
	[ -x "$out/fuzz-$t" ] || { echo "fuzz: no $out/fuzz-$t (make fuzz-build)"; exit 2; }
done
failed=
for t in "$@"; do
	run_target "$t" || failed="$failed $t"
done
if [ -n "$failed" ]; then
	echo "fuzz: findings in:$failed"
	exit 1
fi
echo "fuzz: no findings"
