# corpus.mk: rebuild the tables of a corpus of reports with make -j.
#
# Include it from a Makefile of your own, after setting what differs:
#
#     ZJ_RAW = raw                     # folder of raw reports (default raw)
#     ZJ_OUT = out                     # folder of results (default out)
#     include /usr/local/share/zongjie/corpus.mk
#
# and run `make -j8` (or `make zj-tables`). For each file raw/F it makes
#
#     out/doc/F.mpk    zj-decode F                 doc records
#     out/seg/F.mpk    | zj-segment --drop-text    + sec and sent records
#     out/num/F.mpk    | zj-tag-numbers            + num records
#     out/sec/F.mpk    | zj-classify-section       sections labelled
#     out/part/NAME/F.part  | zj-aggregate --partial -t NAME
#                                            its partial state of table NAME
#
# for each NAME in ZJ_TABLES, then out/part/NAME.all (the states of all
# files) and the table out/tables/NAME.FORMAT (zj-aggregate --merge).
#
# A changed raw file rebuilds its own chain and the tables; a changed data
# file of a filter (its `--data-files`) or a changed filter rebuilds that
# stage and the ones after it, for every file.
#
# Settings (all optional): ZJ_TABLES (docs domains indicators money),
# ZJ_FORMAT (tsv; csv, json, md), ZJ_BIN (the folder of the zj-* programs),
# ZJ_FLAGS_<tool> (extra options of one filter, e.g. ZJ_FLAGS_aggregate =
# --keep-dups, given to zj-aggregate --partial), ZJ_DATA_<tool> (+= the
# data files such options name).
# File names must not contain spaces. Near-duplicates are found within a
# file, since each file is decoded on its own. Progress (files done, MB/s)
# goes to stderr when it is a terminal; V=1 shows the commands.

ZJ_MK_DIR := $(dir $(lastword $(MAKEFILE_LIST)))
ZJ_BIN ?= $(abspath $(ZJ_MK_DIR)../../bin)
ZJ_RAW ?= raw
ZJ_OUT ?= out
ZJ_TABLES ?= docs domains indicators money
ZJ_FORMAT ?= tsv
# The text of each document stays in out/doc; later streams can do without.
ZJ_FLAGS_segment ?= --drop-text
ZJ_Q = $(if $(V),,@)

ZJ_FILES := $(patsubst $(ZJ_RAW)/%,%,$(shell find $(ZJ_RAW) -type f ! -name '.*' 2>/dev/null | LC_ALL=C sort))
ZJ_TABLE_FILES := $(ZJ_TABLES:%=$(ZJ_OUT)/tables/%.$(ZJ_FORMAT))
ZJ_START := $(shell date +%s.%N)
ZJ_PROGRESS := $(ZJ_OUT)/.progress-$(ZJ_START)

zj-tables: $(ZJ_TABLE_FILES)

# zj_data TOOL: the data files the filter reads, as it prints them.
zj_data = $(shell $(ZJ_BIN)/zj-$(1) --data-files 2>/dev/null)
ZJ_DATA_decode += $(call zj_data,decode)
ZJ_DATA_segment += $(call zj_data,segment)
ZJ_DATA_tag-numbers += $(call zj_data,tag-numbers)
ZJ_DATA_classify-section += $(call zj_data,classify-section)
ZJ_DATA_aggregate += $(call zj_data,aggregate)

# On a terminal, after each file: files done in this run / all files, and
# MB/s of raw input since make started.
zj_progress = if [ -t 2 ]; then \
	stat -c %s $(ZJ_RAW)/$* >>$(ZJ_PROGRESS); \
	awk -v t=$(words $(ZJ_FILES)) -v s=$(ZJ_START) -v now=$$(date +%s.%N) \
	'{ n++; b += $$1 } END { printf "\rzj: %d/%d files, %.1f MB/s ", n, t, b / 1e6 / (now - s) }' \
	$(ZJ_PROGRESS) >&2; fi

