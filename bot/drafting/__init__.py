"""`storybot draft`: turning an article into a first version of a story folder.

A curation tool beside the fact model, not part of it: it reads an article and writes the
files that bot.factbase loads, and nothing in the fact base, the index or the engine
depends on it.
"""
