# newstrace: two commands on a fresh machine (Python 3.11 + package registries):
#   make demo   # set up .venv from the lock file, run the pipeline on examples/corpus
#   make test   # set up, install/start what the tests need (chromium, PostgreSQL), run all tests
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
DB ?= sqlite:///newstrace.db

.PHONY: demo test venv lock browser lint clean-venv bench

venv: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@rm -f $(VENV)/.installed-*; touch $@

demo: $(STAMP)
	@$(BIN)/python -m newstrace.demo --db $(DB)

test: $(STAMP) browser
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

# Debian's chromium for the browser tests (Playwright drives /usr/bin/chromium; no browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "warning: could not install chromium; browser tests will be skipped"; \
	  else echo "warning: chromium missing and not root; browser tests will be skipped"; fi; }

lock:
	$(BIN)/python -m pip install --quiet uv==0.13.9
	rm -f requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra test --python-version 3.11 \
	  --python-platform x86_64-manylinux_2_28 --generate-hashes --no-header -q -o requirements.lock
	sed -i '1i # Locked dependencies (runtime + test) for Python 3.11. Regenerate with `make lock`.' requirements.lock

bench: $(STAMP)
	$(BIN)/python benchmarks/eval_gate.py

clean-venv:
	rm -rf $(VENV)
