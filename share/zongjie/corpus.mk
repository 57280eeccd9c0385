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
#     out/seg/F.mpk    | zj-segment                + sec and sent records
#     out/num/F.mpk    | zj-tag-numbers            + num records
#     out/sec/F.mpk    | zj-classify-section       sections labelled
#     out/part/F.part  | zj-aggregate --partial    the file's partial aggregate
#
# then out/all.part (every file's part, concatenated) and the tables
# out/tables/NAME.FORMAT (zj-aggregate --merge -t NAME) for NAME in
# ZJ_TABLES. A changed raw file rebuilds its own chain and the tables; a
# changed data file of a filter (its `--data-files`) or a changed filter
# rebuilds that stage and the ones after it, for every file.
#
# Settings (all optional): ZJ_TABLES (docs domains indicators money),
# ZJ_FORMAT (tsv; csv, json, md), ZJ_BIN (the folder of the zj-* programs),
# ZJ_FLAGS_<tool> (extra options of one filter, e.g. ZJ_FLAGS_aggregate =
# --keep-dups), ZJ_DATA_<tool> (+= the data files such options name).
# File names must not contain spaces. Near-duplicates are found within a
# file, since each file is decoded on its own. Progress (files done, MB/s)
# goes to stderr when it is a terminal; V=1 shows the commands.

ZJ_MK_DIR := $(dir $(lastword $(MAKEFILE_LIST)))
ZJ_BIN ?= $(abspath $(ZJ_MK_DIR)../../bin)
ZJ_RAW ?= raw
ZJ_OUT ?= out
ZJ_TABLES ?= docs domains indicators money
ZJ_FORMAT ?= tsv
ZJ_Q = $(if $(V),,@)

ZJ_FILES := $(patsubst $(ZJ_RAW)/%,%,$(shell find $(ZJ_RAW) -type f ! -name '.*' 2>/dev/null | LC_ALL=C sort))
ZJ_PARTS := $(ZJ_FILES:%=$(ZJ_OUT)/part/%.part)
ZJ_TABLE_FILES := $(ZJ_TABLES:%=$(ZJ_OUT)/tables/%.$(ZJ_FORMAT))
ZJ_START := $(shell date +%s.%N)

zj-tables: $(ZJ_TABLE_FILES)

# zj_data TOOL: the data files the filter reads, as it prints them.
zj_data = $(shell $(ZJ_BIN)/zj-$(1) --data-files 2>/dev/null)
ZJ_DATA_decode += $(call zj_data,decode)
ZJ_DATA_segment += $(call zj_data,segment)
ZJ_DATA_tag-numbers += $(call zj_data,tag-numbers)
ZJ_DATA_classify-section += $(call zj_data,classify-section)
ZJ_DATA_aggregate += $(call zj_data,aggregate)

# zj_stage TOOL FROM TO: out/TO/F.mpk from out/FROM/F.mpk through zj-TOOL.
define zj_stage
$$(ZJ_FILES:%=$$(ZJ_OUT)/$(3)/%.mpk): $$(ZJ_OUT)/$(3)/%.mpk: $(2) $$(ZJ_DATA_$(1)) $$(ZJ_BIN)/zj-$(1)
	@mkdir -p $$(@D)
	$$(ZJ_Q)$$(ZJ_BIN)/zj-$(1) $$(ZJ_FLAGS_$(1)) $$< >$$@.tmp && mv -f $$@.tmp $$@
endef
$(eval $(call zj_stage,decode,$(ZJ_RAW)/%,doc))
$(eval $(call zj_stage,segment,$(ZJ_OUT)/doc/%.mpk,seg))
$(eval $(call zj_stage,tag-numbers,$(ZJ_OUT)/seg/%.mpk,num))
$(eval $(call zj_stage,classify-section,$(ZJ_OUT)/num/%.mpk,sec))

# On a terminal, after each file: files done in this run / all files, and
# MB/s of raw input since make started.
zj_progress = if [ -t 2 ]; then \
	stat -c %s $(ZJ_RAW)/$* >>$(ZJ_OUT)/.progress-$(ZJ_START); \
	awk -v t=$(words $(ZJ_FILES)) -v s=$(ZJ_START) -v now=$$(date +%s.%N) \
	'{ n++; b += $$1 } END { printf "\rzj: %d/%d files, %.1f MB/s ", n, t, b / 1e6 / (now - s) }' \
	$(ZJ_OUT)/.progress-$(ZJ_START) >&2; fi

$(ZJ_PARTS): $(ZJ_OUT)/part/%.part: $(ZJ_OUT)/sec/%.mpk $(ZJ_DATA_aggregate) $(ZJ_BIN)/zj-aggregate
	@mkdir -p $(@D)
	$(ZJ_Q)$(ZJ_BIN)/zj-aggregate --partial $(ZJ_FLAGS_aggregate) $< >$@.tmp && mv -f $@.tmp $@
	@$(zj_progress)

zj_space := $(subst ,, )
define zj_newline


endef

# The parts are concatenated through a list file: a corpus can have more
# of them than a command line holds.
$(ZJ_OUT)/all.part: $(ZJ_PARTS)
	@mkdir -p $(@D)
	$(file >$@.list,$(subst $(zj_space),$(zj_newline),$(strip $^)))
	$(ZJ_Q)xargs -r -d '\n' -a $@.list cat >$@.tmp && mv -f $@.tmp $@ && rm -f $@.list
	@if [ -t 2 ]; then printf '\n' >&2; fi; rm -f $(ZJ_OUT)/.progress-*

$(ZJ_TABLE_FILES): $(ZJ_OUT)/tables/%.$(ZJ_FORMAT): $(ZJ_OUT)/all.part $(ZJ_DATA_aggregate) $(ZJ_BIN)/zj-aggregate
	@mkdir -p $(@D)
	$(ZJ_Q)$(ZJ_BIN)/zj-aggregate --merge -t $* -f $(ZJ_FORMAT) $(ZJ_FLAGS_aggregate) $< >$@.tmp && mv -f $@.tmp $@

.PHONY: zj-tables
