"""The guide an empty journal shows is true: its three commands work, in order, as printed."""

from __future__ import annotations

import shlex
from pathlib import Path

from mentorlog.cli.status import GETTING_STARTED
from tests.helpers import run


def test_the_guide_fits_80_columns_and_its_commands_work_as_printed(home: Path) -> None:
    shown = run()
    assert shown.exit_code == 0
    assert shown.stdout == GETTING_STARTED
    assert all(len(line) <= 80 for line in shown.stdout.splitlines())
    commands = [
        shlex.split(line)[1:] for line in GETTING_STARTED.splitlines() if line.startswith("  ")
    ]
    assert len(commands) == 3
    for args in commands:
        result = run(*args)
        assert result.exit_code == 0, (args, result.output)
    dashboard = run().stdout
    assert "Speak with confidence" in dashboard
    assert "Ada Lovelace" in dashboard
    assert "on track" in dashboard  # met today, monthly by default
