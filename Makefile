# zongjie: one folder per program under filters/, code they share in common/.
# make            build every program into bin/
# make check      install missing packages, build, run the tests (prove)
#                 VALGRIND=1: every program under valgrind's memcheck
# make asan       the same tests on a build with ASan and UBSan
# make install    PREFIX=/usr/local DESTDIR=
# make demo       install missing packages, build, print the demo corpus's tables
# make bench      speed of every filter and of the pipeline on a generated corpus
# make accuracy   score the pipeline against ../shared/gold (when it exists)
# make fuzz       FUZZ_SECONDS=N: each libFuzzer target N seconds (fuzz/fuzz.mk)

VERSION = 0.1.0
PREFIX ?= /usr/local
BINDIR = $(PREFIX)/bin
MANDIR = $(PREFIX)/share/man
DATADIR = $(PREFIX)/share/zongjie

CC ?= cc
CFLAGS ?= -O2 -g
PROVE ?= prove
PROVE_FLAGS ?= -j2

# Debian packages the build and the tests need (make deps installs them).
DEBS = build-essential pkg-config libmsgpack-dev libjansson-dev libpcre2-dev \
       libopencc-dev opencc libuchardet-dev libxml2-dev perl python3 man-db

# pkg-config modules: every program links COMMON_PKGS; PKGS_<tool> adds its own.
COMMON_PKGS = msgpack jansson libpcre2-8
PKGS_decode = uchardet opencc libxml-2.0

ifdef SANITIZE
OUT = build/asan
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
else
OUT = build/release
endif
BIN = $(if $(SANITIZE),$(OUT)/bin,bin)

TOOLS := $(notdir $(patsubst %/,%,$(dir $(wildcard filters/*/*.c))))
TOOLS := $(sort $(TOOLS))
PROGS = $(addprefix $(BIN)/zj-,$(TOOLS))
SCRIPTS = $(filter-out bin/zj-%,$(wildcard bin/zj*))

ZJ_CFLAGS = -std=c11 -D_GNU_SOURCE -Wall -Wextra -Icommon \
	-DZJ_VERSION='"$(VERSION)"' -DZJ_SRCDIR='"$(CURDIR)"' $(SANFLAGS)
COMMON_SRC = $(wildcard common/*.c)
COMMON_OBJ = $(patsubst %.c,$(OUT)/%.o,$(COMMON_SRC))
HEADERS = $(wildcard common/*.h)

all: $(PROGS)

$(OUT)/%.o: %.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(ZJ_CFLAGS) $(CFLAGS) $(CPPFLAGS) \
		$(shell pkg-config --cflags $(COMMON_PKGS) $(PKGS_$(notdir $(*D)))) -c -o $@ $<

# zj-TOOL is built from filters/TOOL/*.c and common/.
define tool_rule
$(patsubst %.c,$(OUT)/%.o,$(wildcard filters/$(1)/*.c)): $(wildcard filters/$(1)/*.h)
$(BIN)/zj-$(1): $(patsubst %.c,$(OUT)/%.o,$(wildcard filters/$(1)/*.c)) $(COMMON_OBJ)
	@mkdir -p $$(@D)
	$$(CC) $(SANFLAGS) $$(LDFLAGS) -o $$@ $$^ $$(shell pkg-config --libs $(COMMON_PKGS) $(PKGS_$(1))) -lm
endef
$(foreach t,$(TOOLS),$(eval $(call tool_rule,$(t))))

deps:
	@sh tests/install-deps.sh $(DEBS)

check: deps
	$(MAKE) all
	ZJ_BIN=$(CURDIR)/bin $(PROVE) $(PROVE_FLAGS) --exec bash tests/t*.t

asan: deps
	$(MAKE) SANITIZE=1 all
	ZJ_BIN=$(CURDIR)/build/asan/bin ZJ_TRASH_DIR=$(CURDIR)/build/asan/tests ASAN_OPTIONS=detect_leaks=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		$(PROVE) $(PROVE_FLAGS) --exec bash tests/t*.t

demo: deps
	$(MAKE) all
	bin/zj report demo/corpus/*.txt demo/corpus/*.html

bench: all
	@sh tests/install-deps.sh time python3 opencc
	python3 bench/run.py

accuracy: all
	@if [ -f ../shared/gold/score.py ]; then python3 ../shared/gold/score.py --bin bin; \
	else echo "no ../shared/gold/score.py: nothing to score against" >&2; fi

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(DATADIR)
	cp -f $(PROGS) $(SCRIPTS) $(DESTDIR)$(BINDIR)/
	cp -f man/*.1 $(DESTDIR)$(MANDIR)/man1/
	cp -f man/*.5 $(DESTDIR)$(MANDIR)/man5/
	cp -f man/*.7 $(DESTDIR)$(MANDIR)/man7/
	cp -f share/zongjie/corpus.mk $(DESTDIR)$(DATADIR)/
	for t in $(TOOLS); do \
		for f in filters/$$t/*; do \
			case $$f in *.c|*.h) ;; *) mkdir -p $(DESTDIR)$(DATADIR)/$$t && cp -f $$f $(DESTDIR)$(DATADIR)/$$t/ ;; esac; \
		done; \
	done

uninstall:
	rm -f $(addprefix $(DESTDIR)$(BINDIR)/,$(notdir $(PROGS) $(SCRIPTS)))
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build bin/zj-* tests/trash.*

.PHONY: all deps check asan install uninstall clean demo bench accuracy

include fuzz/fuzz.mk
