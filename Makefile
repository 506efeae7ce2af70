# Vanguard's commands. `make demo` and `make test` are all a new developer needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SCALE ?= district
HOST ?= 127.0.0.1:8000

.PHONY: demo test lint bench messages clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/vanguard migrate --noinput
	$(BIN)/vanguard load-demo
	$(BIN)/vanguard runserver --insecure $(HOST)

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check vanguard tests bench

# The benchmark's own PostgreSQL database (created, migrated and filled by bench.run; never
# the test database). SCALE=school|district|city; BENCH_ARGS="--fresh" rebuilds the data.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/vanguard_bench

bench: $(STAMP)
	BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python -m bench.run --scale $(SCALE) $(BENCH_ARGS)

messages: $(STAMP)
	cd vanguard && ../$(BIN)/vanguard makemessages -l zh_Hans --no-obsolete && ../$(BIN)/vanguard compilemessages -l zh_Hans

clean:
	rm -rf $(VENV) var/*.sqlite3
