# mainframe.passticket — developer and CI entry points.
#   make test   everything CI runs: ruff (lint and format check); root-level ansible-lint; ansible-test sanity
#               and the unit tests on every supported ansible-core release
#               (2.16 to 2.21), the integration tests on the lowest and newest;
#               galaxy-importer on the built tarball, antsibull-docs and
#               antsibull-changelog lint
#   make demo   the CSM procedure on two simulated z/OS hosts (runtime packages only)
#   make bench  PassTicket engine benchmark, and what a CSM run costs on z/OS
#               (module invocations, RACF/ICSF reads and changes per host)
# Each target builds its own virtual environment under the repo from the pinned
# requirements in tests/requirements/; nothing is assumed preinstalled but
# Python 3 (pyenv's 3.10 to 3.13 here) and make.

SHELL := /bin/bash
PYENV_ROOT ?= $(HOME)/.pyenv
# first python<version> found under pyenv, then on PATH
find_python = $(firstword $(wildcard $(PYENV_ROOT)/versions/$(1).*/bin/python$(1)) $(shell command -v python$(1) 2>/dev/null))
# the Python <version> to use: PY_<version>=/path/to/python on the command line, else find_python
python_for = $(or $(PY_$(1)),$(call find_python,$(1)))

# ---------------------------------------------------------------------------
# The support matrix: every ansible-core release the README claims, each on a
# Python that release supports on the controller, each with its pinned tool set
# tests/requirements/ansible-<release>.txt.
#   lowest and newest: all sanity tests, unit and integration tests
#   the middle ones:   the sanity tests whose verdict can change with the
#                      release, and the unit tests
NEWEST_CORE := 2.21
LOWEST_CORE := 2.16
MIDDLE_CORES := 2.17 2.18 2.19 2.20
CORES := $(LOWEST_CORE) $(MIDDLE_CORES) $(NEWEST_CORE)
PYTHON_FOR_CORE_2.16 := 3.11
PYTHON_FOR_CORE_2.17 := 3.10
PYTHON_FOR_CORE_2.18 := 3.11
PYTHON_FOR_CORE_2.19 := 3.12
PYTHON_FOR_CORE_2.20 := 3.13
PYTHON_FOR_CORE_2.21 := 3.13
PYTHON_FOR_TOOLS := 3.13
MIDDLE_SANITY_TESTS := validate-modules ansible-doc import yamllint
FULL_PYTEST_PATHS := tests/unit tests/integration
MIDDLE_PYTEST_PATHS := tests/unit

# ---------------------------------------------------------------------------
# Prerequisites, in one place: what every target that runs the collection's
# code (the pytest stages, the demo) needs besides its virtual environment.
# Add a new one here, once (e.g. an interpreter the tests need).
RUN_PREREQS := collection-link rexx-deps jdk-deps

# ---------------------------------------------------------------------------
VENV := .venv
venv_dir = $(if $(filter $(1),$(NEWEST_CORE)),$(VENV),.venv-$(1))
VENV_DEMO := .venv-demo
VENV_GALAXY := .venv-galaxy
BUILD := .build
RESULTS := $(BUILD)/results
DIST := $(BUILD)/dist
COLLECTIONS := $(abspath $(BUILD)/collections)
# every CPython 3.9+ pyenv carries, so ansible-test sanity compiles and imports
# the z/OS-side code for 3.9..3.13 (tests/config.yml: python_requires >=3.9)
PYENV_BINS := $(subst $(eval) ,:,$(foreach minor,9 10 11 12 13 14,$(wildcard $(PYENV_ROOT)/versions/3.$(minor).*/bin)))
export ANSIBLE_COLLECTIONS_PATH := $(COLLECTIONS)
export ANSIBLE_NOCOLOR := 1
PYTEST_ARGS ?=
SANITY_ARGS ?=
COLLECTION_VERSION = $(shell sed -n 's/^version: *//p' galaxy.yml)
TARBALL = $(DIST)/mainframe-passticket-$(COLLECTION_VERSION).tar.gz

.PHONY: help test demo bench lint lint-python sanity units-newest units-lowest venv venv-lowest build collection-link rexx-deps jdk-deps \
	galaxy-importer docs-lint changelog-lint changelog clean \
	$(foreach core,$(CORES),venv-$(core) sanity-$(core) units-$(core))

