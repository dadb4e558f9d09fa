# klankbord: build, test, install.
#
#   make            build ./klankbord
#   make run        build, then open the console on the bundled example agenda (resuming
#                   its open session if there is one)
#   make check      build with AddressSanitizer + UBSan and run every test
#   make asan       only the sanitizer build (build/asan/klankbord and the test binaries)
#   make fuzz       run each fuzzer (tests/fuzz/fuzz_*.c) for FUZZ_SECONDS (default 60)
#   make bench      optimised build and the benchmark suite
#   make install    PREFIX=/usr/local DESTDIR= ; make uninstall
#
# `make run` and `make check` install missing Debian packages when run as root (scripts/deps.sh).

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
DOCDIR  ?= $(PREFIX)/share/doc/klankbord
CC      ?= cc
CLANG   ?= clang
VERSION := 0.1.0

PKGS        := ncursesw sqlite3 yaml-0.1
PKG_CFLAGS   = $(filter-out -D_XOPEN_SOURCE=% -D_DEFAULT_SOURCE,$(shell pkg-config --cflags $(PKGS) 2>/dev/null))
PKG_LIBS     = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA_LIBS  = $(shell pkg-config --libs cmocka 2>/dev/null)
# The program links ncursesw, tinfo, sqlite3 and libyaml statically: their archives come in
# the same -dev packages, and mapping four shared libraries cost about half a millisecond
# of every start (docs/benchmarks.md). A rebuild picks up their security updates.
# LINK=shared links them dynamically (for a distribution package). Tests link dynamically.
LINK ?= static
ifeq ($(LINK),static)
APP_LIBS = -Wl,-Bstatic $(PKG_LIBS) -Wl,-Bdynamic -lm
else
APP_LIBS = $(PKG_LIBS) -lm
endif

WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 \
        -Wno-missing-field-initializers
ifneq ($(CI),)
WARN += -Werror
endif
CFLAGS   ?= -O2 -g
BASE_CFLAGS = -std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -DKLANKBORD_VERSION='"$(VERSION)"' \
              -I. $(WARN) $(PKG_CFLAGS) -MMD -MP
SAN_FLAGS  := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer

