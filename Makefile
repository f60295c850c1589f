# integra: build, test, install.  A plain Makefile; `make help` lists targets.

VERSION     := 0.1.0
PREFIX      ?= /usr/local
BINDIR      ?= $(PREFIX)/bin
LIBDIR      ?= $(PREFIX)/lib
PLUGINDIR   ?= $(LIBDIR)/integra/plugins
INCLUDEDIR  ?= $(PREFIX)/include
DATADIR     ?= $(PREFIX)/share
MANDIR      ?= $(DATADIR)/man
DOCDIR      ?= $(DATADIR)/doc/integra
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
LOCALEDIR   ?= $(DATADIR)/locale
SYSCONFDIR  ?= $(if $(filter /usr,$(PREFIX)),/etc,$(PREFIX)/etc)
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
DESTDIR     ?=

CC          ?= cc
PKG_CONFIG  ?= pkg-config
CFLAGS      ?= -O2 -g
WARN        := -Wall -Wextra -Wformat=2 -Wshadow -Wstrict-prototypes
ifeq ($(WERROR),1)
WARN        += -Werror
endif
HARDEN_CPPFLAGS := -D_FORTIFY_SOURCE=2
HARDEN_CFLAGS   := -fstack-protector-strong
HARDEN_LDFLAGS  := -Wl,-z,relro,-z,now

BUILD       ?= build
ifeq ($(SANITIZE),1)
BUILD       := build-san
CFLAGS      := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
LDFLAGS     += -fsanitize=address,undefined
HARDEN_CPPFLAGS :=
endif
# FUZZ=1 (set by `make fuzz`): clang, libFuzzer's coverage, ASan and
# UBSan, in build-fuzz; csv.c reads through a tiny buffer there, so that
# records straddle reads.
ifeq ($(FUZZ),1)
BUILD       := build-fuzz
CC          := clang
CFLAGS      := -O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined \
	-fno-sanitize-recover=all -DCSV_BUFSIZE=61 -Wno-format-nonliteral \
	-Wno-missing-field-initializers
LDFLAGS     += -fsanitize=address,undefined
HARDEN_CPPFLAGS :=
endif

DEP_PKGS    := libconfig sqlite3 libpq
LIBS_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(DEP_PKGS) 2>/dev/null)
LIBS_LDLIBS := $(shell $(PKG_CONFIG) --libs $(DEP_PKGS) 2>/dev/null) -ldl -lm -pthread
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)
XLSX_CFLAGS := $(shell $(PKG_CONFIG) --cflags xlsxwriter 2>/dev/null)
XLSX_LIBS   := $(shell $(PKG_CONFIG) --libs xlsxwriter 2>/dev/null)
PDF_CFLAGS  := $(shell $(PKG_CONFIG) --cflags pangocairo pangoft2 fontconfig 2>/dev/null)
PDF_LIBS    := $(shell $(PKG_CONFIG) --libs pangocairo pangoft2 fontconfig 2>/dev/null)

ALL_CPPFLAGS = -Icore -Icore/include $(HARDEN_CPPFLAGS) -DINTEGRA_VERSION='"$(VERSION)"' \
	-DINTEGRA_PLUGINDIR='"$(PLUGINDIR)"' -DINTEGRA_LOCALEDIR='"$(LOCALEDIR)"' $(CPPFLAGS)
ALL_CFLAGS   = -std=c17 -D_GNU_SOURCE $(WARN) $(HARDEN_CFLAGS) $(CFLAGS) $(LIBS_CFLAGS) -MMD -MP
BIN_CFLAGS   = -fPIE
BIN_LDFLAGS  = -pie $(HARDEN_LDFLAGS) $(LDFLAGS)
PLUGIN_CFLAGS  = -fPIC -fvisibility=hidden
# Per-plugin extra flags and libraries: PLUGIN_EXTRA_<name>, PLUGIN_LIBS_<name>.
PLUGIN_EXTRA_xlsx = $(XLSX_CFLAGS)
PLUGIN_LIBS_xlsx  = $(XLSX_LIBS)
# civil_service reads plan CSV files with the core's reader, built in.
PLUGIN_EXTRA_civil_service = -Icore
PLUGIN_EXTRA_pdf = $(PDF_CFLAGS)
PLUGIN_LIBS_pdf  = $(PDF_LIBS) -Wl,-z,nodelete  # GLib is never unloaded
PLUGIN_LDFLAGS = -shared $(HARDEN_LDFLAGS) $(LDFLAGS)

