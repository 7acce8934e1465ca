"""Text analysis: normalising, tokenising and stemming text, reading questions and facts
into terms, and the traits of a fact's wording.

It sits beneath both the index (which stores every fact's analysis) and the engine (which
analyses questions the same way), and imports neither: factbase, language, index, engine,
then the fronts (cli, discord_app).
"""
