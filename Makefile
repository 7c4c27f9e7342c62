# The two commands: `make run` and `make test`. Both set up what they need, once.
PYTHON ?= python3
APP := .venv/bin
RASA := .venv-rasa/bin
MODEL := models/madoguchi.tar.gz
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONPATH := $(CURDIR)

MODEL_INPUTS := bot/config.yml bot/domain.yml $(wildcard bot/data/*.yml) $(wildcard intents/*/*.yml) \
                $(wildcard bot/nlu/*.py) .venv-rasa/.installed

.PHONY: run test lint format setup model lock clean

run: setup $(MODEL)
	$(APP)/madoguchi run

test: setup $(MODEL)
	$(APP)/ruff check .
	$(APP)/ruff format --check .
	$(APP)/lint-imports
	$(RASA)/pytest -q -p no:cacheprovider --confcutdir=tests/nlu tests/nlu
	$(APP)/pytest -q -p no:cacheprovider --ignore=tests/nlu tests

setup: .system-packages .venv/.installed .venv-rasa/.installed

.system-packages: tools/system-packages.sh
	tools/system-packages.sh
	touch $@

.venv/.installed: requirements/app.lock pyproject.toml
	test -x $(APP)/python || $(PYTHON) -m venv .venv
	$(APP)/pip install -q --upgrade pip
	$(APP)/pip install -q --no-deps -r requirements/app.lock
	$(APP)/pip install -q --no-deps --no-build-isolation --config-settings editable_mode=compat -e .
	touch $@

# Rasa 3.6 declares Python <3.11: its frozen dependencies go in first, then rasa itself
# without the version check (see docs/production.md for why this island exists).
.venv-rasa/.installed: requirements/rasa.lock
	test -x $(RASA)/python || $(PYTHON) -m venv .venv-rasa
	$(RASA)/pip install -q --upgrade pip
	$(RASA)/pip install -q --no-deps -r requirements/rasa.lock
	$(RASA)/pip install -q --no-deps --ignore-requires-python rasa==3.6.21 rasa-sdk==3.6.2
	touch $@

$(MODEL): $(MODEL_INPUTS)
	$(RASA)/rasa train --domain bot/domain.yml --data intents bot/data --config bot/config.yml \
	  --out models --fixed-model-name madoguchi
	touch $@

model: $(MODEL)

lint:
	$(APP)/ruff check .
	$(APP)/ruff format --check .
	$(APP)/lint-imports

format:
	$(APP)/ruff check --fix .
	$(APP)/ruff format .

lock:
	$(APP)/pip freeze --all --exclude-editable | grep -vE '^(madoguchi|pip)==' > requirements/app.lock
	$(RASA)/pip freeze --all | grep -vE '^(rasa|rasa-sdk|pip)==' > requirements/rasa.lock

clean:
	rm -rf .venv .venv-rasa models var .system-packages
