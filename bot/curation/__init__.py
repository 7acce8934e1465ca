"""Curators' tools over a running fact base: what readers asked and were not answered,
why a question scored as it did, teaching a question to a fact, and each story's numbers."""
