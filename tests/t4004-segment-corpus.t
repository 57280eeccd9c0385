#!/bin/bash
test_description='zj-segment on the shared sample corpus, after zj-decode'
. "${0%/*}/lib.sh"
D=$DATA/segment

# zj-decode only makes the input here: the one built in bin/, never
# wrapped (by VALGRIND=1) or swapped (by ZJ_BIN).
DECODE=$TOP/bin/zj-decode
test_have_DECODE() {
	test_have_SHARED && [ -x "$DECODE" ]
}

test_expect_success DECODE 'every sent.text is its slice of the doc text, every heading too' '
	for f in "$SHARED"/corpus/*.txt; do
		"$DECODE" "$f" | zj-segment --json >recs &&
		python3 "$D/check-spans.py" <recs >>out || exit 1
	done &&
	test $(grep -c "spans ok" out) = $(ls "$SHARED"/corpus/*.txt | wc -l)
'

test_expect_success DECODE 'headings F1 at least 0.95 against the gold' '
	mkdir b &&
	ln -s "$DECODE" "$(command -v zj-segment)" b/ &&
	python3 "$SHARED/gold/score.py" --bin b --only headings >score &&
	sed -n "s/.*headings_f1=\([0-9.]*\).*/\1/p" score >f1 &&
	cat score f1 &&
	awk "{ exit !(\$1 >= 0.95) }" f1
'

test_done
