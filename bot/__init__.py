"""storybot: answers questions about a news story from a curated fact base."""

__version__ = "0.1.0"
