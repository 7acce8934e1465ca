"""The curated fact base: TOML files under facts/, their models, loader and checks."""

from bot.factbase.loader import load_factbase
from bot.factbase.models import Entity, Event, Fact, FactBase, Problem, Story

__all__ = ["Entity", "Event", "Fact", "FactBase", "Problem", "Story", "load_factbase"]