ifeq ($(V),1)
Q :=
else
Q := @
endif

CORE_SRC    := $(filter-out core/main.c,$(wildcard core/*.c))
CORE_OBJ    := $(CORE_SRC:%.c=$(BUILD)/%.o)
MAIN_OBJ    := $(BUILD)/core/main.o
CORE_LIB    := $(BUILD)/libintegra-core.a
BIN         := $(BUILD)/integra

# A plugin of several .c files is named once.  plugins/template is the
# example for plugin writers: installed as source, built by its test.
PLUGIN_NAMES := $(filter-out template,$(sort $(notdir $(patsubst %/,%,$(dir $(wildcard plugins/*/*.c))))))
PLUGIN_SO    := $(PLUGIN_NAMES:%=$(BUILD)/plugins/%.so)

FIXTURE_SRC  := $(wildcard tests/fixtures/*.c)
FIXTURE_SO   := $(FIXTURE_SRC:tests/fixtures/%.c=$(BUILD)/fixtures/%.so)

UNIT_SRC    := $(wildcard tests/unit/test_*.c)
UNIT_BIN    := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
CLI_TESTS   := $(sort $(wildcard tests/cli/t[0-9]*.sh))
LINT_TESTS  := $(sort $(wildcard tests/lint/*.sh))
# How many test scripts run at once (empty: run.sh's default, the CPUs).
CHECK_JOBS  ?=
# A failed lint check (tests/lint: no function over 60 lines, no cycle
# among the core modules) fails `make check` as a failed test does;
# LINT_BLOCKING=0 only reports it, for a tree in the middle of a change.
LINT_BLOCKING ?= 1
RUN_TESTS    = BUILD=$(BUILD) tests/cli/run.sh $(if $(CHECK_JOBS),-j $(CHECK_JOBS))
# PG_CHECK=1: the CLI suite runs a second time on PostgreSQL, on a
# throw-away cluster (tests/pg/check.sh; skipped, and counted so, without
# PostgreSQL).  On by default; off under SANITIZE and VALGRIND, whose
# passes look at integra's own memory, the same whichever backend.
PG_CHECK    ?= $(if $(filter 1,$(SANITIZE) $(VALGRIND)),0,1)
# VALGRIND=1: the unit tests and every integra the CLI tests run go through
# tests/valgrind.sh (tests/cli/lib.sh makes $$BIN a wrapper); a memory
# error or a definitely lost block fails the test, and the reports left in
# $(BUILD)/valgrind are printed at the end.
VG_LOGDIR   := $(CURDIR)/$(BUILD)/valgrind
ifeq ($(VALGRIND),1)
VG_UNIT      = tests/valgrind.sh $(VG_LOGDIR) unit-$$(basename $$t)
export VALGRIND
TEST_TIMEOUT ?= 1800
export TEST_TIMEOUT
endif

# Translations (po/LANG.po, see docs/translating.md): each built into
# $(BUILD)/locale/LANG/LC_MESSAGES/integra.mo, where a binary run from
# $(BUILD) finds it (the directory "locale" beside the binary), installed
# under $(LOCALEDIR).  The template $(BUILD)/po/integra.pot is generated,
# not kept in git: it is the sources' messages, and a copy in git would go
# stale at every change.  msguniq first: po/*.po is merged with git's
# union driver, which may leave a message twice.
PO_LANGS    := $(basename $(notdir $(wildcard po/*.po)))
MO_FILES    := $(PO_LANGS:%=$(BUILD)/locale/%/LC_MESSAGES/integra.mo)
POT         := $(BUILD)/po/integra.pot
POT_SRC     := $(wildcard core/*.c core/*.h) $(filter-out plugins/template/%,$(wildcard plugins/*/*.c))
XGETTEXT_FLAGS := --from-code=UTF-8 --language=C --add-comments=TRANSLATORS \
	--package-name=integra --package-version=$(VERSION) --no-wrap \
	--keyword=_ --keyword=N_ --keyword=P_:1,2 --keyword=NP_:1,2 --keyword=C_:1c,2 --keyword=NC_:1c,2 \
	--keyword=error_set:3 --keyword=warn_msg:1 --keyword=plugin_refuse:3 \
	--keyword=cfg_error:4 --keyword=job_error:4 --keyword=fail:4 \
	--keyword=error:3 --keyword=log:3 --keyword=db_error:2 --keyword=imp_report:4 \
	--keyword=check_text:2 --keyword=check_code:2 --keyword=check_enum:2 \
	--keyword=check_number:2 --keyword=check_hidden:2 \
	--flag=error_set:3:c-format --flag=warn_msg:1:c-format \
	--flag=plugin_refuse:3:c-format --flag=cfg_error:4:c-format \
	--flag=job_error:4:c-format --flag=fail:4:c-format \
	--flag=error:3:c-format --flag=log:3:c-format --flag=P_:1:c-format \
	--flag=P_:2:c-format

