"""The single exit point: every failure becomes one line on stderr and its exit code."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, MutableMapping, Sequence
from typing import Any, NoReturn

import typer
from typer.core import TyperGroup

from mentorlog.errors import BadInput, MentorlogError
from mentorlog.text import clean

try:  # Typer >= 0.16 vendors Click
    from typer._click import exceptions as click_exceptions  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # pragma: no cover - older Typer
    from click import exceptions as click_exceptions  # type: ignore[no-redef,import-not-found,unused-ignore]

EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug, never a verdict on the user's input


def fail(message: str, code: int, hint: str | None = None) -> NoReturn:
    lines = [f"mentorlog: {clean(message)}"]
    if hint:
        lines.append(clean(hint))
    sys.stderr.write("\n".join(line[:1000] for line in lines) + "\n")
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
        except click_exceptions.ClickException as error:
            if not error.format_message():  # a group run bare: its help was the answer
                sys.exit(error.exit_code)
            usage = getattr(error, "ctx", None)
            where = f" (see '{usage.command_path} --help')" if usage is not None else ""
            fail(f"{_short(error.format_message())}{where}", error.exit_code)
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


class LazyCommands(MutableMapping[str, Any]):
    """The sub-commands of a group, each built only when it is looked up.

    Building a Click command from a Typer function reads its signature and type hints, and
    its module imports what the command needs: for fifteen command groups that is most of a
    hot command's start-up. Names are known up front (for usage errors and suggestions);
    `--help` and completion look every command up, and so build them all.
    """

    def __init__(self, factories: dict[str, Callable[[], Any]]) -> None:
        self._factories = factories  # name -> what builds its Click command, in listed order
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            self._built[name] = self._factories[name]()
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command
        self._factories.setdefault(name, lambda: command)

    def __delitem__(self, name: str) -> None:
        del self._factories[name]
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._factories)

    def __len__(self) -> int:
        return len(self._factories)

    def __contains__(self, name: object) -> bool:
        return name in self._factories


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
    message = clean(message)
    return message if len(message) <= 300 else message[:297] + "..."


def _quiet_broken_pipe() -> NoReturn:
    # The reader went away (`mentorlog ... | head`); that is not an error worth a traceback.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(0)
