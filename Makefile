# confdocs: `make demo` builds the Hague outline into out/; `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck bench fuzz clean bytecode

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	@if [ -d examples/confdocs-example-plugin ]; then $(BIN)/pip install --quiet -e examples/confdocs-example-plugin; fi
	touch $(STAMP)

# The project's own modules are installed editable, so pip compiles none of them, and Python
# writes no .pyc where PYTHONDONTWRITEBYTECODE is set: every command would compile them again
# (about 70 ms of a cold build). compileall writes them whatever the environment says and
# skips the files whose .pyc is up to date, so this is cheap to run before every target.
BYTECODE_DIRS := src plugins $(wildcard examples/confdocs-example-plugin/src)

bytecode: $(STAMP)
	$(BIN)/python -m compileall -q $(BYTECODE_DIRS)

# The demo shows the built-in plugins' work only (the dev venv also has the example plugin):
# the names registered under [project.entry-points.confdocs] in pyproject.toml.
BUILTINS := $(shell sed -n '/^\[project.entry-points.confdocs\]/,/^\[/s/^\([a-z_-]*\) *=.*/\1/p' pyproject.toml | paste -sd, -)

demo: bytecode
	CONFDOCS_LOAD_PLUGINS=$(BUILTINS) $(BIN)/confdocs build examples/hague-2019/event.yaml --output-dir out/ --registrations examples/hague-2019/registrations.csv
	CONFDOCS_LOAD_PLUGINS=$(BUILTINS) $(BIN)/confdocs check examples/hague-2019/event.yaml

test: bytecode
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

# The raw results are kept (bench/results/ is not tracked): after editing bench/findings.md,
# `$(BIN)/python bench/run.py --from-json bench/results/last.json` writes the report again.
bench: bytecode
	mkdir -p bench/results
	$(BIN)/python bench/run.py --json bench/results/last.json

fuzz: $(STAMP)
	$(BIN)/pip install --quiet atheris
	$(BIN)/python tests/fuzz/run.py

clean:
	rm -rf $(VENV) out build *.egg-info
