# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
HOST ?= 0.0.0.0
export PORT HOST
TEST_PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: run serve test check lint jstest lock chromium nginx node clean mutation random-order

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# Stamp files: reinstall only when the requirements change.
# requirements.txt and requirements-dev.txt are the whole pinned tree, compiled by `make lock`.
$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt -r requirements-dev.txt
	touch $@ $(VENV)/.runtime

# Compile the short lists of direct dependencies (requirements*.in) into the pinned trees (pip-tools).
PIP_COMPILE = $(BIN)/pip-compile -q --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links
lock: $(VENV)/.dev
	$(PIP_COMPILE) requirements.in -o requirements.txt
	$(PIP_COMPILE) requirements-dev.in -o requirements-dev.txt

# Browser tests drive Debian's Chromium (never a downloaded browser build).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null) \
	  || echo "WARNING: could not install chromium; browser tests will be skipped (they fail when CI=true)"; }

# The tests put a real nginx in front of two server processes (deploy/nginx.conf).
nginx:
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || { \
	  echo "Installing Debian's nginx for the serving tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null) \
	  || echo "WARNING: could not install nginx; the nginx test will be skipped"; }

# The JavaScript unit tests (tests/js) run on Node's own test runner: Debian's nodejs when there is none.
node:
	@command -v node >/dev/null 2>&1 || { \
	  echo "Installing Debian's nodejs for the JavaScript unit tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null) \
	  || echo "WARNING: could not install nodejs; the JavaScript unit tests will fail"; }

# The pure logic of the browser modules (the scanner's bursts, the offline queue, the clock, the live versions).
jstest: node
	node --test --test-reporter=dot tests/js/*.test.js

# One process, the demo congress on an empty database, the same server stack as `make serve`.
run: $(VENV)/.runtime
	$(BIN)/flask --app kiosk demo
	$(BIN)/gunicorn -c gunicorn.conf.py

# The production server: gunicorn (gevent worker) on HOST:PORT, with DATABASE_URL and REDIS_URL when set.
# Several of these on different ports behind nginx (deploy/nginx.conf) serve one hall together.
serve: $(VENV)/.runtime
	$(BIN)/flask --app kiosk init-db
	$(BIN)/gunicorn -c gunicorn.conf.py

lint: $(VENV)/.dev
	$(BIN)/ruff check .

# pytest over both cores; a file's tests stay on one worker (module-scoped worlds, the fuzzing total).
# Tests run in file order here; `make random-order` runs the same suite shuffled (pytest-randomly).
PYTEST = $(BIN)/python -m pytest -q -p no:cacheprovider -p no:randomly -n 2 --dist loadfile

# The inner loop: ruff, then every test that needs no browser and no server process of its own, on SQLite,
# with a twentieth of the fuzzing budget. Under a minute on the 2-core development machine.
check: $(VENV)/.dev lint jstest
	KIOSK_FUZZ_SCALE=0.05 $(PYTEST) -m "not browser and not process"

# Everything (what CI runs): ruff; the whole suite on SQLite; then everything that touches SQL again on the real
# PostgreSQL (browser tests, which check what a page draws, run once, on SQLite). On CI (CI=true) nothing is
# skipped: no PostgreSQL fails here, no Redis, Chromium or nginx fails the tests that need them (tests/helpers.py).
test: $(VENV)/.dev chromium nginx lint jstest
	@echo "--- the whole suite on SQLite ---"
	$(PYTEST)
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(subst +psycopg,,$(TEST_PG_URL))', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "--- everything but the browser tests on PostgreSQL ---"; \
	  KIOSK_TEST_DATABASE_URL=$(TEST_PG_URL) $(PYTEST) -m "not browser"; \
	elif [ "$$CI" = "true" ]; then \
	  echo "ERROR: PostgreSQL not reachable at $(TEST_PG_URL); CI=true must run the suite on it" >&2; exit 1; \
	else echo "PostgreSQL not reachable at $(TEST_PG_URL): skipped the PostgreSQL run"; fi

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mutation

# Each test passes in any order: the fast tier shuffled by pytest-randomly (a new seed each run, printed first;
# SEED=n replays one). Not part of `make check`: run it when tests or fixtures change.
random-order: $(VENV)/.dev
	@seed="$(SEED)"; seed=$${seed:-$$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}; \
	echo "--- the fast tier in random order: SEED=$$seed replays it ---"; \
	KIOSK_FUZZ_SCALE=0.05 $(BIN)/python -m pytest -q -p no:cacheprovider -n 2 --dist loadfile \
	  -p randomly --randomly-seed=$$seed -m "not browser and not process"

# Mutation testing (cosmic-ray) of the modules that hold the hall's rules, each against the tests that guard it;
# prints the score per module (docs/mutation.md). Hours on a 2-core machine, so never part of `make test`:
# MUTATION="workbooks sockets" runs some targets only (`.venv/bin/python tools/mutation.py --list`).
mutation: $(VENV)/.dev
	$(BIN)/python tools/mutation.py $(MUTATION)

# The benchmark table of issue 13 (bench/run_all.py): check-in against a bare endpoint on SQLite and on PostgreSQL
# behind nginx, fan-out against a bare Flask-SocketIO server, badges, the delegate import, a vote burst; written
# with the machine into docs/benchmarks.md. Needs wrk, nginx, PostgreSQL on 127.0.0.1:5432 and Redis on :6379.
.PHONY: bench
bench: $(VENV)/.dev nginx
	@command -v wrk >/dev/null 2>&1 || { \
	  echo "Installing Debian's wrk for the check-in benchmark"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null) \
	  || echo "WARNING: could not install wrk; the check-in benchmark will fail"; }
	$(BIN)/python bench/run_all.py $(BENCH_ARGS)
