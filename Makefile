# cophub: build, run, test, install.  `make run` and `make test` are the
# two commands README.md starts with.

PREFIX ?= /usr/local
DESTDIR ?=
DATADIR ?= $(PREFIX)/share/cophub
VERSION := 0.1.0

CC ?= gcc
PKGS := libmicrohttpd sqlite3 libpq libsodium jansson inih cairo pangocairo fontconfig libqrencode libcmark libxml-2.0 libarchive
# asked of pkg-config once, when a recipe first needs them: after
# `scripts/deps` (the first prerequisite of run and test) has installed them
PKG_CFLAGS = $(eval PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null))$(PKG_CFLAGS)
PKG_LIBS = $(eval PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null))$(PKG_LIBS)
WARN := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wvla -Wno-format-nonliteral -Wno-format-truncation
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c17 -D_GNU_SOURCE $(WARN) $(CFLAGS) -Isrc $(PKG_CFLAGS) \
	-DCOPHUB_VERSION='"$(VERSION)"' -DCOPHUB_DATADIR='"$(DATADIR)"'
LIBS = $(PKG_LIBS) -lpthread -lm

SRC := $(sort $(wildcard src/*/*.c)) src/routes.c
MAIN := src/main.c
OBJ := $(SRC:src/%.c=build/obj/%.o)
ASAN_OBJ := $(SRC:src/%.c=build/asan/%.o)
SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined \
	-DCOPHUB_FAULTS

UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build/tests/%)
# leaks inside libraries that are not ours: see the file
LSAN_ENV := LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp,print_suppressions=0 ASAN_OPTIONS=fast_unwind_on_malloc=0
UNIT_ASAN := $(UNIT_SRC:tests/unit/%.c=build/asan-tests/%)

.PHONY: all audio run test deps deps-test unit unit-asan cli install-test FORCE http http-pg asan http-asan check-src \
	check-po fuzz fuzz-replay browser bench bench-play bench-learn bench-library bench-policy po install clean

all: build/cophub audio

# The under-9 stories read aloud (espeak-ng, opusenc), made again only for
# lines whose text changed; see scripts/narrate.
CONTENT := $(sort $(wildcard content/play/*.txt content/play/i18n/*/*.txt content/help/*.txt po/*.po))
audio: build/audio.stamp
build/audio.stamp: build/cophub scripts/narrate $(CONTENT)
	scripts/narrate build/cophub build/audio
	@touch $@

deps:
	@scripts/deps

deps-test:
	@scripts/deps test

build/obj/%.o: src/%.c $(wildcard src/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

build/asan/%.o: src/%.c $(wildcard src/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN) -O1 -c $< -o $@

# The data folder is compiled into the binary; rebuild when it changes.
build/datadir.stamp: FORCE
	@mkdir -p build
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' > $@
FORCE:
build/obj/core/config.o build/asan/core/config.o: build/datadir.stamp

build/libcophub.a: $(OBJ)
	@rm -f $@
	ar rcs $@ $^

build/libcophub-asan.a: $(ASAN_OBJ)
	@rm -f $@
	ar rcs $@ $^

build/cophub: $(MAIN) build/libcophub.a
	$(CC) $(ALL_CFLAGS) $(MAIN) build/libcophub.a $(LIBS) -o $@

build/asan/cophub: $(MAIN) build/libcophub-asan.a
	$(CC) $(ALL_CFLAGS) $(SAN) -O1 $(MAIN) build/libcophub-asan.a $(LIBS) -o $@

# ---- make run -------------------------------------------------------------
RUN_DB ?= sqlite:var/cophub.db

run: deps build/cophub audio
	@mkdir -p var
	COPHUB_DATA=$(CURDIR) build/cophub migrate --db $(RUN_DB)
	@COPHUB_DATA=$(CURDIR) build/cophub demo --db $(RUN_DB)
	COPHUB_DATA=$(CURDIR) build/cophub serve --db $(RUN_DB) --listen 127.0.0.1:8080

# ---- make test ------------------------------------------------------------
test: deps-test check-src build/cophub audio check-po unit cli install-test http http-pg asan fuzz-replay browser
	@echo "make test: every test passed"

check-src:
	@scripts/check-src

check-po: build/cophub
	@scripts/check-po
	COPHUB_DATA=$(CURDIR) build/cophub check

build/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) build/libcophub.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Itests/unit $< build/libcophub.a $(LIBS) -lcmocka -o $@

build/asan-tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) build/libcophub-asan.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN) -O1 -Itests/unit $< build/libcophub-asan.a $(LIBS) -lcmocka -o $@

unit: $(UNIT_BIN)
	@for t in $(UNIT_BIN); do echo "== $$t"; COPHUB_DATA=$(CURDIR) $$t || exit 1; done

unit-asan: $(UNIT_ASAN)
	@for t in $(UNIT_ASAN); do echo "== $$t"; COPHUB_DATA=$(CURDIR) $(LSAN_ENV) $$t || exit 1; done

cli: build/cophub
	tests/cli/run build/cophub

# make install into a scratch folder; the installed binary finds its data
install-test:
	rm -rf build/install-test
	$(MAKE) --no-print-directory install DESTDIR=$(CURDIR)/build/install-test PREFIX=/opt/cophub >/dev/null
	build/install-test/opt/cophub/bin/cophub --version
	test -f build/install-test/opt/cophub/share/man/man1/cophub.1
	grep -q 'ExecStart=/opt/cophub/bin/cophub serve' build/install-test/opt/cophub/lib/systemd/system/cophub.service
	test -f build/install-test/etc/cophub/cophub.ini
	build/install-test/opt/cophub/bin/cophub --help | grep -q 'default /opt/cophub/share/cophub'
	test -n "$$(find build/install-test/opt/cophub/share/cophub/audio/en -name '*.opus' | head -n 1)"
	env -u COPHUB_DATA build/install-test/opt/cophub/bin/cophub check --data $(CURDIR)/build/install-test/opt/cophub/share/cophub
	@echo "install-test: ok"

build/hbt: tests/http/hbt.c
	@mkdir -p build
	$(CC) -std=c17 -D_GNU_SOURCE $(WARN) -O2 -g $< -o $@

http: build/cophub build/hbt
	tests/http/run sqlite build/cophub

http-pg: build/cophub build/hbt
	tests/http/run postgres build/cophub

http-asan: build/asan/cophub build/hbt
	$(LSAN_ENV) tests/http/run sqlite build/asan/cophub
	$(LSAN_ENV) tests/http/run postgres build/asan/cophub

asan: unit-asan http-asan

FUZZ := $(patsubst tests/fuzz/%.c,build/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_SRC := $(filter-out src/http/server.c src/web/app.c src/web/page.c src/site/% src/admin/% src/play/% \
	src/learn/% src/library/% src/policy/% src/dashboard/% src/render/% src/translate/web.c \
	src/routes.c,$(SRC))
build/fuzz/%: tests/fuzz/%.c $(FUZZ_SRC)
	@mkdir -p build/fuzz
	clang -std=c17 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined -Isrc $(PKG_CFLAGS) \
		$< $(FUZZ_SRC) $(LIBS) -o $@

# Replays every seed and past finding (tests/fuzz/corpus/NAME/).
fuzz-replay: $(FUZZ)
	@for f in $(FUZZ); do n=$$(basename $$f); echo "== $$n"; \
		$$f -runs=0 -artifact_prefix=build/fuzz/ tests/fuzz/corpus/$$n >/dev/null 2>build/fuzz/$$n.log || \
			{ tail -n 30 build/fuzz/$$n.log; exit 1; }; done

FUZZ_SECONDS ?= 60
fuzz: $(FUZZ)
	@for f in $(FUZZ); do n=$$(basename $$f); mkdir -p build/fuzz/corpus-$$n; \
		echo "== $$n for $(FUZZ_SECONDS) s"; \
		$$f -max_total_time=$(FUZZ_SECONDS) -artifact_prefix=tests/fuzz/corpus/$$n/ \
			build/fuzz/corpus-$$n tests/fuzz/corpus/$$n || exit 1; done

browser: build/cophub
	tests/browser/run build/cophub

# ---- benchmarks (not part of make test) -------------------------------------
bench: build/cophub
	@scripts/deps bench
	bench/run build/cophub

# 200 children answering scenarios on keep-alive connections for 30 s
bench-play: build/cophub
	@scripts/deps bench
	bench/play build/cophub

# a country of 100,000 learners, 1,000,000 events and 2,000 trainers: its
# report and cascade pages, and a tenth of it
bench-learn: build/cophub
	@scripts/deps bench
	bench/learn build/cophub

# a translation memory of 200,000 units, and search in three languages
build/bench-tm: bench/tm.c build/libcophub.a
	$(CC) $(ALL_CFLAGS) $< build/libcophub.a $(LIBS) -o $@

bench-library: build/cophub build/bench-tm
	@scripts/deps bench
	bench/library build/cophub build/bench-tm

# 60 countries' self-assessments, strategies, plans of 200 actions and 100
# indicators over 20 quarters, and 2,000,000 game answers: the global
# dashboard and a country's (PAGES chooses the pages)
bench-policy: build/cophub
	@scripts/deps bench
	bench/policy build/cophub

# ---- translations -----------------------------------------------------------
po:
	scripts/update-po

# ---- install ----------------------------------------------------------------
install: build/cophub audio
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(DATADIR) $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/lib/systemd/system
	install -m 755 build/cophub $(DESTDIR)$(PREFIX)/bin/cophub
	cp -r templates static po data $(DESTDIR)$(DATADIR)/
	install -d $(DESTDIR)$(DATADIR)/db
	cp -r db/migrations $(DESTDIR)$(DATADIR)/db/
	if [ -d content ]; then cp -r content $(DESTDIR)$(DATADIR)/; fi
	rm -rf $(DESTDIR)$(DATADIR)/audio && cp -r build/audio $(DESTDIR)$(DATADIR)/audio
	install -m 644 man/cophub.1 $(DESTDIR)$(PREFIX)/share/man/man1/cophub.1
	sed 's|@PREFIX@|$(PREFIX)|g' dist/cophub.service > $(DESTDIR)$(PREFIX)/lib/systemd/system/cophub.service
	install -d $(DESTDIR)/etc/cophub
	[ -f $(DESTDIR)/etc/cophub/cophub.ini ] || install -m 640 dist/cophub.ini $(DESTDIR)/etc/cophub/cophub.ini

clean:
	rm -rf build
