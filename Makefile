# Two commands on a fresh machine with Python 3.11 and pip: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
QUESTION ?= total signed in 2025

.PHONY: install index demo test lint bench bench-scale eval fit serve clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(INSTALLED)

install: $(INSTALLED)

# Incremental: unchanged releases cost a hash, so this is also the "index if missing or stale" step.
index: install
	$(BIN)/python -m bot index

demo: index
	$(BIN)/python -m bot ask "$(QUESTION)"
	@if [ -t 0 ] && [ -t 1 ]; then $(BIN)/python -m bot chat; fi

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# pytest exits 5 when it collected no test: that must fail, not pass silently.
test: lint
	$(BIN)/python -m pytest -q; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$rc

bench: index
	$(BIN)/python -m devtools.bench

# Not part of `make test`: N generated releases (default 10,000, with 1,000 and 2,000 beside it) indexed and
# asked, embedded Chroma and a `chroma run` server on loopback; about half an hour on 2 cores.
SIZES ?= 1000 2000 10000
bench-scale: install
	$(BIN)/python -m devtools.bench.scale --sizes $(SIZES) --server

# Strict tables by kind and language: the gold set over ./seeds and, when ../shared/corpus is present, its
# questions and threads (ARGS="--only threads", ARGS="--ids tq001,tt04 -v").
eval: install
	$(BIN)/python -m devtools.eval $(ARGS)

# Refit the answer path's decisions (bot/qa/weights.json) on the gold set and ../shared/corpus, printing
# 5-fold cross-validated strict tables first (ARGS="--no-cv" to skip them).
fit: install
	$(BIN)/python -m devtools.fit $(ARGS)

serve: index
	$(BIN)/python -m bot serve

clean:
	rm -rf .data