MAN1        := $(wildcard docs/*.1)
MAN5        := $(wildcard docs/*.5)
MAN7        := $(wildcard docs/*.7)

.PHONY: all check check-run check-pg unit cli lint demo deps deps-auto bench install uninstall clean help fixtures
.PHONY: pot po-check deps-locale
.PHONY: fuzz fuzz-build fuzz-run

all: $(BIN) $(PLUGIN_SO) $(MO_FILES)

help:
	@echo "make            build $(BIN) and the plugins"
	@echo "make check      build and run unit, CLI and lint tests (SANITIZE=1 for ASan/UBSan,"
	@echo "                VALGRIND=1 under valgrind, CHECK_JOBS=N scripts at once,"
	@echo "                LINT_BLOCKING=0 lint only reported)"
	@echo "make demo       load the demonstration data and print status and reports"
	@echo "make deps       install missing Debian packages (as root)"
	@echo "make bench      run the benchmarks in tests/bench"
	@echo "make fuzz       build the libFuzzer harnesses of tests/fuzz with clang and run each"
	@echo "                for FUZZ_SECONDS=$(FUZZ_SECONDS) (FUZZ_TARGETS=\"$(FUZZ_TARGETS)\")"
	@echo "make install    install under PREFIX=$(PREFIX) (DESTDIR honoured)"
	@echo "make pot        $(POT): the messages to translate (po/uk.po; docs/translating.md)"
	@echo "make po-check   every po/*.po complete and in step with the sources (part of check)"

$(BUILD)/core/%.o: core/%.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(BIN_CFLAGS) -c -o $@ $<

$(CORE_LIB): $(CORE_OBJ)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

$(BIN): $(MAIN_OBJ) $(CORE_LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(BIN_LDFLAGS) -o $@ $(MAIN_OBJ) $(CORE_LIB) $(LIBS_LDLIBS)

$(BUILD)/plugins/%.so: plugins/%/*.c core/include/integra/plugin.h
	@mkdir -p $(@D)
	@$(if $(Q),echo "  PLUGIN  $@")
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(PLUGIN_CFLAGS) $(PLUGIN_EXTRA_$*) -o $@ \
		$(filter %.c,$^) $(PLUGIN_LDFLAGS) $(PLUGIN_LIBS_$*)

# civil_service: the core's CSV reader built in (see PLUGIN_EXTRA_civil_service).
$(BUILD)/plugins/civil_service.so: core/csv.c core/xalloc.c plugins/civil_service/cs.h

$(BUILD)/fixtures/%.so: tests/fixtures/%.c core/include/integra/plugin.h
	@mkdir -p $(@D)
	@$(if $(Q),echo "  FIXTURE $@")
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(PLUGIN_CFLAGS) -o $@ $< $(PLUGIN_LDFLAGS)

$(BUILD)/tests/%: tests/unit/%.c $(CORE_LIB)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  TEST    $@")
	$(Q)$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(BIN_CFLAGS) $(BIN_LDFLAGS) -o $@ $< \
		$(CORE_LIB) $(LIBS_LDLIBS) $(CMOCKA_LIBS)
$(BUILD)/tests/test_schema_pg: CMOCKA_LIBS += $(shell $(PKG_CONFIG) --cflags --libs libpq 2>/dev/null)

# test_agency_pg talks to a test cluster through libpq directly.
$(BUILD)/tests/test_agency_pg: LIBS_CFLAGS += $(shell $(PKG_CONFIG) --cflags libpq 2>/dev/null)
$(BUILD)/tests/test_agency_pg: LIBS_LDLIBS += $(shell $(PKG_CONFIG) --libs libpq 2>/dev/null)

fixtures: $(FIXTURE_SO) $(BUILD)/bench/gen

$(BUILD)/po/%.po: po/%.po
	@mkdir -p $(@D)
	$(Q)msguniq --use-first --force-po -o $@ $<

$(BUILD)/locale/%/LC_MESSAGES/integra.mo: $(BUILD)/po/%.po
	@mkdir -p $(@D)
	@$(if $(Q),echo "  MSGFMT  $@")
	$(Q)msgfmt --check -o $@ $<

.PRECIOUS: $(BUILD)/po/%.po
pot: $(POT)
$(POT): $(POT_SRC)
	@mkdir -p $(@D)
	$(Q)xgettext $(XGETTEXT_FLAGS) -o $@ $(POT_SRC)

# Every translation complete: no untranslated or fuzzy message, every
# message of the sources in it (msgcmp), and the printf conversions of each
# the msgid's: msgfmt --check on the translation merged with the template,
# whose c-format flags come from the sources, so that a message added
# without its flag is checked too.
po-check: $(POT) $(PO_LANGS:%=$(BUILD)/po/%.po)
	@fail=0; for l in $(PO_LANGS); do \
		msgcmp -N $(BUILD)/po/$$l.po $(POT) || { fail=1; \
			echo "po/$$l.po: messages of the sources missing (make pot; msgmerge)"; }; \
		msgmerge --quiet --no-fuzzy-matching -o $(BUILD)/po/$$l.check.po \
			$(BUILD)/po/$$l.po $(POT) || fail=1; \
		s=$$(msgfmt --check --statistics -o /dev/null $(BUILD)/po/$$l.check.po 2>&1) || fail=1; \
		echo "po/$$l.po: $$s"; \
		case "$$s" in *untranslated*|*fuzzy*) fail=1;; esac; \
	done; exit $$fail

# The synthetic-data generator of the benchmarks.
$(BUILD)/bench/gen: tests/bench/gen.c
	@mkdir -p $(@D)
	$(Q)$(CC) -std=c17 -O2 $(WARN) -o $@ $<

# `make check` and `make demo` work as the first command on a fresh machine:
# they install missing packages first, then re-read this Makefile.
check:
	$(Q)$(MAKE) --no-print-directory deps-auto
	$(Q)$(MAKE) --no-print-directory check-run

# The unit tests one after another, then the CLI tests and the lint
# checks CHECK_JOBS at a time; the closing line counts what passed,
# failed and was skipped.
check-run: all fixtures $(UNIT_BIN) po-check
	@mkdir -p $(BUILD)/tests; fail=0; \
	$(if $(VG_UNIT),rm -rf $(VG_LOGDIR) && mkdir -p -m 1777 $(VG_LOGDIR);) \
	units=0; unitfail=0; \
	for t in $(UNIT_BIN); do \
		echo "== $$t"; units=$$((units + 1)); \
		$(VG_UNIT) $$t || { fail=1; unitfail=$$((unitfail + 1)); }; \
	done; \
	$(RUN_TESTS) -s $(BUILD)/tests/cli.sum -t $(BUILD)/tests/cli.times $(CLI_TESTS) || fail=1; \
	pg=; \
	if [ "$(PG_CHECK)" = 1 ]; then \
		CHECK_JOBS=$(CHECK_JOBS) BUILD=$(BUILD) sh tests/pg/check.sh \
		    $(BUILD)/tests/cli-pg.sum $(CLI_TESTS) || fail=1; \
		set -- $$(cat $(BUILD)/tests/cli-pg.sum 2>/dev/null || echo '? ? ?'); \
		pg="; cli-pg: $$1 passed, $$2 failed, $$3 skipped"; \
	fi; \
	lintfail=0; \
	$(RUN_TESTS) -n lint -s $(BUILD)/tests/lint.sum $(LINT_TESTS) || lintfail=1; \
	set -- $$(cat $(BUILD)/tests/cli.sum 2>/dev/null || echo '? ? ?'); \
	cli="unit: $$units programs, $$unitfail failed; cli: $$1 passed, $$2 failed, $$3 skipped$$pg"; \
	set -- $$(cat $(BUILD)/tests/lint.sum 2>/dev/null || echo '? ? ?'); \
	lint="lint: $$1 passed, $$2 failed"; \
	if [ $$lintfail -ne 0 ]; then \
		if [ "$(LINT_BLOCKING)" = 1 ]; then fail=1; \
		else lint="$$lint (not blocking: LINT_BLOCKING=0)"; fi; \
	fi; \
	$(if $(VG_UNIT),for f in $$(find $(VG_LOGDIR) -type f -size +0 | sort); do \
		echo "== valgrind: $$f"; cat "$$f"; fail=1; done;) \
	if [ $$fail -ne 0 ]; then echo "make check: FAILED ($$cli; $$lint)"; exit 1; fi; \
	echo "make check: all tests passed ($$cli; $$lint)"

unit: all $(UNIT_BIN)
	@for t in $(UNIT_BIN); do $$t || exit 1; done

cli: all fixtures
	@mkdir -p $(BUILD)/tests
	@$(RUN_TESTS) -t $(BUILD)/tests/cli.times $(CLI_TESTS)

# The CLI suite on PostgreSQL alone (a throw-away cluster); T=SCRIPT...
# runs only those.
check-pg: all fixtures
	@mkdir -p $(BUILD)/tests
	@CHECK_JOBS=$(CHECK_JOBS) BUILD=$(BUILD) sh tests/pg/check.sh \
	    $(BUILD)/tests/cli-pg.sum $(or $(T),$(CLI_TESTS))

# The lint checks alone; they fail the target whatever LINT_BLOCKING says.
lint: all
	@$(RUN_TESTS) -n lint $(LINT_TESTS)

demo:
	$(Q)$(MAKE) --no-print-directory deps-auto
	$(Q)$(MAKE) --no-print-directory all
	$(Q)BUILD=$(BUILD) sh tests/demo.sh

bench:
	$(Q)$(MAKE) --no-print-directory deps-auto
	$(Q)$(MAKE) --no-print-directory all
	$(Q)BUILD=$(BUILD) sh tests/bench/run.sh

# Debian packages needed to build, test and benchmark.
DEB_PKGS := gcc make pkg-config libc6-dev libconfig-dev libsqlite3-dev sqlite3 \
	libcmocka-dev libxlsxwriter-dev jq python3 python3-openpyxl time e2fsprogs
DEB_PKGS += libpq-dev postgresql  # the PostgreSQL backend and its test cluster
DEB_PKGS += gettext locales  # the Ukrainian interface: msgfmt, xgettext, uk_UA.UTF-8
DEB_PKGS += libcairo2-dev libpango1.0-dev fonts-dejavu-core poppler-utils  # pdf plugin and its test

# EXTRA_PKGS adds more: CI asks for chromium, which the HTML screenshot
# test uses (it skips on a machine without a browser).
deps:
	@missing=""; \
	for p in $(DEB_PKGS) $(EXTRA_PKGS); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then echo "deps: all Debian packages present"; \
	elif [ "$$(id -u)" -eq 0 ]; then \
		echo "deps: installing$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	else \
		echo "deps: missing packages; run as root:"; \
		echo "  apt-get install$$missing"; exit 1; \
	fi
	@$(MAKE) --no-print-directory deps-locale

# The tests run the interface in Ukrainian: uk_UA.UTF-8 generated when it
# is missing (as root; without it integra still speaks Ukrainian, see
# docs/translating.md, but a person's terminal would not).
deps-locale:
	@if ! locale -a 2>/dev/null | grep -qi '^uk_UA\.utf-\?8$$'; then \
		if [ "$$(id -u)" -eq 0 ] && command -v localedef >/dev/null && \
		    [ -f /usr/share/i18n/locales/uk_UA ]; then \
			echo "deps: generating the locale uk_UA.UTF-8"; \
			localedef -i uk_UA -f UTF-8 uk_UA.UTF-8; \
		else \
			echo "deps: locale uk_UA.UTF-8 missing; as root: localedef -i uk_UA -f UTF-8 uk_UA.UTF-8"; \
		fi; \
	fi

deps-auto:
	@if ! $(PKG_CONFIG) --exists $(DEP_PKGS) cmocka xlsxwriter pangocairo 2>/dev/null || \
	   ! command -v sqlite3 >/dev/null || ! command -v jq >/dev/null || \
	   ! command -v msgfmt >/dev/null || ! locale -a 2>/dev/null | grep -qi '^uk_UA\.utf-\?8$$' || \
	   ! python3 -c 'import openpyxl' 2>/dev/null || \
	   ! sh tests/pg/cluster.sh bindir >/dev/null 2>&1; then \
		$(MAKE) --no-print-directory deps; \
	fi

integra-plugin.pc: integra-plugin.pc.in
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' \
	    -e 's|@PLUGINDIR@|$(PLUGINDIR)|g' -e 's|@VERSION@|$(VERSION)|g' \
	    -e 's|@ABI@|$(shell sed -n 's/^#define INTEGRA_ABI_MAJOR[^0-9]*\([0-9]*\).*/\1/p' core/include/integra/plugin.h)|g' $< > $(BUILD)/$@

install: all
	@mkdir -p $(BUILD)
	$(Q)$(MAKE) --no-print-directory integra-plugin.pc
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(PLUGINDIR) $(DESTDIR)$(INCLUDEDIR)/integra \
		$(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(DOCDIR)/examples
	install -m 0755 $(BIN) $(DESTDIR)$(BINDIR)/integra
	$(if $(PLUGIN_SO),install -m 0755 $(PLUGIN_SO) $(DESTDIR)$(PLUGINDIR)/)
	install -m 0644 core/include/integra/plugin.h $(DESTDIR)$(INCLUDEDIR)/integra/plugin.h
	install -m 0644 core/include/integra/totals.h $(DESTDIR)$(INCLUDEDIR)/integra/totals.h
	install -m 0644 $(BUILD)/integra-plugin.pc $(DESTDIR)$(PKGCONFIGDIR)/integra-plugin.pc
	$(if $(MAN1),install -m 0644 $(MAN1) $(DESTDIR)$(MANDIR)/man1/)
	$(if $(MAN5),install -m 0644 $(MAN5) $(DESTDIR)$(MANDIR)/man5/)
	$(if $(MAN7),install -m 0644 $(MAN7) $(DESTDIR)$(MANDIR)/man7/)
	install -m 0644 $(wildcard docs/*.md) $(DESTDIR)$(DOCDIR)/
	$(if $(wildcard config/*),install -m 0644 $(wildcard config/*) $(DESTDIR)$(DOCDIR)/examples/)
	$(if $(wildcard plugins/template/*.c),install -m 0644 plugins/template/*.c $(DESTDIR)$(DOCDIR)/examples/)
	install -d $(DESTDIR)$(BASHCOMPDIR)
	install -m 0644 completion/integra.bash $(DESTDIR)$(BASHCOMPDIR)/integra
	$(foreach l,$(PO_LANGS),install -D -m 0644 $(BUILD)/locale/$(l)/LC_MESSAGES/integra.mo \
		$(DESTDIR)$(LOCALEDIR)/$(l)/LC_MESSAGES/integra.mo;)

# Fuzzing: tests/fuzz/fuzz_NAME.c linked with the core built by clang with
# FUZZ=1; tests/fuzz/run.sh runs each for FUZZ_SECONDS on the seeds of
# tests/fuzz/corpus/NAME and fails on a crash, a leak or a hang.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= csv date cron cfg import
FUZZ_BIN     := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/fuzz_%)

fuzz:
	$(Q)$(MAKE) --no-print-directory deps-auto
	$(Q)$(MAKE) --no-print-directory FUZZ=1 fuzz-run

fuzz-build:
	$(Q)$(MAKE) --no-print-directory FUZZ=1 $(FUZZ_TARGETS:%=build-fuzz/fuzz/fuzz_%) \
		build-fuzz/fixtures/good.so

fuzz-run: $(FUZZ_BIN) $(BUILD)/fixtures/good.so
	$(Q)BUILD=$(BUILD) FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh $(FUZZ_TARGETS)

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(CORE_LIB)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  FUZZ    $@")
	$(Q)$(CC) $(ALL_CPPFLAGS) -Itests/unit $(ALL_CFLAGS) $(BIN_CFLAGS) -fsanitize=fuzzer \
		$(BIN_LDFLAGS) -o $@ $< $(CORE_LIB) $(LIBS_LDLIBS)

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/integra $(DESTDIR)$(INCLUDEDIR)/integra/plugin.h \
		$(DESTDIR)$(INCLUDEDIR)/integra/totals.h $(DESTDIR)$(PKGCONFIGDIR)/integra-plugin.pc
	rm -f $(PLUGIN_NAMES:%=$(DESTDIR)$(PLUGINDIR)/%.so)
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man1/,$(notdir $(MAN1))) \
		$(addprefix $(DESTDIR)$(MANDIR)/man5/,$(notdir $(MAN5))) \
		$(addprefix $(DESTDIR)$(MANDIR)/man7/,$(notdir $(MAN7)))
	rm -rf $(DESTDIR)$(DOCDIR)
	rm -f $(DESTDIR)$(BASHCOMPDIR)/integra
	rm -f $(PO_LANGS:%=$(DESTDIR)$(LOCALEDIR)/%/LC_MESSAGES/integra.mo)
	-rmdir $(DESTDIR)$(INCLUDEDIR)/integra $(DESTDIR)$(PLUGINDIR) $(DESTDIR)$(LIBDIR)/integra 2>/dev/null

clean:
	rm -rf build build-san build-fuzz

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
