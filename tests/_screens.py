"""scripts/record_screens.py loaded for the tests, and headless Chromium started the way that
script starts it (one list of flags: the script's)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "record_screens.py"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("record_screens", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


screens = _load_script()


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("chromium is required in CI (the .ci/run script installs it)")
        pytest.skip("chromium is not installed")
    return found


def browse(page: Path, profile: Path, *extra: str) -> str:
    """What headless Chromium prints for `page` (with `--dump-dom`, the DOM it built)."""
    output: str = screens.browse(chromium(), page, profile, *extra, timeout=180)
    return output
