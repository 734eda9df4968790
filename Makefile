# mainframe.passticket — developer and CI entry points.
#   make test   everything CI runs (lint, sanity, units + integration on the
#               lowest and newest supported ansible-core)
#   make demo   the CSM procedure on two simulated z/OS hosts
#   make bench  PassTicket engine benchmark, and what a CSM run costs on z/OS
#               (module invocations, RACF/ICSF reads and changes per host)
# Each target builds its own virtual environment under the repo from the pinned
# requirements in tests/requirements/; nothing is assumed preinstalled but
# Python 3 (pyenv's 3.11 and 3.13 here) and make.

SHELL := /bin/bash
PYENV_ROOT ?= $(HOME)/.pyenv
# first python<version> found under pyenv, then on PATH
find_python = $(firstword $(wildcard $(PYENV_ROOT)/versions/$(1).*/bin/python$(1)) $(shell command -v python$(1) 2>/dev/null))

NEWEST_CORE := 2.21
LOWEST_CORE := 2.16
PY_NEWEST ?= $(call find_python,3.13)
PY_LOWEST ?= $(call find_python,3.11)
VENV := .venv
VENV_LOWEST := .venv-$(LOWEST_CORE)
BUILD := .build
RESULTS := $(BUILD)/results
COLLECTIONS := $(abspath $(BUILD)/collections)
# every CPython pyenv carries, so ansible-test sanity compiles for 3.9..3.13
PYENV_BINS := $(subst $(eval) ,:,$(wildcard $(PYENV_ROOT)/versions/3.*/bin))
export ANSIBLE_COLLECTIONS_PATH := $(COLLECTIONS)
export ANSIBLE_NOCOLOR := 1
PYTEST_ARGS ?=
SANITY_ARGS ?=

.PHONY: help test demo bench lint sanity units-newest units-lowest venv venv-lowest build collection-link clean rexx-deps

help:
	@echo "make test   - everything CI runs"
	@echo "make demo   - the CSM PassTicket procedure on two simulated z/OS hosts"
	@echo "make bench  - PassTicket engine benchmark and z/OS cost (commands, module invocations per host)"
	@echo "make build  - build the collection tarball into $(BUILD)/dist"

define need_python
	@test -n "$(1)" && test -x "$(1)" || { echo "error: Python $(2) not found (looked under $(PYENV_ROOT)/versions and on PATH)." >&2; \
	  echo "       install it (e.g. 'pyenv install $(2)') or pass its path: make $@ $(3)=/path/to/python$(2)" >&2; exit 1; }
endef

$(VENV)/.installed: tests/requirements/ansible-$(NEWEST_CORE).txt
	$(call need_python,$(PY_NEWEST),3.13,PY_NEWEST)
	rm -rf $(VENV)
	$(PY_NEWEST) -m venv $(VENV)
	$(VENV)/bin/python -m pip install -q --disable-pip-version-check -r $<
	touch $@

$(VENV_LOWEST)/.installed: tests/requirements/ansible-$(LOWEST_CORE).txt
	$(call need_python,$(PY_LOWEST),3.11,PY_LOWEST)
	rm -rf $(VENV_LOWEST)
	$(PY_LOWEST) -m venv $(VENV_LOWEST)
	$(VENV_LOWEST)/bin/python -m pip install -q --disable-pip-version-check -r $<
	touch $@

venv: $(VENV)/.installed
venv-lowest: $(VENV_LOWEST)/.installed

# ansible finds collections only under ansible_collections/<ns>/<name>
collection-link:
	@mkdir -p $(COLLECTIONS)/ansible_collections/mainframe
	@ln -sfn $(CURDIR) $(COLLECTIONS)/ansible_collections/mainframe/passticket

# Regina REXX runs the bundled z/OS execs in the tests (tests/rexx)
rexx-deps:
	@sh tests/tools/ensure_regina.sh

lint: venv collection-link
	$(VENV)/bin/ansible-lint --offline roles playbooks

# ansible-test wants the collection under ansible_collections/<ns>/<name>, and
# outside this git checkout (inside it, git's ignore rules would hide the copy)
sanity: venv
	@dest=$$(mktemp -d) && \
	  root=$$($(VENV)/bin/python tests/tools/prepare_ansible_test.py $$dest) && \
	  ( cd $$root && PATH="$(CURDIR)/$(VENV)/bin:$(PYENV_BINS):$$PATH" ansible-test sanity --venv --color no $(SANITY_ARGS) ); \
	  rc=$$?; rm -rf $$dest; exit $$rc

units-newest: rexx-deps venv collection-link
	@mkdir -p $(RESULTS)
	$(VENV)/bin/python -m pytest tests/unit tests/integration -p no:cacheprovider --junitxml=$(RESULTS)/pytest-ansible-$(NEWEST_CORE).xml $(PYTEST_ARGS)

units-lowest: rexx-deps venv-lowest collection-link
	@mkdir -p $(RESULTS)
	$(VENV_LOWEST)/bin/python -m pytest tests/unit tests/integration -p no:cacheprovider --junitxml=$(RESULTS)/pytest-ansible-$(LOWEST_CORE).xml $(PYTEST_ARGS)

# Every stage runs even when an earlier one failed; the summary decides.
test: rexx-deps venv venv-lowest
	@rm -rf $(RESULTS) && mkdir -p $(RESULTS)
	@echo "==> ansible-lint"; $(MAKE) --no-print-directory lint; echo $$? > $(RESULTS)/1-ansible-lint.rc
	@echo "==> ansible-test sanity"; $(MAKE) --no-print-directory sanity; echo $$? > $(RESULTS)/2-ansible-test-sanity.rc
	@echo "==> pytest, ansible-core $(NEWEST_CORE)"; $(MAKE) --no-print-directory units-newest; echo $$? > $(RESULTS)/pytest-ansible-$(NEWEST_CORE).rc
	@echo "==> pytest, ansible-core $(LOWEST_CORE)"; $(MAKE) --no-print-directory units-lowest; echo $$? > $(RESULTS)/pytest-ansible-$(LOWEST_CORE).rc
	@$(VENV)/bin/python tests/tools/summarize.py $(RESULTS)

demo: rexx-deps venv collection-link
	@test -f tests/demo/run_demo.py || { echo "make demo: the demo (tests/demo/run_demo.py) is not there yet." >&2; exit 1; }
	$(VENV)/bin/python tests/demo/run_demo.py

bench: venv
	$(VENV)/bin/python tests/benchmarks/bench_passticket.py
	$(VENV)/bin/python tests/benchmarks/bench_zos_cost.py

build: venv
	@mkdir -p $(BUILD)/dist
	$(VENV)/bin/ansible-galaxy collection build --force --output-path $(BUILD)/dist .

clean:
	rm -rf $(BUILD) $(VENV) $(VENV_LOWEST) .pytest_cache
