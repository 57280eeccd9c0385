#!/bin/bash
test_description='zj-classify-section on the sample corpus: kind and domain accuracy'
. "${0%/*}/lib.sh"

test_have_PIPELINE() {
	for p in zj-decode zj-segment zj-tag-numbers zj-classify-section; do
		[ -x "$ZJ_BIN/$p" ] || return 1
	done
}

test_have_GOLD() {
	test_have_SHARED && test_have_PIPELINE && [ -f "$SHARED/gold/score.py" ]
}

# The acceptance of issue 6: kind >= 0.90 and domain >= 0.85 on the
# headings matched to the gold.
test_expect_success GOLD 'kind and domain accuracy on the matched headings' '
	python3 "$SHARED/gold/score.py" --bin "$ZJ_BIN" --only headings >out &&
	tail -n 1 out >total &&
	sed -n "s/.* kind_acc=\([0-9.]*\) domain_acc=\([0-9.]*\) .*/\1 \2/p" total >acc &&
	test -s acc &&
	read kind domain <acc &&
	echo "kind $kind domain $domain" &&
	awk -v k="$kind" -v d="$domain" "BEGIN { exit !(k >= 0.90 && d >= 0.85) }"
'

test_done
