# fuzz/fuzz.mk, included by the Makefile: libFuzzer targets (clang).
#
#   make fuzz FUZZ_SECONDS=N    build every target and run each N seconds
#   make fuzz-build             only build them: build/fuzz/fuzz-NAME
#
# A target is a whole filter (its main() renamed zj_fuzz_main) driven by
# fuzz/harness.c; "dump" is the record reader and the JSON writer. See
# fuzz/README for what a finding looks like and how to replay one.

FUZZ_CC = clang
FUZZ_SECONDS ?= 60
FUZZ_OUT = build/fuzz
FUZZ_SAN = -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS = -std=c11 -D_GNU_SOURCE -g -O1 -Icommon -Dmain=zj_fuzz_main \
	-DZJ_VERSION='"$(VERSION)"' -DZJ_SRCDIR='"$(CURDIR)"' $(FUZZ_SAN)
# Operands each target's filter gets: decode reads "-", tag-numbers takes
# lines of text, tag-numbers-records and aggregate-merge are the same
# filters on records and on partial states.
FUZZ_ARGS_decode = -
FUZZ_ARGS_tag-numbers = --text
FUZZ_ARGS_aggregate-merge = --merge
FUZZ_TOOL_tag-numbers-records = tag-numbers
FUZZ_TOOL_aggregate-merge = aggregate
fuzz_tool = $(or $(FUZZ_TOOL_$(1)),$(1))
FUZZ_TARGETS = dump $(filter decode segment tag-numbers classify-section aggregate,$(TOOLS)) \
	$(if $(filter tag-numbers,$(TOOLS)),tag-numbers-records) \
	$(if $(filter aggregate,$(TOOLS)),aggregate-merge)
FUZZ_BINS = $(addprefix $(FUZZ_OUT)/fuzz-,$(FUZZ_TARGETS))
FUZZ_COMMON_OBJ = $(patsubst %.c,$(FUZZ_OUT)/%.o,$(COMMON_SRC))

$(FUZZ_OUT)/%.o: %.c $(HEADERS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) \
		$(shell pkg-config --cflags $(COMMON_PKGS) $(PKGS_$(notdir $(*D)))) -c -o $@ $<

# fuzz_rule TARGET TOOL
define fuzz_rule
$(FUZZ_OUT)/harness-$(1).o: fuzz/harness.c
	@mkdir -p $$(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -DZJ_FUZZ_PROG='"zj-$(2)"' -DZJ_FUZZ_ARGS='"$(FUZZ_ARGS_$(1))"' -c -o $$@ $$<
$(patsubst %.c,$(FUZZ_OUT)/%.o,$(wildcard filters/$(2)/*.c)): $(wildcard filters/$(2)/*.h)
$(FUZZ_OUT)/fuzz-$(1): $(FUZZ_OUT)/harness-$(1).o $(patsubst %.c,$(FUZZ_OUT)/%.o,$(wildcard filters/$(2)/*.c)) $(FUZZ_COMMON_OBJ)
	$(FUZZ_CC) $(FUZZ_SAN) -Wl,--wrap=exit,--wrap=read,--wrap=__sanitizer_cov_8bit_counters_init -o $$@ $$^ \
		$$(shell pkg-config --libs $(COMMON_PKGS) $(PKGS_$(2))) -lm
endef
$(foreach t,$(FUZZ_TARGETS),$(eval $(call fuzz_rule,$(t),$(call fuzz_tool,$(t)))))

fuzz-build:
	@sh tests/install-deps.sh clang libclang-rt-14-dev
	$(MAKE) $(FUZZ_BINS)

fuzz: all fuzz-build
	sh fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

.PHONY: fuzz fuzz-build