help:
	@echo "make test    - everything CI runs"
	@echo "make demo    - the CSM PassTicket procedure on two simulated z/OS hosts"
	@echo "make bench   - PassTicket engine benchmark and z/OS cost (commands, module invocations per host)"
	@echo "make build   - build the collection tarball into $(DIST)"
	@echo "single stages: lint-python, lint, sanity-<release>, units-<release> ($(CORES)),"
	@echo "               galaxy-importer, docs-lint, changelog-lint; make changelog (release)"

define need_python
	@test -n "$(1)" && test -x "$(1)" || { echo "error: Python $(2) not found (looked under $(PYENV_ROOT)/versions and on PATH)." >&2; \
	  echo "       install it (e.g. 'pyenv install $(2)') or pass its path: make $@ PY_$(2)=/path/to/python$(2)" >&2; exit 1; }
endef

# venv_rule(directory, requirements file, Python version)
define venv_rule
$(1)/.installed: $(2)
	$$(call need_python,$$(call python_for,$(3)),$(3))
	rm -rf $(1)
	$$(call python_for,$(3)) -m venv $(1)
	$(1)/bin/python -m pip install -q --disable-pip-version-check -r $(2)
	touch $$@
endef
$(foreach core,$(CORES),$(eval $(call venv_rule,$(call venv_dir,$(core)),tests/requirements/ansible-$(core).txt,$(PYTHON_FOR_CORE_$(core)))))
$(eval $(call venv_rule,$(VENV_DEMO),tests/requirements/demo.txt,$(PYTHON_FOR_TOOLS)))
$(eval $(call venv_rule,$(VENV_GALAXY),tests/requirements/galaxy.txt,$(PYTHON_FOR_TOOLS)))

$(foreach core,$(CORES),$(eval venv-$(core): $(call venv_dir,$(core))/.installed))
venv: venv-$(NEWEST_CORE)
venv-lowest: venv-$(LOWEST_CORE)

# ansible finds collections only under ansible_collections/<ns>/<name>
collection-link:
	@mkdir -p $(COLLECTIONS)/ansible_collections/mainframe
	@ln -sfn $(CURDIR) $(COLLECTIONS)/ansible_collections/mainframe/passticket

# Regina REXX runs the bundled z/OS execs in the tests and the simulator (tests/rexx)
rexx-deps:
	@sh tests/tools/ensure_regina.sh

# A JDK (Java 11+) runs the bundled Java program and builds its stand-in IRRRacf.jar (tests/java)
jdk-deps:
	@sh tests/tools/ensure_jdk.sh

# ruff, the Python linter and formatter (configuration: ruff.toml; pre-commit
# runs the same, .pre-commit-config.yaml)
lint-python: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Plain ansible-lint at the repository root, as pre-commit and the ansible-lint
# GitHub action run it (configuration: .ansible-lint)
lint: venv collection-link
	NO_COLOR=1 PATH="$(CURDIR)/$(VENV)/bin:$$PATH" ansible-lint

# ansible-test wants the collection under ansible_collections/<ns>/<name>, and
# outside this git checkout (inside it, git's ignore rules would hide the copy).
# sanity_rule(release, ansible-test sanity arguments)
define sanity_rule
sanity-$(1): venv-$(1)
	@dest=$$$$(mktemp -d) && \
	  root=$$$$($(call venv_dir,$(1))/bin/python tests/tools/prepare_ansible_test.py $$$$dest) && \
	  ( cd $$$$root && PATH="$(CURDIR)/$(call venv_dir,$(1))/bin:$(PYENV_BINS):$$$$PATH" ansible-test sanity --venv --color no $(2) $$(SANITY_ARGS) ); \
	  rc=$$$$?; rm -rf $$$$dest; exit $$$$rc
endef
$(foreach core,$(LOWEST_CORE) $(NEWEST_CORE),$(eval $(call sanity_rule,$(core),)))
$(foreach core,$(MIDDLE_CORES),$(eval $(call sanity_rule,$(core),$(addprefix --test ,$(MIDDLE_SANITY_TESTS)))))
sanity: sanity-$(NEWEST_CORE)