# zj_stage TOOL FROM TO [AFTER]: out/TO/F.mpk from FROM (a pattern) through
# zj-TOOL, then the command AFTER.
define zj_stage
$$(ZJ_FILES:%=$$(ZJ_OUT)/$(3)/%.mpk): $$(ZJ_OUT)/$(3)/%.mpk: $(2) $$(ZJ_DATA_$(1)) $$(ZJ_BIN)/zj-$(1)
	@mkdir -p $$(@D)
	$$(ZJ_Q)$$(ZJ_BIN)/zj-$(1) $$(ZJ_FLAGS_$(1)) $$< >$$@.tmp && mv -f $$@.tmp $$@ || { rm -f $$@.tmp; exit 1; }
	@$(4)
endef
$(eval $(call zj_stage,decode,$(ZJ_RAW)/%,doc))
$(eval $(call zj_stage,segment,$(ZJ_OUT)/doc/%.mpk,seg))
$(eval $(call zj_stage,tag-numbers,$(ZJ_OUT)/seg/%.mpk,num))
$(eval $(call zj_stage,classify-section,$(ZJ_OUT)/num/%.mpk,sec,$$(zj_progress)))

zj_space := $(subst ,, )
define zj_newline


endef

# The names of the raw files, rewritten when the set changes, so that the
# tables are rebuilt when a file is removed too.
ZJ_LIST := $(ZJ_OUT)/files.list
$(shell mkdir -p $(ZJ_OUT)/part)
$(file >$(ZJ_LIST).new,$(subst $(zj_space),$(zj_newline),$(ZJ_FILES)))
$(shell cmp -s $(ZJ_LIST).new $(ZJ_LIST) && rm -f $(ZJ_LIST).new || mv -f $(ZJ_LIST).new $(ZJ_LIST))

# zj_table NAME: each file's partial state of table NAME, all of them
# concatenated (through a list file: a corpus can have more of them than a
# command line holds), and the table merged from them.
define zj_table
ZJ_PARTS_$(1) := $$(ZJ_FILES:%=$$(ZJ_OUT)/part/$(1)/%.part)
$$(ZJ_PARTS_$(1)): $$(ZJ_OUT)/part/$(1)/%.part: $$(ZJ_OUT)/sec/%.mpk $$(ZJ_DATA_aggregate) $$(ZJ_BIN)/zj-aggregate
	@mkdir -p $$(@D)
	$$(ZJ_Q)$$(ZJ_BIN)/zj-aggregate --partial -t $(1) $$(ZJ_FLAGS_aggregate) $$< >$$@.tmp && \
		mv -f $$@.tmp $$@ || { rm -f $$@.tmp; exit 1; }

$$(ZJ_OUT)/part/$(1).all: $$(ZJ_PARTS_$(1)) $$(ZJ_LIST)
	$$(file >$$@.list,$$(subst $$(zj_space),$$(zj_newline),$$(ZJ_PARTS_$(1))))
	$$(ZJ_Q)sed '/^$$$$/d' $$@.list | xargs -r -d '\n' cat >$$@.tmp && mv -f $$@.tmp $$@ && rm -f $$@.list
	@if rm $$(ZJ_PROGRESS) 2>/dev/null && [ -t 2 ]; then printf '\n' >&2; fi

$$(ZJ_OUT)/tables/$(1).$$(ZJ_FORMAT): $$(ZJ_OUT)/part/$(1).all $$(ZJ_DATA_aggregate) $$(ZJ_BIN)/zj-aggregate
	@mkdir -p $$(@D)
	$$(ZJ_Q)$$(ZJ_BIN)/zj-aggregate --merge -t $(1) -f $$(ZJ_FORMAT) $$< >$$@.tmp && \
		mv -f $$@.tmp $$@ || { rm -f $$@.tmp; exit 1; }
endef
$(foreach t,$(ZJ_TABLES),$(eval $(call zj_table,$(t))))

.PHONY: zj-tables
