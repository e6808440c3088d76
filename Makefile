# ctmatrix - one non-recursive Makefile.
#
#   make            build build/ctmatrix
#   make run        install what is missing, build, load the shipped 2018
#                   matrix into ./ctmatrix.db, show its statistics and
#                   data-quality findings, then serve the site on
#                   http://127.0.0.1:8080/ (LISTEN=HOST:PORT) with demo
#                   logins
#   make test       install what is missing, then every test: format and
#                   layer checks, unit tests, CLI tests on the real data,
#                   fuzz-corpus replay, and the same suites under
#                   AddressSanitizer and UBSan; ends with "N passed, N failed"
#   make bench      the benchmarks of issues 2, 4, 3, 6 and 7 (not part of
#                   make test)
#   make fuzz       libFuzzer on the importers, FUZZTIME seconds each
#   make format     reformat the sources with clang-format

CC       ?= cc
# The binary links SQLite, jansson and libsodium only.  libmicrohttpd is
# compiled against but loaded at run time by the server (src/web/server.c
# says why), so it is not among the libraries linked; nor are ICU and
# libxml2, loaded the first time text is folded or formatted, or XML read
# or written (src/text/icu.h, src/io/xml.h); pango, cairo, fontconfig and
# libxlsxwriter are linked into the module of the PDF and XLSX renderers,
# loaded on the first report that needs them (src/io/render.h says why).
# Debian's libxlsxwriter-dev ships its xlsxwriter.pc (it brings -lz).
# libpq, likewise, is compiled against and loaded when a PostgreSQL
# database is opened (src/store/db_pg.c).
PKGS     := sqlite3 jansson libsodium
LOADED_PKGS := icu-uc icu-i18n libxml-2.0 libmicrohttpd libpq
RENDER_PKGS := xlsxwriter pangocairo fontconfig
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) $(LOADED_PKGS) $(RENDER_PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
RENDER_LIBS := $(shell pkg-config --libs $(RENDER_PKGS) 2>/dev/null)
WARN     := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
            -Wpointer-arith -Wcast-qual -Wwrite-strings -Wformat=2 \
            -Wno-unused-parameter
CSTD     := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -pthread
# Link-time optimisation: the small functions of src/core (buf_putc, the
# hash of a StrMap) are called from every layer; inlined across files, a
# bulk import of 100,000 rows took 12 per cent less time (bench/run).  An
# archive of such objects wants gcc-ar, which loads GCC's LTO plugin.
OPT      ?= -O2 -g -flto=auto
AR_LTO   := $(shell command -v gcc-ar 2>/dev/null || echo ar)
WERROR   ?= -Werror
CFLAGS_ALL = $(CSTD) $(OPT) $(WARN) $(WERROR) $(PKG_CFLAGS) $(EXTRA_CFLAGS)
LDLIBS_ALL = $(PKG_LIBS) -lm -pthread $(EXTRA_LDFLAGS)

B        ?= build
CORE     := $(wildcard src/core/*.c)
TEXT     := $(wildcard src/text/*.c)
STORE    := $(wildcard src/store/*.c)
DOMAIN   := $(wildcard src/portfolio/*.c src/account/*.c src/plan/*.c)
IO       := $(wildcard src/io/*.c)
WEB      := $(wildcard src/web/*.c)
API      := $(wildcard src/api/*.c)
PAGE     := $(wildcard src/page/*.c)
CLI      := $(wildcard src/cli/*.c)
RENDER   := $(addprefix src/io/,annex_pdf.c annex_xlsx.c analysis_pdf.c \
            analysis_xlsx.c region_pdf.c region_xlsx.c render_module.c)
RENDEROBJ := $(RENDER:%.c=$(B)/pic/%.o)
LIBSRC   := $(filter-out $(RENDER),$(CORE) $(TEXT) $(STORE) $(DOMAIN) $(IO) \
            $(WEB) $(API) $(PAGE))
LIBOBJ   := $(LIBSRC:%.c=$(B)/%.o) $(B)/src/store/blobs.o $(B)/src/api/blobs.o \
            $(B)/src/page/blobs.o $(B)/src/io/blobs.o
CLIOBJ   := $(CLI:%.c=$(B)/%.o)
UNITSRC  := $(wildcard tests/unit/*.c)
DATA     := data/framework.json data/organisations.json data/groupings.json \
            data/place-aliases.json data/unsd-m49.csv data/currencies.json \
            data/seed-rounds.json

# The catalogues of the five languages besides English (src/text/lang.h).
LANGS    := ar es fr ru zh
MO       := $(LANGS:%=$(B)/locale/C/LC_MESSAGES/ctmatrix-%.mo)

all: $(B)/ctmatrix $(B)/ctmatrix-render.so $(MO)

# A language's catalogue is every po/LANG/*.po, one file a part of the
# program, joined (where two give a text, the first by name wins).
define mo_rule
$(B)/locale/C/LC_MESSAGES/ctmatrix-$(1).mo: $(wildcard po/$(1)/*.po)
	@mkdir -p $$(dir $$@)
	@msgcat --use-first --force-po -o $$@.po $$^
	@msgfmt --check -o $$@ $$@.po && rm -f $$@.po
endef
$(foreach l,$(LANGS),$(eval $(call mo_rule,$(l))))

# po/ctmatrix.pot: the texts marked in the sources (tools/check-po tells
# which catalogues lack which).
pot:
	tools/check-po --pot

# A program that may load the renderers carries the whole of libctm.a and
# exports its symbols (-rdynamic): the module calls back into it.
LINK_CTM = -rdynamic -Wl,--whole-archive $(B)/libctm.a -Wl,--no-whole-archive

$(B)/ctmatrix: $(CLIOBJ) $(B)/libctm.a
	$(CC) $(OPT) $(EXTRA_CFLAGS) -o $@ $(CLIOBJ) $(LINK_CTM) $(LDLIBS_ALL)

$(B)/ctmatrix-render.so: $(RENDEROBJ)
	$(CC) $(OPT) $(EXTRA_CFLAGS) -shared -o $@ $(RENDEROBJ) $(RENDER_LIBS) -lm -pthread

$(B)/pic/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "CC $< (module)"
	@$(CC) $(CFLAGS_ALL) -fPIC -MMD -MP -c -o $@ $<

$(B)/libctm.a: $(LIBOBJ)
	rm -f $@
	$(AR_LTO) rcs $@ $^

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

# The schema and the reference data are data files, embedded in the binary
# so that it runs from anywhere.
$(B)/src/api/blobs.o: src/api/blobs.S src/api/openapi.json
	@mkdir -p $(dir $@)
	$(CC) $(EXTRA_CFLAGS) -c -o $@ src/api/blobs.S

$(B)/src/page/blobs.o: src/page/blobs.S src/page/style.css src/page/app.js \
    data/project-template.csv
	@mkdir -p $(dir $@)
	$(CC) $(EXTRA_CFLAGS) -c -o $@ src/page/blobs.S

$(B)/src/io/blobs.o: src/io/blobs.S data/iati/relevance.json \
    $(wildcard data/iati/codelists/*.xml)
	@mkdir -p $(dir $@)
	$(CC) $(EXTRA_CFLAGS) -c -o $@ src/io/blobs.S

# The reference data's stamp is their cksum (src/store/blobs.S says why).
$(B)/src/store/blobs.o: src/store/blobs.S src/store/schema.sql \
    src/store/schema_pg.sql $(DATA)
	@mkdir -p $(dir $@)
	$(CC) $(EXTRA_CFLAGS) \
	    -DREFDATA_STAMP=$$(cat $(DATA) | cksum | cut -d' ' -f1) \
	    -c -o $@ src/store/blobs.S

$(B)/unit-tests: $(UNITSRC:%.c=$(B)/%.o) $(B)/libctm.a | $(MO) $(B)/ctmatrix-render.so
	$(CC) $(OPT) $(EXTRA_CFLAGS) -o $@ $(UNITSRC:%.c=$(B)/%.o) $(LINK_CTM) $(LDLIBS_ALL)

# A driver of the annex PDF for tests/cli/22-annex-pdf.sh and the
# benchmark of issue 6 (tests/tools/annex_pdf_sample.c says why).
# It calls the renderers directly: they are linked in.
$(B)/annex-pdf-sample: $(B)/tests/tools/annex_pdf_sample.o $(RENDEROBJ) $(B)/libctm.a | $(MO)
	$(CC) $(OPT) $(EXTRA_CFLAGS) -o $@ $(B)/tests/tools/annex_pdf_sample.o $(RENDEROBJ) $(B)/libctm.a $(LDLIBS_ALL) $(RENDER_LIBS)

-include $(shell find $(B) -name '*.d' 2>/dev/null)

# --- the two commands of the README -------------------------------------

DB ?= ctmatrix.db
LISTEN ?= 127.0.0.1:8080

run:
	@tools/deps
	@$(MAKE) -s all
	./$(B)/ctmatrix --db $(DB) init
	./$(B)/ctmatrix --db $(DB) import annex data/ctitf-matrix-2018-pillars-1-2.md
	./$(B)/ctmatrix --db $(DB) stats --by pillar
	./$(B)/ctmatrix --db $(DB) check
	@tools/run-demo $(DB) ./$(B)/ctmatrix $(LISTEN)

# Tools the tests use beyond the build: clang and its runtime for the
# fuzz targets, clang-format for the format check, node for reading JSON,
# sqlite3 and curl, xmllint for the Akoma Ntoso schema and, with unzip,
# for reading back the XLSX workbooks, chromium for the browser tests,
# poppler-utils (pdfinfo, pdftotext, pdftoppm) for the PDFs; postgresql
# (with its client, psql and pg_dump) for the private cluster the CLI
# tests run on the second time (tools/pg-cluster, tests/run);
# and npm for the test tools of tests/package.json (Ajv, html-validate,
# playwright-core), from Debian unless the node installed brings its own.
TEST_PKGS := clang libclang-rt-14-dev clang-format nodejs git sqlite3 curl \
             libxml2-utils unzip poppler-utils postgresql \
             chromium
TEST_NODE_MODULES := ajv html-validate playwright-core

test:
	@TOOLS_DEPS_EXTRA="$(TEST_PKGS)" tools/deps
	@command -v npm >/dev/null || TOOLS_DEPS_EXTRA=npm tools/deps
	@missing=; for m in $(TEST_NODE_MODULES); do \
	    [ -d tests/node_modules/$$m ] || missing="$$missing $$m"; done; \
	    [ -z "$$missing" ] || \
	    (cd tests && npm ci --no-audit --no-fund --loglevel=error)
	tests/run

deps:
	@tools/deps

# --- the rest ------------------------------------------------------------

ASAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer \
              -fno-sanitize-recover=undefined

asan:
	$(MAKE) B=build/asan OPT="-O1 -g" EXTRA_CFLAGS="$(ASAN_FLAGS)" \
	    build/asan/ctmatrix build/asan/ctmatrix-render.so \
	    build/asan/unit-tests build/asan/annex-pdf-sample \
	    $(LANGS:%=build/asan/locale/C/LC_MESSAGES/ctmatrix-%.mo)

unit: $(B)/unit-tests

FUZZ_TARGETS := $(patsubst fuzz/%.c,%,$(wildcard fuzz/fuzz_*.c))
FUZZTIME ?= 60
FUZZ_CFLAGS := -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer

fuzz-build:
	@TOOLS_DEPS_EXTRA="clang libclang-rt-14-dev" tools/deps
	$(MAKE) CC=clang B=build/fuzz OPT="-O1 -g" \
	    EXTRA_CFLAGS="$(FUZZ_CFLAGS)" build/fuzz/libctm.a
	for t in $(FUZZ_TARGETS); do \
	    clang $(CSTD) -O1 -g -fsanitize=fuzzer,address,undefined \
	        $(PKG_CFLAGS) -o build/fuzz/$$t fuzz/$$t.c build/fuzz/libctm.a \
	        $(LDLIBS_ALL) || exit 1; done

fuzz: fuzz-build
	for t in $(FUZZ_TARGETS); do mkdir -p build/fuzz/corpus-$$t; \
	    build/fuzz/$$t -max_total_time=$(FUZZTIME) -max_len=65536 \
	        build/fuzz/corpus-$$t fuzz/corpus/$${t#fuzz_} || exit 1; done

bench:
	@tools/deps bench
	@$(MAKE) -s all
	bench/run
	bench/plan
	BENCH_CTMATRIX=$(B)/ctmatrix bench/need
	BENCH_CTMATRIX=$(B)/ctmatrix bench/web
	bench/annex
	BENCH_CTMATRIX=$(B)/ctmatrix bench/iati

format:
	clang-format -i $$(git ls-files 'src/*.c' 'src/*.h' 'tests/*.c' \
	    'tests/*.h' 'fuzz/*.c' 'bench/*.c')

clean:
	rm -rf build

.PHONY: all pot run test deps asan unit fuzz fuzz-build bench format clean
