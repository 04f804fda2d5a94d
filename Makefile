# Two commands for a newcomer: `make run` and `make test`. Everything else is here for CI and ops.
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := .tools/bin/uv
HOST ?= 127.0.0.1
PORT ?= 8000
# Development settings build the address in notification emails from these (clinic/settings/dev.py).
export HOST PORT
MANAGE := $(UV) run --frozen python manage.py
OWN_PACKAGES := clinic home blog treatments booking selfcheck

.PHONY: run install migrate demo serve test lint check-deploy chromium gettext bench clean lighthouse \
	restore-drill faults

## run: install, migrate, load the demo site and serve it at http://$(HOST):$(PORT) (127.0.0.1:8000)
run: install migrate demo serve

## install: the exact versions in uv.lock, in .venv (uv itself is bootstrapped into .tools),
## compiled to bytecode with the site's own packages: Python reads .pyc files even under
## PYTHONDONTWRITEBYTECODE (set on these machines), which only stops it writing them, so a
## server would otherwise compile ~1,500 modules from source at every start (seconds); and the
## translation catalogues (locale/<lang>/LC_MESSAGES/django.po) compiled to the .mo files
## Django reads, which are build output and not in git
install: $(UV) gettext
	$(UV) sync --frozen --quiet --compile-bytecode
	$(UV) run --frozen python -m compileall -q $(OWN_PACKAGES)
	$(MANAGE) compilemessages --ignore=.venv --ignore=.tools

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

migrate: install
	$(MANAGE) migrate --noinput

demo: install
	$(MANAGE) load_demo_content

serve: install
	$(MANAGE) runserver $(HOST):$(PORT)

## test: the whole suite (SQLite in memory, or PostgreSQL when DATABASE_URL is set)
test: install chromium
	$(UV) run --frozen pytest $(PYTEST_ARGS)

## chromium: the browser tests drive Debian's Chromium; install it when missing and allowed
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else \
			echo "The browser tests need Chromium: sudo apt-get install chromium" >&2; exit 1; \
		fi; }

## gettext: compilemessages runs GNU gettext's msgfmt; install it when missing and allowed
gettext:
	@command -v msgfmt >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gettext >/dev/null; \
		else \
			echo "Compiling the translations needs GNU gettext: sudo apt-get install gettext" >&2; exit 1; \
		fi; }

lint: install
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	$(MANAGE) makemigrations --check --dry-run

## check-deploy: Django's deployment checklist against the production settings
check-deploy: install
	SECRET_KEY=check-deploy-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
	ALLOWED_HOSTS=clinic.example SITE_URL=https://clinic.example DJANGO_SETTINGS_MODULE=clinic.settings.production \
	FIELD_ENCRYPTION_KEYS=$$($(UV) run --frozen python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())') \
		$(UV) run --frozen python manage.py check --deploy --fail-level WARNING

## bench: with 5,000 and then 50,000 booking requests, time and peak memory of the streaming
## CSV export, and time and SQL query count of the managers' inbox (first page: open requests,
## all newest first, overdue)
## (a throwaway SQLite file in /tmp, or a throwaway test_ database when DATABASE_URL is set);
## then the site under load (scripts/bench_site.py: PostgreSQL database clinic_bench, dropped
## and made again, Redis db 14, gunicorn, wrk; page cache on, page cache off, nothing cached)
## -> bench-results/site.json; and what plain-language scoring costs next to rendering each demo
## health page (scripts/bench_readability.py) -> bench-results/readability.json; and, before
## the load, what one view of each page type costs to render next to a bare Wagtail page (the
## framework floor), gunicorn's cold start and the first view of a just-published article
## (scripts/bench_render.py: PostgreSQL database clinic_render or BENCH_RENDER_DATABASE,
## dropped and made again, Redis db 11; a cold start: boot, first response, spawn to first 200)
## -> bench-results/render.json
bench: install
	$(UV) run --frozen python scripts/bench_export.py
	$(UV) run --frozen python scripts/bench_readability.py
	$(UV) run --frozen python -m scripts.bench_render
	$(UV) run --frozen python -m scripts.bench_site

clean:
	rm -rf .venv .tools staticfiles .test-media

## lighthouse: Lighthouse scores (mobile) of five main pages under production settings; fails
## below performance 0.90 or accessibility, best practices, SEO 1.00 (the noindex booking page:
## every SEO audit but is-crawlable) -> bench-results/lighthouse.json. Lighthouse is pinned in
## scripts/lighthouse/package-lock.json, its Node in uv.lock's `lighthouse` group (not in install)
lighthouse: install chromium
	$(UV) run --frozen --group lighthouse python -m scripts.lighthouse

## restore-drill: back up and restore as the README's "Backups" says, on PostgreSQL (DATABASE_URL's
## server, else 127.0.0.1:5432): a demo site with encrypted booking requests in clinic_restore_src,
## pg_dump -Fc, pg_restore into clinic_restore_copy; a wrong FIELD_ENCRYPTION_KEYS must stop
## migrate with clinic.E001; with the right keys the pages answer, the requests open and a
## manager's search finds one (production settings). Both databases are dropped at the end
restore-drill: install
	$(UV) run --frozen python -m scripts.restore_drill

## faults: the site under a bounded load (gunicorn, two workers, production settings) while
## PostgreSQL restarts, Redis stops and restarts, and Redis is flushed, on servers of its own;
## fails on any 500 or any booking request lost or stored twice -> bench-results/faults.json
faults: install
	$(UV) run --frozen python -m scripts.faults
