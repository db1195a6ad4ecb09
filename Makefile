# Two commands do all set-up on a fresh Debian/Ubuntu machine:
#   make briefing   install what is missing and build out/briefing.* from seeds/
#   make test       run the test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# WeasyPrint's system libraries and a font (harfbuzz-subset: else it warns on import).
APT_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
STAMP := $(VENV)/.installed

.PHONY: briefing test bench fuzz system-packages install clean

briefing: install
	$(BIN)/briefing build

test: install
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python bench/bench_build.py

FUZZ_SECONDS ?= 120
fuzz: install
	$(BIN)/python -m pip install -q -e '.[fuzz]'
	$(BIN)/python fuzz/fuzz_ingest.py out/.fuzz-corpus -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -rss_limit_mb=4096

install: system-packages $(STAMP)

system-packages:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing system packages: $$missing"; \
		$(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

$(STAMP): pyproject.toml
	[ -x $(BIN)/python ] || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) build *.egg-info
	find out -mindepth 1 ! -name .gitkeep -delete
