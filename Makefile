# vanban — two commands do everything on a fresh Debian machine: `make run`, `make test`.
SHELL := /bin/bash
SWIFT ?= $(shell command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
RELEASE_BIN := .build/release/vanban
DEBUG_BIN := .build/debug/vanban
# The tools of Tools/: built with the package, never part of the vanban binary.
FUZZ_DEBUG := .build/debug/vanban-fuzz
FUZZ_RELEASE := .build/release/vanban-fuzz
BENCH_RELEASE := .build/release/vanban-bench
# Corpus sizes `make bench` measures: BENCH_SIZES="10000 100000" for both sizes of issue #13
# (100,000 took 23 minutes on a shared 2-core machine, hence the default).
BENCH_SIZES ?= 10000
# make install PREFIX=~/.local, or DESTDIR=/tmp/stage for packaging; INSTALL_BIN is the binary installed.
PREFIX ?= /usr/local
DESTDIR ?=
INSTALL_BIN ?= $(RELEASE_BIN)

.PHONY: run test build release deps test-deps lint format bench fuzz clean gazetteer embed install \
  install-files uninstall accuracy

gazetteer:
	python3 Tools/gazetteer.py

embed:
	python3 Tools/embed-corpus.py

# Installs the Debian packages named in $$missing when root, else names them and stops.
APT_INSTALL = if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing) >/dev/null \
	      || { echo "apt-get install failed for:$$missing" >&2; exit 2; }; \
	  else \
	    echo "missing:$$missing — run: sudo apt-get install -y$$missing" >&2; exit 2; \
	  fi; \
	fi

# What building needs; test-deps adds what the tests drive (tmux, Graphviz, man, zsh and fish).
deps:
	@missing=""; \
	pkg-config --exists ncursesw 2>/dev/null || missing="$$missing libncursesw5-dev"; \
	command -v pkg-config >/dev/null || missing="$$missing pkg-config"; \
	$(APT_INSTALL)

test-deps: deps
	@missing=""; \
	command -v tmux >/dev/null || missing="$$missing tmux"; \
	command -v dot >/dev/null || missing="$$missing graphviz"; \
	command -v man >/dev/null || missing="$$missing man-db"; \
	command -v zsh >/dev/null || missing="$$missing zsh"; \
	command -v fish >/dev/null || missing="$$missing fish"; \
	$(APT_INSTALL)

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product vanban

run: release
	$(RELEASE_BIN) Data

lint:
	$(SWIFT) format lint --strict --recursive --parallel Package.swift Plugins Sources Tests Tools

format:
	$(SWIFT) format --in-place --recursive --parallel Package.swift Plugins Sources Tests Tools

test: test-deps lint build
	python3 Tools/gazetteer.py --check
	python3 Tools/embed-corpus.py --check
	$(FUZZ_DEBUG) --seconds 5
	# The programs the tests run keep their snapshots here: none of an earlier vanban may remain.
	rm -rf .build/test-cache
	$(SWIFT) test

# The real development set (Tests/DirectiveKitTests/Fixtures/realdev) scored against its labels,
# with every miss and every extra, file by file; the suite holds the same scores to their floors.
REALDEV := Tests/DirectiveKitTests/Fixtures/realdev
accuracy: build
	@$(DEBUG_BIN) list --json $(REALDEV) > .build/realdev.json
	@python3 $(REALDEV)/score.py $(REALDEV)/labels.json -v < .build/realdev.json || true
	@python3 $(REALDEV)/score.py $(REALDEV)/labels.json --relations < .build/realdev.json || true

# Generated corpora (once, into .build/bench-corpora) measured side by side with ripgrep: the
# tables of Tools/Bench, then the goals of issue #13 and whether each is met.
bench: release
	$(SWIFT) build -c release --product vanban-bench
	@command -v rg >/dev/null || { if [ "$$(id -u)" = 0 ]; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ripgrep) >/dev/null \
	    || echo "ripgrep could not be installed: its rows stay empty" >&2; \
	  else echo "ripgrep missing (sudo apt-get install ripgrep): its rows stay empty" >&2; fi; }
	$(BENCH_RELEASE) --vanban $(RELEASE_BIN) --sizes "$(BENCH_SIZES)"

# libFuzzer over the DirectiveKit sources when this toolchain has it (Tools/Fuzz/libFuzzer/run.sh
# exits 3 when not), else the seeded mutation loop of vanban-fuzz. Findings land in fuzz-crashes/.
fuzz: release
	@status=0; Tools/Fuzz/libFuzzer/run.sh || status=$$?; \
	if [ $$status = 3 ]; then \
	  echo "libFuzzer not available here: seeded mutation loop instead"; \
	  $(SWIFT) build -c release --product vanban-fuzz || exit 2; \
	  $(FUZZ_RELEASE) --seconds $${FUZZ_SECONDS:-60}; \
	else exit $$status; fi

# The release binary, its manual page, completions for bash, zsh and fish, and docs/ (Tools/install.sh).
install: release
	@$(MAKE) -s --no-print-directory install-files

install-files:
	Tools/install.sh "$(INSTALL_BIN)" "$(DESTDIR)$(PREFIX)"

uninstall:
	Tools/install.sh --uninstall "$(DESTDIR)$(PREFIX)"

clean:
	rm -rf .build
