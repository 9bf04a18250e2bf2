"""The single exit point: every failure becomes one line on stderr and its exit code."""

from __future__ import annotations

import functools
import importlib
import inspect
import os
import shutil
import sys
from collections.abc import Sequence
from difflib import get_close_matches
from typing import Any, ClassVar, NoReturn

import typer
from typer.core import TyperGroup

from mentorlog.errors import BadInput, MentorlogError
from mentorlog.text import clean, wrap_words

EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug, never a verdict on the user's input


def _click_exception(name: str) -> type[Exception]:
    """One of Click's exception classes, as Typer raises it: from the Click Typer depends on,
    or from the copy Typer >= 0.16 carries. Reached through Typer's public `BadParameter`,
    whichever it is, so no private module is imported."""
    found: type[Exception] = next(cls for cls in typer.BadParameter.__mro__ if cls.__name__ == name)
    return found


ClickException = _click_exception("ClickException")
UsageError = _click_exception("UsageError")


def fail(message: str, code: int, hint: str | None = None) -> NoReturn:
    lines = [f"mentorlog: {clean(message)}"]
    if hint:
        lines.append(clean(hint))
    lines = [line[:1000] for line in lines]
    if sys.stderr.isatty():  # a pipe or a log keeps one line per message
        width = shutil.get_terminal_size().columns
        lines = [wrapped for line in lines for wrapped in wrap_words(line, width)]
    sys.stderr.write("\n".join(lines) + "\n")
    sys.stderr.flush()
    sys.exit(code)


def debugging(root: Any = None) -> bool:
    """--debug as parsed by the root command, or MENTORLOG_DEBUG.

    Not a search of argv for "--debug": that string may be the value of another option
    (`--notes --debug`), and a traceback must not be shown to someone who did not ask.
    """
    if debug_from_env():
        return True
    return bool(getattr(getattr(root, "obj", None), "debug", False))


def debug_from_env() -> bool:
    """MENTORLOG_DEBUG: on for 1/true/yes/on (or any other word); off when empty, 0, false,
    no or off, as people write a switched-off flag."""
    value = os.environ.get("MENTORLOG_DEBUG", "").strip().lower()
    return value not in ("", "0", "false", "no", "off", "n", "f")


class Interrupted(MentorlogError):
    """Ctrl-C: one line, exit 130; it says whether the command's change had been saved."""

    exit_code = 130

    def __init__(self) -> None:
        commit = sys.modules.get("mentorlog.storage.commit")  # not imported: nothing written
        if getattr(commit, "committed_here", False):
            super().__init__("Interrupted; the change had already been saved.")
        else:
            super().__init__("Interrupted; nothing was changed.")


def interrupted() -> NoReturn:
    error = Interrupted()
    fail(error.message, error.exit_code)


