"""What every command needs, built once per run and reached through the Typer context."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from mentorlog.storage.paths import config_path, data_dir

if TYPE_CHECKING:
    from rich.console import Console

    from mentorlog.config import Config
    from mentorlog.storage.store import Store


@dataclass(eq=False, repr=False)
class AppContext:
    data_dir_override: Path | None = None
    no_color: bool = False
    debug: bool = False
    identity: Path | None = None  # --identity: the age identity of an encrypted journal
    _keys_set: bool = field(default=False, repr=False)
    _config: Config | None = field(default=None, repr=False)
    _console: Console | None = field(default=None, repr=False)
    _err_console: Console | None = field(default=None, repr=False)

    @property
    def data_dir(self) -> Path:
        return data_dir(self.data_dir_override)

    @property
    def config_path(self) -> Path:
        return config_path()

    @property
    def config(self) -> Config:
        if self._config is None:
            from mentorlog.config import load_config

            self._config = load_config(self.config_path)
        return self._config

    def store(self, command: str = "mentorlog") -> Store:
        from mentorlog.storage.store import Store

        self.use_keys()
        if self.config.sync.auto:
            from mentorlog.sync.auto import AutoCommitStore as Store
        return Store(
            self.data_dir,
            keep_backups=self.config.backups,
            lock_timeout=self.config.lock_timeout,
            command=command,
        )

    def use_keys(self) -> None:
        """Tell the storage layer where this command finds the key of an encrypted journal."""
        from mentorlog.storage import keys

        if self._keys_set:  # once per command: an unlocked key is never asked for twice
            return
        self._keys_set = True
        settings = self.config.encryption
        configured = Path(settings.identity).expanduser() if settings.identity else None
        source = keys.KeySource(
            identity=self.identity,
            configured=configured,
            passphrase_command=settings.passphrase_command,
            prompt=_ask_passphrase if sys.stdin.isatty() else None,
        )
        keys.configure(source)

    def today(self) -> date:
        from mentorlog.dates import local_today

        return local_today()

    @property
    def console(self) -> Console:
        if self._console is None:
            from mentorlog.render.console import make_console

            self._console = make_console(no_color=self.no_color)
        return self._console

    @property
    def err_console(self) -> Console:
        if self._err_console is None:
            from mentorlog.render.console import make_console

            self._err_console = make_console(stderr=True, no_color=self.no_color)
        return self._err_console


def _ask_passphrase(question: str) -> str:
    import getpass

    return getpass.getpass(question, stream=sys.stderr)


def app_context(ctx: typer.Context) -> AppContext:
    root = ctx.find_root()
    if not isinstance(root.obj, AppContext):
        root.obj = AppContext()
    return root.obj


def command_name(ctx: typer.Context) -> str:
    """`mentorlog goal add`: names the lock holder; never includes arguments (may be notes)."""
    return ctx.command_path or "mentorlog"
