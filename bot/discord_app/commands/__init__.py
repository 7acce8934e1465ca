"""Slash commands, one module each; every module has `setup(client)`."""

from . import admin, ask, help, source, timeline, who

ALL = (ask, timeline, who, source, help, admin)
