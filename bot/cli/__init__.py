"""The `storybot` command line: thin fronts over the engine, one module per command."""
