# One command to run the portal, one to test it (README.md). Only Python >= 3.11 is needed:
# everything else is installed into .venv by these targets.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8000
STAMP  := $(VENV)/.installed

# The embedded mode: SQLite, eager tasks, e-mail as files (portal/settings.py), debug on.
export DJANGO_DEBUG ?= 1

.PHONY: run test bench setup install lint format messages clean

run: setup
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: setup
	$(PY) -m pytest $(PYTEST_ARGS)

# The benchmarks (benchmarks/README.md): PostgreSQL is required; the data set is reused between
# runs and never deleted without BENCH_ARGS=--reset. BENCH_ARGS=--scale=0.1 for a quick run.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/portal_bench
BENCH_REDIS_URL    ?= redis://127.0.0.1:6379/3

bench: setup
	@command -v wrk >/dev/null || bash benchmarks/install-tools.sh
	DJANGO_DEBUG=0 DATABASE_URL=$(BENCH_DATABASE_URL) REDIS_URL=$(BENCH_REDIS_URL) \
		STATIC_ROOT=var/bench-static MEDIA_ROOT=var/bench-media $(PY) -m benchmarks.run $(BENCH_ARGS)

setup: install
	$(PY) manage.py compile_translations
	$(PY) manage.py migrate --noinput

install: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed; found: $$($(PYTHON) --version 2>&1)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $@

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Refresh the translation catalogues after changing user-visible strings.
messages: install
	$(PY) manage.py makemessages --locale vi --locale en --no-obsolete --add-location file \
		--ignore ".venv/*" --ignore "var/*" --ignore "tests/*"

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache
