"""What docs/deploy.md ships: a systemd unit that systemd accepts, and a container
configuration storybot accepts."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import load_config
from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None,
                    reason="systemd-analyze is not installed")
def test_the_systemd_unit_parses(tmp_path):
    # The unit names the install paths of docs/deploy.md; here, this checkout's.
    storybot = Path(sys.executable).parent / "storybot"
    unit = (DEPLOY / "storybot.service").read_text(encoding="utf-8")
    unit = unit.replace("/opt/storybot/.venv/bin/storybot", str(storybot))
    unit = unit.replace("EnvironmentFile=/", "EnvironmentFile=-/")  # no token file here
    (tmp_path / "storybot.service").write_text(unit, encoding="utf-8")
    result = subprocess.run(["systemd-analyze", "verify", str(tmp_path / "storybot.service")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "storybot run" in unit and "Restart=on-failure" in unit


def test_the_container_configuration_is_valid():
    config = load_config(DEPLOY / "config.toml")
    assert config.facts_dir == Path("/app/facts")
    assert config.query_log.parent == Path("/data")  # on the volume
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert "USER storybot" in dockerfile and "storybot index" in dockerfile
