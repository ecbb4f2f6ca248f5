# soho.routeros: the two commands of the README (`make demo`, `make test`) and their parts.
# Every target bootstraps .venv from the requirement files first, so a fresh machine with
# Python 3.11 and pip needs nothing else.

PYTHON ?= python3
VENV := .venv
BIN := $(abspath $(VENV))/bin
STAMP := $(VENV)/.installed
COLLECTION_LINK := .collections/ansible_collections/soho/routeros
SANITY_ROOT := .build/sanity/ansible_collections/soho/routeros
# ansible-test bootstraps pip into its sanity environments from this cached script.
ANSIBLE_TEST_PIP := 24.2
GET_PIP_CACHE := $(HOME)/.ansible/test/cache/get_pip_$(subst .,_,$(ANSIBLE_TEST_PIP)).py
PYTEST_WORKERS ?= 2
# The other Python versions this machine has (pyenv's), for the compile test of the modules on each one.
OTHER_PYTHONS := $(subst $(eval) ,:,$(wildcard $(HOME)/.pyenv/versions/*/bin))
# The controller Pythons ansible-core 2.19 supports besides 3.11, on which every sanity test runs.
CONTROLLER_PYTHONS := 3.12 3.13

export PATH := $(BIN):$(PATH)
export ANSIBLE_CONFIG := $(abspath ansible.cfg)
export ANSIBLE_COLLECTIONS_PATH := $(abspath .collections)
export ANSIBLE_HOME := $(abspath .ansible)
export ANSIBLE_LOCAL_TEMP := $(abspath .ansible/tmp)

.PHONY: venv demo test pytest faults sanity lint yamllint ansible-lint molecule build bench clean

venv: $(STAMP) $(COLLECTION_LINK)

$(STAMP): requirements.txt requirements-dev.txt $(wildcard tests/simulator/pyproject.toml)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@if [ -f tests/simulator/pyproject.toml ]; then \
	  $(BIN)/python -m pip install --quiet --disable-pip-version-check -e tests/simulator; fi
	touch $@

$(COLLECTION_LINK):
	mkdir -p $(dir $@)
	ln -sfn ../../.. $@

demo: venv
	$(BIN)/python tools/demo.py

test: venv
	$(MAKE) pytest
	$(MAKE) sanity
	$(MAKE) lint
	$(MAKE) molecule

pytest: venv
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile tests

# The connection cut at every API sentence of a converge and the reply lost after every write (make test takes every
# 48th): about an hour on two cores.
faults: venv
	SOHO_CUT_EVERY=1 $(BIN)/pytest -p no:xdist tests/faults/test_every_sentence.py

sanity: venv $(GET_PIP_CACHE)
	rm -rf .build/sanity
	mkdir -p $(SANITY_ROOT)
	git ls-files -z --cached --others --exclude-standard \
	  | $(BIN)/python tools/copy_tree.py $(SANITY_ROOT)
	cd $(SANITY_ROOT) && git init --quiet && git add -A \
	  && $(BIN)/ansible-test sanity --color no --python 3.11
	# Module code also runs on the Pythons of managed hosts: the compile test on every version ansible-test supports
	# that this machine has (ansible-test names each one it runs on).
	cd $(SANITY_ROOT) && PATH="$(OTHER_PYTHONS):$$PATH" $(BIN)/ansible-test sanity --color no --test compile
	# Plugins run in the controller: the import test also on the other controller Pythons of ansible-core (3.12, 3.13)
	# that this machine has; the other tests do not depend on the Python version.
	cd $(SANITY_ROOT) && for version in $(CONTROLLER_PYTHONS); do \
	  if PATH="$(OTHER_PYTHONS):$$PATH" command -v python$$version >/dev/null; then \
	    PATH="$(OTHER_PYTHONS):$$PATH" $(BIN)/ansible-test sanity --color no --test import --python $$version || exit 1; \
	  else echo "sanity: no Python $$version on this machine"; fi; done

$(GET_PIP_CACHE): tools/get_pip_offline.py
	mkdir -p $(dir $@)
	cp tools/get_pip_offline.py $@

lint: yamllint ansible-lint

yamllint: venv
	$(BIN)/yamllint --strict .

ansible-lint: venv
	$(BIN)/ansible-lint --profile production --offline

molecule: venv
	@if ls extensions/molecule/*/molecule.yml >/dev/null 2>&1; then \
	  cd extensions && $(BIN)/molecule test --all; \
	else echo "molecule: no scenarios yet"; fi

build: venv
	mkdir -p .build
	$(BIN)/ansible-galaxy collection build --force --output-path .build .

# The bench has an environment of its own: community.routeros comes from the full `ansible` package there, never
# into .venv or the collection's requirements. BENCH_QUICK=1 for a smoke run; bench/README.md has the knobs.
BENCH_VENV := .build/bench-venv
BENCH_STAMP := $(BENCH_VENV)/.installed

$(BENCH_STAMP): bench/requirements.txt tests/simulator/pyproject.toml
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r bench/requirements.txt -e tests/simulator
	touch $@

bench: $(BENCH_STAMP) $(COLLECTION_LINK)
	$(BENCH_VENV)/bin/python tools/bench.py

clean:
	rm -rf .build .collections .ansible $(VENV)
