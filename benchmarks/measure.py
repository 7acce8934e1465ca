"""What every benchmark measures the same way, so that their numbers compare."""

from __future__ import annotations


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values lie: the nearest rank, no interpolation
    (a p99 is a latency someone actually waited)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]
