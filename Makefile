# GECO Lib' portal. `make run` to try it, `make test` to run the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
# Local targets run with DEBUG=true, which lets the settings use the public
# development SECRET_KEY; production (DEBUG=false) refuses to start without its
# own key. The tests need nothing: the settings accept the development key
# while pytest runs (PYTEST_VERSION is set).
LOCAL := DEBUG=true

.PHONY: run demo test bench bench-load quality format clean backup restore restore-file

# The environment: uv (pinned in requirements-dev.txt) installs the pinned
# requirements in seconds where pip takes minutes.
$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet $$(grep '^uv==' requirements-dev.txt)
	$(VENV)/bin/uv pip install --quiet --python $(PY) -r requirements-dev.txt
	touch $(STAMP)

## Set up, load the demo data and serve the portal at http://127.0.0.1:8000
run: $(STAMP)
	$(LOCAL) $(PY) manage.py migrate --noinput
	$(LOCAL) $(PY) manage.py load_guide
	$(LOCAL) $(PY) manage.py demo_data
	@echo ""
	@echo "Portail GECO Lib' : http://127.0.0.1:8000"
	@echo "Connexion : professionnel@demo.gecolib.fr (ou staff@, facilitateur@, charge.mission@demo.gecolib.fr)"
	@echo "Mot de passe : demo-gecolib"
	@echo ""
	$(LOCAL) GECOLIB_REQUIRE_MFA=false $(PY) manage.py runserver 127.0.0.1:8000

demo: $(STAMP)
	$(LOCAL) $(PY) manage.py migrate --noinput
	$(LOCAL) $(PY) manage.py load_guide
	$(LOCAL) $(PY) manage.py demo_data

# axe-core for the accessibility crawl (tests/e2e/test_accessibility.py), at the
# version pinned in package-lock.json; without npm that test says what is missing.
NODE_STAMP := node_modules/.installed-stamp

$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $(NODE_STAMP); \
	else echo "npm absent : le contrôle d'accessibilité (axe-core) ne pourra pas tourner"; fi

# Tests run in parallel, one process per core (pytest-xdist; each process has
# its own test database). Extra pytest options: make test PYTEST_ARGS="-n 0 -k charte".
PYTEST_ARGS ?= -n auto --dist worksteal

## Set up (or update) the environment and run the whole test suite
test: $(STAMP) $(NODE_STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

# Benchmarks (tests/perf/bench_*.py) print figures; one process, so that
# nothing else competes for the machine while they measure.
BENCH_ARGS ?=

## Run the benchmarks and print their figures (any database; PostgreSQL as in production)
bench: $(STAMP)
	$(PY) -m pytest tests/perf -o 'python_files=bench_*.py' -p no:xdist -s $(BENCH_ARGS)

## The load benchmark: 50 signed-in people (locust) against gunicorn, then /healthz as the floor (needs DATABASE_URL=postgres://… and REDIS_URL; about 4 minutes)
bench-load: $(STAMP)
	GECOLIB_LOAD_BENCH=1 $(PY) -m pytest tests/perf/bench_load.py -p no:xdist -s $(BENCH_ARGS)

quality: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/vulture
	$(LOCAL) $(PY) manage.py check
	$(LOCAL) $(PY) manage.py makemigrations --check --dry-run

## Back up the database and the media folder to BACKUP_DIR (default backups/)
backup: $(STAMP)
	$(PY) manage.py backup

## Restore an archive written by `make backup`: make restore FILE=backups/gecolib-….tar.gz
restore: restore-file $(STAMP)
	$(PY) manage.py restore "$(FILE)"

restore-file:
	@test -n "$(FILE)" || (echo "Indiquez l'archive : make restore FILE=backups/gecolib-….tar.gz" && exit 2)

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles node_modules
