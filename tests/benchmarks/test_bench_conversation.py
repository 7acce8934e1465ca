"""The conversation benchmark runs (a quick run keeps it from rotting as the engine changes)."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT


def test_bench_conversation_runs_and_reports():
    result = subprocess.run([sys.executable, "benchmarks/bench_conversation.py",
                             "--conversations", "60"], capture_output=True, text=True,
                            cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.splitlines()[-1].removeprefix("RESULT "))
    assert found["held_at_once"] == 60
    assert found["turns"] > 120
    assert found["store_of_1000_after_5000_people"] == 1000  # bounded
    assert found["bytes_per_conversation"] > 0
