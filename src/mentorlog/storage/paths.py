"""Where data and config live: flag > environment variable > platformdirs."""

from __future__ import annotations

import os
from pathlib import Path

DATA_ENV = "MENTORLOG_HOME"
CONFIG_ENV = "MENTORLOG_CONFIG"


def data_dir(override: Path | None = None) -> Path:
    if override is not None:
        return override.expanduser()
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs  # only when the default location is needed

    return platformdirs.user_data_path("mentorlog", appauthor=False)


def config_path() -> Path:
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return platformdirs.user_config_path("mentorlog", appauthor=False) / "config.toml"
