"""The Discord front: a thin layer that hands questions to the engine and renders answers.

`service` (engine, reloads, records) and `query_log` know nothing of discord.py; the rest
turns Discord events into calls on the service.
"""
