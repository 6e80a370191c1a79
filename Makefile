# vanban — two commands do everything on a fresh Debian machine: `make run`, `make test`.
SHELL := /bin/bash
SWIFT ?= $(shell command -v swift 2>/dev/null || echo /opt/swift/usr/bin/swift)
RELEASE_BIN := .build/release/vanban
DEBUG_BIN := .build/debug/vanban

.PHONY: run test build release deps lint format bench fuzz clean gazetteer embed

gazetteer:
	python3 tools/gazetteer.py

embed:
	python3 tools/embed-corpus.py

deps:
	@missing=""; \
	pkg-config --exists ncursesw 2>/dev/null || missing="$$missing libncursesw5-dev"; \
	command -v tmux >/dev/null || missing="$$missing tmux"; \
	command -v pkg-config >/dev/null || missing="$$missing pkg-config"; \
	command -v dot >/dev/null || missing="$$missing graphviz"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing) >/dev/null \
	      || { echo "apt-get install failed for:$$missing" >&2; exit 2; }; \
	  else \
	    echo "missing:$$missing — run: sudo apt-get install -y$$missing" >&2; exit 2; \
	  fi; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: release
	$(RELEASE_BIN) Data

lint:
	$(SWIFT) format lint --strict --recursive --parallel Package.swift Plugins Sources Tests

format:
	$(SWIFT) format --in-place --recursive --parallel Package.swift Plugins Sources Tests

test: deps lint build
	python3 tools/gazetteer.py --check
	python3 tools/embed-corpus.py --check
	$(DEBUG_BIN) fuzz --seconds 5
	$(SWIFT) test

bench: release
	@command -v rg >/dev/null || { if [ "$$(id -u)" = 0 ]; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ripgrep) >/dev/null \
	    || echo "ripgrep could not be installed: its rows stay empty" >&2; \
	  else echo "ripgrep missing (sudo apt-get install ripgrep): its rows stay empty" >&2; fi; }
	$(RELEASE_BIN) bench

# libFuzzer over the DirectiveKit sources when this toolchain has it (tools/fuzz/run.sh exits 3
# when not), else the seeded mutation loop of the release binary. Findings land in fuzz-crashes/.
fuzz: release
	@status=0; tools/fuzz/run.sh || status=$$?; \
	if [ $$status = 3 ]; then \
	  echo "libFuzzer not available here: seeded mutation loop instead"; \
	  $(RELEASE_BIN) fuzz --seconds $${FUZZ_SECONDS:-60}; \
	else exit $$status; fi

clean:
	rm -rf .build
