# confdocs: `make demo` builds the Hague outline into out/; `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck bench fuzz clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@if [ -d examples/confdocs-example-plugin ]; then $(BIN)/pip install --quiet -e examples/confdocs-example-plugin; fi
	touch $(STAMP)

# The demo shows the built-in plugins' work only (the dev venv also has the example plugin):
# the names registered under [project.entry-points.confdocs] in pyproject.toml.
BUILTINS := $(shell sed -n '/^\[project.entry-points.confdocs\]/,/^\[/s/^\([a-z_-]*\) *=.*/\1/p' pyproject.toml | paste -sd, -)

demo: $(STAMP)
	CONFDOCS_LOAD_PLUGINS=$(BUILTINS) $(BIN)/confdocs build examples/hague-2019/event.yaml --output-dir out/ --registrations examples/hague-2019/registrations.csv
	CONFDOCS_LOAD_PLUGINS=$(BUILTINS) $(BIN)/confdocs check examples/hague-2019/event.yaml

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python bench/run.py

fuzz: $(STAMP)
	$(BIN)/pip install --quiet atheris
	$(BIN)/python tests/fuzz/run.py

clean:
	rm -rf $(VENV) out build *.egg-info