class MentorlogGroup(TyperGroup):
    _root: Any = None  # the root context, once parsed: it knows whether --debug was given

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if ctx.parent is None:
            _refuse_empty_data_dir(args)
        result: list[str] = super().parse_args(ctx, args)
        return result

    def invoke(self, ctx: Any) -> Any:
        self._root = ctx
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:  # before Typer turns it into a silent exit 130
            if ctx.parent is not None:
                raise
            raise Interrupted from None

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        arguments = list(sys.argv[1:] if args is None else args)
        self._root = None
        try:
            result = super().main(
                args=arguments,
                prog_name=prog_name or "mentorlog",
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
        except MentorlogError as error:
            if debugging(self._root):
                raise
            fail(error.message, error.exit_code, error.hint)
        except typer.Abort as error:  # Ctrl-C or end of input at a prompt
            if sys.stderr.isatty():
                sys.stderr.write("\n")  # the prompt line was left open
            if isinstance(error.__context__ or error.__cause__, KeyboardInterrupt):
                interrupted()
            fail("Stopped; nothing was changed.", 1)
        except ClickException as error:
            message, code = _click_message(error)
            if not message:  # a group run bare: its help was the answer
                sys.exit(code)
            usage = getattr(error, "ctx", None)
            where = f" (see '{usage.command_path} --help')" if usage is not None else ""
            fail(f"{_short(message)}{where}", code)
        except KeyboardInterrupt:
            interrupted()
        except BrokenPipeError:
            _quiet_broken_pipe()
        except Exception as error:
            if debugging(self._root):
                raise
            fail(
                f"internal error ({type(error).__name__}); nothing more was changed. "
                "Run again with --debug for details.",
                EXIT_INTERNAL,
            )
        sys.exit(result if isinstance(result, int) else 0)


class LazyGroup(MentorlogGroup):
    """A group whose commands are imported when they are looked up, on Click's documented
    `list_commands` / `get_command`.

    Building a Click command from a Typer function reads its signature and type hints, and
    its module imports what the command needs: for fifteen command groups that is most of a
    hot command's start-up. `lazy` maps a name to (module, attribute): a command function or
    a Typer sub-app. Commands registered the ordinary way (`@app.command`, `add_typer`) are
    listed and found as well, after the lazy ones. `--help` and completion list every command,
    and so import them all.
    """

    lazy: ClassVar[dict[str, tuple[str, str]]] = {}

    def list_commands(self, ctx: Any) -> list[str]:
        ordinary = [name for name in super().list_commands(ctx) if name not in self.lazy]
        return [*self.lazy, *ordinary]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        if command is None and cmd_name in self.lazy:
            command = load_command(cmd_name, *self.lazy[cmd_name], self)
            self.add_command(command, cmd_name)
        return command

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        try:
            return super().resolve_command(ctx, args)
        except UsageError as error:
            message = str(getattr(error, "message", ""))
            if args and "Did you mean" not in message:
                matches = get_close_matches(args[0], self.list_commands(ctx))
                if matches:
                    suggestions = ", ".join(repr(match) for match in matches)
                    error.message = f"{message.rstrip('.')}. Did you mean {suggestions}?"  # type: ignore[attr-defined]
            raise


def load_command(name: str, module: str, attribute: str, parent: Any) -> Any:
    """The Click command for `name`, built as `app.command(name)` or `app.add_typer(sub,
    name=name)` would build it, through `typer.main.get_command` (Typer's documented way to
    get the Click object of an app)."""
    return _built(name, module, attribute, getattr(parent, "rich_markup_mode", None))


@functools.cache
def _built(name: str, module: str, attribute: str, markup_mode: Any) -> Any:
    # Built once per process, like the module it comes from: a command is a description that
    # Click runs as often as asked (the test suite runs thousands of command lines in one
    # process, each with a fresh root group).
    target = getattr(importlib.import_module(module), attribute)
    holder = typer.Typer(add_completion=False, rich_markup_mode=markup_mode)
    if isinstance(target, typer.Typer):
        holder.add_typer(target, name=name)
        command = typer.main.get_command(holder).commands[name]  # type: ignore[attr-defined]
    else:
        holder.command(name)(target)
        command = typer.main.get_command(holder)
    _unwrap_help(command)
    return command


def _unwrap_help(command: Any) -> None:
    """A docstring is wrapped at 100 columns and `--help` wraps it again for the terminal, so a
    single line break inside a paragraph is a space (Typer's Rich help would keep it and break
    a sentence mid-line). Paragraphs, and Click's `\b` blocks, stay as written."""
    text = getattr(command, "help", None)
    if text:
        paragraphs = inspect.cleandoc(text).split("\n\n")
        command.help = "\n\n".join(
            p if p.startswith("\b") else " ".join(line.strip() for line in p.splitlines())
            for p in paragraphs
        )
    for sub in getattr(command, "commands", {}).values():
        _unwrap_help(sub)


def _click_message(error: Exception) -> tuple[str, int]:
    format_message = getattr(error, "format_message", None)
    message = str(format_message()) if callable(format_message) else str(error)
    return message, int(getattr(error, "exit_code", 1))


def _refuse_empty_data_dir(args: list[str]) -> None:
    """`--data-dir ''` is bad input, not the current directory (which `Path('')` would be).

    Only the root's own options are looked at (up to the command name): the root has no
    other option that takes a value, so a later `--data-dir` is some other option's value.
    """
    index = 0
    while index < len(args) and args[index].startswith("-"):
        arg = args[index]
        if arg == "--":
            return
        if arg == "--data-dir" or arg.startswith("--data-dir="):
            value = arg.partition("=")[2] if "=" in arg else None
            if value is None:
                index += 1
                value = args[index] if index < len(args) else None
            if value is not None and not value.strip():
                raise BadInput("--data-dir needs a directory; it was given an empty one.")
        index += 1


def _short(message: str) -> str:
    # Typer checks some values with Pydantic, whose wording ("Value error, …") is not ours.
    message = clean(message).replace("Value error, ", "")
    return message if len(message) <= 300 else message[:297] + "..."


def _quiet_broken_pipe() -> NoReturn:
    # The reader went away (`mentorlog ... | head`); that is not an error worth a traceback.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(0)