LIB_SRC  := $(sort $(wildcard config/*.c storage/*.c sessions/*.c out/*.c tui/*.c))
CLI_SRC  := $(sort $(filter-out cli/main.c,$(wildcard cli/*.c)))
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))

OBJ      := $(patsubst %.c,build/obj/%.o,$(LIB_SRC) $(CLI_SRC))
ASAN_OBJ := $(patsubst %.c,build/asan/%.o,$(LIB_SRC) $(CLI_SRC))
TESTS    := $(patsubst tests/unit/%.c,build/asan/tests/%,$(TEST_SRC))

.PHONY: all run check asan fuzz fuzz-build bench bench-build install uninstall clean deps deps-check layers
all: klankbord

deps:
	@scripts/deps.sh build
deps-check:
	@scripts/deps.sh check

# Layering: curses only under tui/, sqlite3 only under storage/ (tests/ may use either;
# out/ is checked for both);
# no two sources with the same file name (an archive member is named by its file name).
layers:
	@bad=$$(grep -lE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"](n?cursesw?/)?n?curses(w)?\.h' \
		$$(ls config/*.[ch] storage/*.[ch] sessions/*.[ch] out/*.[ch] cli/*.[ch] 2>/dev/null)); \
	if [ -n "$$bad" ]; then echo "layers: curses included outside tui/: $$bad" >&2; exit 1; fi; \
	bad=$$(grep -lE '^[[:space:]]*#[[:space:]]*include[[:space:]]*[<"]sqlite3\.h' \
		$$(ls config/*.[ch] sessions/*.[ch] out/*.[ch] tui/*.[ch] cli/*.[ch] 2>/dev/null)); \
	if [ -n "$$bad" ]; then echo "layers: sqlite3 included outside storage/: $$bad" >&2; exit 1; fi; \
	bad=$$(for f in $(LIB_SRC) $(CLI_SRC); do basename $$f; done | sort | uniq -d); \
	if [ -n "$$bad" ]; then echo "layers: two sources share a name (the archive would keep one): $$bad" >&2; exit 1; fi

# Tests and binaries link a static archive, so each pulls in only the modules it uses.
build/obj/libklankbord.a: $(OBJ)
	@rm -f $@
	$(AR) rcs $@ $^
build/asan/libklankbord.a: $(ASAN_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

klankbord: build/obj/cli/main.o build/obj/libklankbord.a | deps layers
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ build/obj/cli/main.o build/obj/libklankbord.a $(APP_LIBS)

build/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -c -o $@ $<

build/asan/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) -O1 -g $(SAN_FLAGS) -c -o $@ $<

build/asan/klankbord: build/asan/cli/main.o build/asan/libklankbord.a
	$(CC) $(SAN_FLAGS) -o $@ $^ $(PKG_LIBS) -lm

build/asan/tests/%: tests/unit/%.c build/asan/libklankbord.a
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) -O1 -g $(SAN_FLAGS) -o $@ $< build/asan/libklankbord.a $(PKG_LIBS) $(CMOCKA_LIBS) -lm

asan: deps-check layers build/asan/klankbord $(TESTS)

run: klankbord
	./klankbord run --resume examples/expert-pool-en.yaml

check: deps-check klankbord asan fuzz-build bench-build
	@tests/run-all.sh

# libFuzzer needs clang. Harnesses link the parts without I/O: config/ and the pure
# modules of sessions/ (the capture parser, vote counting, the JSON writer and reader, the
# event decoder), the search query (storage/search_query.c; fuzz_search checks its
# expressions against an in-memory FTS5 table) and the
# terminal form of the text rule (cli/terminal_text.c).
FUZZ_SECONDS ?= 60
FUZZ_FLAGS := -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -g -O1
FUZZ_LIB := $(wildcard config/*.c) sessions/ballot.c sessions/capture.c sessions/errmsg.c sessions/event.c sessions/json.c \
	sessions/tally.c storage/search_query.c \
	cli/terminal_text.c
fuzz-build: $(patsubst tests/fuzz/%.c,build/fuzz/%,$(FUZZ_SRC))
build/fuzz/%: tests/fuzz/%.c $(FUZZ_LIB) $(wildcard config/*.h sessions/*.h tests/fuzz/*.h) storage/search_query.h
	@mkdir -p $(dir $@)
	$(CLANG) -std=c11 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -I. $(FUZZ_FLAGS) -o $@ $< \
		$(FUZZ_LIB) $(shell pkg-config --libs yaml-0.1 sqlite3) -lm
fuzz: deps-check fuzz-build
	@tests/fuzz/run.sh $(FUZZ_SECONDS)

# Benchmark programs (tests/bench/bench_*.c): each links the helpers and the archive.
BENCH_HELPERS := $(patsubst %.c,build/obj/%.o,tests/bench/bench_util.c tests/bench/bench_console.c)
BENCH_SRC := $(sort $(filter-out tests/bench/bench_util.c tests/bench/bench_console.c,$(wildcard tests/bench/bench_*.c)))
BENCH     := $(patsubst tests/bench/%.c,build/bench/%,$(BENCH_SRC))
build/bench/%: tests/bench/%.c $(BENCH_HELPERS) build/obj/libklankbord.a
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ $< $(BENCH_HELPERS) build/obj/libklankbord.a $(BENCH_WRAP) $(APP_LIBS)
# bench_keys counts the recording inside a frame apart from its drawing: the console's
# calls of session_apply_line() go through bench_keys.c's wrapper.
build/bench/bench_keys: BENCH_WRAP := -Wl,--wrap=session_apply_line
# The baselines link only what they measure, so that their process start is not inflated.
build/bench/bench_hello: tests/bench/bench_hello.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ $<
build/bench/bench_yaml: tests/bench/bench_yaml.c
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ $< $(shell pkg-config --libs yaml-0.1)
build/bench/bench_insert: tests/bench/bench_insert.c build/obj/tests/bench/bench_util.o
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(CFLAGS) -o $@ $< build/obj/tests/bench/bench_util.o $(shell pkg-config --libs sqlite3)
bench-build: $(BENCH)
.SECONDARY: $(BENCH_HELPERS)

bench:
	@scripts/deps.sh bench
	@$(MAKE) --no-print-directory klankbord bench-build CFLAGS='-O2 -DNDEBUG'
	@tests/bench/run.sh

install: klankbord
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(DOCDIR)/examples
	install -m 0755 klankbord $(DESTDIR)$(BINDIR)/klankbord
	install -m 0644 man/klankbord.1 $(DESTDIR)$(MANDIR)/man1/klankbord.1
	install -m 0644 man/klankbord-agenda.5 $(DESTDIR)$(MANDIR)/man5/klankbord-agenda.5
	install -m 0644 examples/*.yaml $(DESTDIR)$(DOCDIR)/examples/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/klankbord $(DESTDIR)$(MANDIR)/man1/klankbord.1 \
	      $(DESTDIR)$(MANDIR)/man5/klankbord-agenda.5
	rm -rf $(DESTDIR)$(DOCDIR)

clean:
	rm -rf build klankbord

-include $(shell find build -name '*.d' 2>/dev/null)
