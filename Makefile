PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# What `make run` needs (storybot and its dependencies), and what development adds.
RUN_STAMP := $(VENV)/.installed-run
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	@echo "Installing storybot and its dependencies into $(VENV) (the first time takes a minute or so)..."
	$(BIN)/pip install --disable-pip-version-check --progress-bar on -e .
	touch $(RUN_STAMP)

$(STAMP): pyproject.toml | $(BIN)/python
	@echo "Installing storybot with its test tools into $(VENV)..."
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP) $(RUN_STAMP)

## run: the Discord bot when a token is configured, otherwise a local console over the bundled story
run: $(RUN_STAMP)
	@if [ -n "$$DISCORD_TOKEN" ] || $(BIN)/python -m bot.config --has-token; then \
		$(BIN)/storybot run; \
	else \
		$(BIN)/storybot chat; \
	fi

## test: the whole test suite, plus ruff
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .

## bench: question latency in process, through the loopback Discord, and at archive scale
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_engine.py
	$(BIN)/python benchmarks/bench_discord.py
	$(BIN)/python benchmarks/bench_scale.py --facts 10000
	$(BIN)/python benchmarks/bench_scale.py --facts 100000

clean:
	rm -rf $(VENV) storybot.db *.egg-info