# units_rule(release, test paths)
define units_rule
units-$(1): venv-$(1) $$(RUN_PREREQS)
	@mkdir -p $(RESULTS)
	$(call venv_dir,$(1))/bin/python -m pytest $(2) -p no:cacheprovider --junitxml=$(RESULTS)/pytest-ansible-$(1).xml $$(PYTEST_ARGS)
endef
$(foreach core,$(LOWEST_CORE) $(NEWEST_CORE),$(eval $(call units_rule,$(core),$(FULL_PYTEST_PATHS))))
$(foreach core,$(MIDDLE_CORES),$(eval $(call units_rule,$(core),$(MIDDLE_PYTEST_PATHS))))
units-newest: units-$(NEWEST_CORE)
units-lowest: units-$(LOWEST_CORE)

build: venv
	@mkdir -p $(DIST)
	$(VENV)/bin/ansible-galaxy collection build --force --output-path $(DIST) .

# Galaxy's importer on the built tarball, as Galaxy runs it (with its
# ansible-lint runner, without containers); any warning or error fails
galaxy-importer: build $(VENV_GALAXY)/.installed
	$(VENV_GALAXY)/bin/python tests/tools/galaxy_import_check.py $(TARBALL)

docs-lint: $(VENV_GALAXY)/.installed collection-link
	PATH="$(CURDIR)/$(VENV_GALAXY)/bin:$$PATH" antsibull-docs lint-collection-docs --plugin-docs .

changelog-lint: venv
	$(VENV)/bin/antsibull-changelog lint

# at release time: fold the fragments into changelogs/changelog.yaml and CHANGELOG.rst
# (it lists new plugins with the venv's ansible-doc)
changelog: venv
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/antsibull-changelog release

# Every stage runs even when an earlier one failed; the summary decides. Each
# stage leaves its output (<stage>.log), exit code (<stage>.rc) and duration
# (<stage>.seconds) in $(RESULTS).
STAGES := ruff:lint-python ansible-lint:lint changelog-lint:changelog-lint galaxy-importer:galaxy-importer \
	antsibull-docs-lint:docs-lint \
	$(foreach core,$(NEWEST_CORE) $(LOWEST_CORE) $(MIDDLE_CORES),sanity-ansible-$(core):sanity-$(core)) \
	$(foreach core,$(NEWEST_CORE) $(LOWEST_CORE) $(MIDDLE_CORES),pytest-ansible-$(core):units-$(core))

test: $(foreach core,$(CORES),venv-$(core)) $(VENV_GALAXY)/.installed $(RUN_PREREQS)
	@rm -rf $(RESULTS) && mkdir -p $(RESULTS) && date +%s > $(RESULTS)/started
	@for stage in $(STAGES); do \
	  name=$${stage%%:*}; target=$${stage#*:}; \
	  echo "==> $$name (make $$target)"; began=$$(date +%s); \
	  $(MAKE) --no-print-directory $$target 2>&1 | tee $(RESULTS)/$$name.log; \
	  echo $${PIPESTATUS[0]} > $(RESULTS)/$$name.rc; \
	  echo $$(( $$(date +%s) - began )) > $(RESULTS)/$$name.seconds; \
	done
	@$(VENV)/bin/python tests/tools/summarize.py $(RESULTS)

demo: $(VENV_DEMO)/.installed $(RUN_PREREQS)
	@test -f tests/demo/run_demo.py || { echo "make demo: the demo (tests/demo/run_demo.py) is not there yet." >&2; exit 1; }
	$(VENV_DEMO)/bin/python tests/demo/run_demo.py

bench: venv
	$(VENV)/bin/python tests/benchmarks/bench_passticket.py
	$(VENV)/bin/python tests/benchmarks/bench_passticket_lookup.py
	$(VENV)/bin/python tests/benchmarks/bench_zos_cost.py

clean:
	rm -rf $(BUILD) $(VENV) $(foreach core,$(filter-out $(NEWEST_CORE),$(CORES)),.venv-$(core)) $(VENV_DEMO) $(VENV_GALAXY) .pytest_cache
