"""`make run` installs what running needs, not the test tools, and says what it is doing."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import ROOT


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_run_installs_without_test_extras_and_shows_progress(tmp_path):
    planned = subprocess.run(["make", "-n", "-B", "run", f"VENV={tmp_path / 'venv'}"],
                             cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert planned.returncode == 0, planned.stderr
    installs = [line for line in planned.stdout.splitlines()
                if "pip install" in line and "-e" in line.split()]
    assert installs, planned.stdout
    assert all("[test]" not in line for line in installs)
    assert all("--quiet" not in line for line in installs)  # pip shows each package
    assert "Installing storybot" in planned.stdout
