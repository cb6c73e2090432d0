# The two commands of the README: `make demo` (the main job) and `make test`.
# Both create .venv and install the project into it when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck pytest bench schema template clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/agreements validate examples/*.yaml
	mkdir -p out
	$(BIN)/agreements generate examples --out-dir out --force
	@echo "Drafts are in out/; open them in Word or LibreOffice."

test: $(STAMP) lint typecheck pytest

template: $(STAMP)
	$(BIN)/python templates/build_template.py

lint: $(STAMP)
	$(BIN)/ruff check agreements tests bench templates
	$(BIN)/ruff format --check agreements tests bench templates

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/run.py | tee bench/last-run.txt
	$(BIN)/python bench/record.py < bench/last-run.txt

schema: $(STAMP)
	$(BIN)/agreements schema -o schemas --force

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
