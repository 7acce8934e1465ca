"""The SQLite index: derived from facts/, rebuilt whenever it is missing or stale.

`bot.index.build` writes it (with sqlite-utils); `bot.index.store` reads it with the
standard library only, so answering a question never imports the build tools.
"""
