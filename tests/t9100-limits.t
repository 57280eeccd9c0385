#!/bin/bash
test_description='limits: work grows linearly with the input, memory stays bounded'
. "${0%/*}/lib.sh"

H="python3 $DATA/hardening/hostile.py"

# Instruction counts come from valgrind's cachegrind (perf stat has no
# counters in most containers), never from wall time. Not on sanitizer
# builds (valgrind cannot run them) nor under VALGRIND=1.
test_have_CACHEGRIND() {
	command -v valgrind >/dev/null && test_have_NOT_VALGRIND &&
	! ldd "$ZJ_BIN/zj-dump" | grep -q 'lib[at]san' &&
	! nm "$ZJ_BIN/zj-dump" 2>/dev/null | grep -q __asan_init
}
test_have_CACHEGRIND || test_skip_all 'no valgrind, a sanitizer build or VALGRIND=1'

# instructions CMD...: how many instructions CMD runs (its stdout is dropped).
instructions() {
	valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
		sed -n 's/.*I *refs: *//p' | tr -d ,
}

# test_linear NAME MAKE N CMD...: MAKE N, 2N and 4N write inputs of those
# sizes, CMD reads each (its last operand). The extra instructions for 4N
# over 2N must be about twice those for 2N over N (4 times: quadratic).
test_linear() {
	local name=$1 make=$2 n=$3 i1 i2 i4
	shift 3
	for k in 1 2 4; do
		$make $((n * k)) >in.$k
	done
	i1=$(instructions "$@" in.1) && i2=$(instructions "$@" in.2) && i4=$(instructions "$@" in.4) &&
	echo "$name: $i1 $i2 $i4" &&
	python3 -c 'import sys; a, b, c = map(int, sys.argv[1:]); r = (c - b) / max(b - a, 1)
print(f"growth ratio {r:.2f} (linear 2, quadratic 4)"); sys.exit(not (b > a and r < 2.8))' "$i1" "$i2" "$i4"
}

# Each generator writes N units of one kind of hostile input.
sentences_doc() { $H sentences "$1" >text.tmp && $H doc text.tmp; }
dun_doc() { $H dun "$1" >text.tmp && $H doc text.tmp; }
dun_sent() { $H dun "$1" >text.tmp && $H sent text.tmp; }
markers_text() { python3 -c "import sys; print(\"一、总体情况\"); print(\"\".join(f\"{i}、\" for i in range(1, int(sys.argv[1]))))" "$1"; }
numbers_sent() { python3 -c "import sys; print(\"，\".join(f\"新建{i}所\" for i in range(int(sys.argv[1]))) + \"。\")" "$1" >text.tmp && $H sent text.tmp; }
headings_doc() { python3 -c "import sys
for i in range(int(sys.argv[1])): print(f\"（{i % 9 + 1}）第{i}项工作\n今年完成任务{i}项。\")" "$1" >text.tmp && $H doc text.tmp; }
pipeline_records() { sentences_doc "$1" | zj-segment | zj-tag-numbers | zj-classify-section; }
json_records() { pipeline_records "$1" | zj-dump; }

test_expect_success 'the record reader: many records, one huge record (JSON Lines and MessagePack)' '
	test_linear "reader, json" json_records 2000 zj-dump &&
	test_linear "reader, msgpack" pipeline_records 2000 zj-pack &&
	test_linear "reader, one string" "$H bigstr" 4 zj-pack
'

# zj-decode starts slowly (OpenCC): three inputs only.
test_expect_success 'zj-decode: sentences, numbered 、 markers, a long line of digits' '
	test_linear "decode sentences" "$H sentences" 1000 zj-decode &&
	test_linear "decode markers" markers_text 5000 zj-decode &&
	test_linear "decode digits" "$H digits" 100000 zj-decode
'

test_expect_success 'zj-segment: sentences, headings, 、 runs' '
	test_linear "segment sentences" sentences_doc 4000 zj-segment &&
	test_linear "segment headings" headings_doc 2000 zj-segment &&
	test_linear "segment 、" dun_doc 20000 zj-segment
'

test_expect_success 'zj-tag-numbers: many numbers in one sentence, 、 runs, digits' '
	test_linear "tag-numbers numbers" numbers_sent 2000 zj-tag-numbers &&
	test_linear "tag-numbers 、" dun_sent 20000 zj-tag-numbers &&
	test_linear "tag-numbers digits" "$H digits" 200000 zj-tag-numbers --text
'

test_expect_success 'zj-classify-section and zj-aggregate: the records of growing documents' '
	test_linear "classify-section" pipeline_records 2000 zj-classify-section &&
	test_linear "aggregate" pipeline_records 2000 zj-aggregate &&
	test_linear "aggregate by domain" pipeline_records 2000 zj-aggregate -t domains
'

# peak_kb CMD...: the largest resident set of CMD, in kB.
peak_kb() {
	/usr/bin/time -f %M -o peak.tmp "$@" >/dev/null && cat peak.tmp
}

test_expect_success 'memory: 64 times as many documents need no more memory' '
	$H sentences 300 >one.txt &&
	sentences_doc 300 >one.mpk &&
	for i in 1 2 3 4 5 6 7 8; do cat one.mpk; done >eight.mpk &&
	for i in 1 2 3 4 5 6 7 8; do cat eight.mpk; done >many.mpk &&
	zj-segment one.mpk | zj-tag-numbers | zj-classify-section >one.rec &&
	zj-segment many.mpk | zj-tag-numbers | zj-classify-section >many.rec &&
	a=$(peak_kb zj-decode one.txt) &&
	b=$(peak_kb zj-decode $(for i in $(seq 64); do echo one.txt; done)) &&
	echo "zj-decode: $a kB for 1 doc, $b kB for 64" &&
	test $b -le $((a + a / 4 + 2048)) &&
	for cmd in zj-segment zj-tag-numbers zj-classify-section "zj-aggregate -b dim -m sum"; do
		case $cmd in zj-segment) in1=one.mpk in64=many.mpk ;; *) in1=one.rec in64=many.rec ;; esac &&
		a=$(peak_kb $cmd $in1) && b=$(peak_kb $cmd $in64) &&
		echo "$cmd: $a kB for 1 doc, $b kB for 64" &&
		test $b -le $((a + a / 4 + 2048)) || { echo "$cmd grows"; exit 1; }
	done
'

test_done
