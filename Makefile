PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

## run: the Discord bot when a token is configured, otherwise a local console over the bundled story
run: $(STAMP)
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
