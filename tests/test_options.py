"""Options said once (cli/_options.py, cli/_args.py, text.clears): the same text means the same
thing in every command."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest

from mentorlog.cli._args import session_args
from mentorlog.errors import BadInput
from mentorlog.text import clears

TODAY = date(2026, 11, 24)


@pytest.mark.parametrize("text", ["none", "NONE", " None ", "nOnE\t"])
def test_none_in_any_case_or_spacing_clears(text: str) -> None:
    assert clears(text)


@pytest.mark.parametrize("text", [None, "", "no", "nonee", "n one", "-"])
def test_anything_else_does_not_clear(text: str | None) -> None:
    assert not clears(text)


def test_session_options_are_read_alike() -> None:
    given = session_args(TODAY, day="2026-11-20", at="9:05", duration="1h30m", rating="4")
    assert (given.day, given.at, given.duration, given.rating) == (
        date(2026, 11, 20),
        time(9, 5),
        90,
        4,
    )
    assert (given.clear_time, given.clear_duration) == (False, False)


def test_an_edit_clears_time_and_duration_with_none() -> None:
    given = session_args(TODAY, day=None, at="none", duration="None", rating=None, clearable=True)
    assert (given.clear_time, given.clear_duration) == (True, True)
    assert (given.at, given.duration) == (None, None)


def test_a_new_session_refuses_none_as_a_time() -> None:
    with pytest.raises(BadInput):
        session_args(TODAY, day=None, at="none", duration=None, rating=None)


def test_a_session_in_the_future_is_refused() -> None:
    with pytest.raises(BadInput):
        session_args(TODAY, day="2026-12-01", at=None, duration=None, rating=None)


def test_every_switch_shows_no_value_in_help() -> None:
    """Switches are declared with `_options.flag`: no `<bool>` beside them in the Rich help."""
    import typer

    from mentorlog.cli.app import app

    root = typer.main.get_command(app)
    ctx = root.make_context("mentorlog", [], resilient_parsing=True)
    typers_own = {"help", "install_completion", "show_completion"}
    found = []

    def walk(command: Any, path: str) -> None:
        for param in command.params:
            if getattr(param, "is_flag", False) and param.name not in typers_own:
                found.append((f"{path} {param.opts[0]}", param.metavar))
        if isinstance(command, typer.core.TyperGroup):
            for name in command.list_commands(ctx):
                walk(command.get_command(ctx, name), f"{path} {name}")

    walk(root, "mentorlog")
    assert len(found) > 30  # the walk reached the commands' switches
    assert [(switch, metavar) for switch, metavar in found if metavar != ""] == []
