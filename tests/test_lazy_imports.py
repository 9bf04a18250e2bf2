"""Imports at the top of a module, unless measurably heavy (docs/architecture.md, Start-up).

An import inside a function is there to keep a module's import light: the command line's
modules leave the store, the records and the renderers for the command that runs, so that
`--help` and a group's other commands do not load them (tests/test_startup.py). An import
inside a function of a module that importing the module loads anyway saves nothing and hides
a dependency: it goes at the top. Each module is imported in a fresh interpreter, and what it
loaded is compared with what its functions import.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import mentorlog

PACKAGE = Path(mentorlog.__file__).parent
LOADED_BY = """
import importlib, json, sys
for name in json.loads(sys.argv[1]):
    importlib.import_module(name)
print(json.dumps(sorted(sys.modules)))
"""


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_in_functions(source: str, package: str) -> list[tuple[int, str]]:
    """(line, module) of each import inside a function of `source`, a module of `package`:
    `from a import b` names `a.b` where `b` is a module, `a` otherwise."""
    found: list[tuple[int, str]] = []
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Import):
                found += [(node.lineno, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*up, base] if base else up)
                for alias in node.names:
                    full = f"{base}.{alias.name}"
                    found.append((node.lineno, full if is_module(full) else base))
    return found


def is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:  # a name inside a module that is not a package
        return False


def package_of(path: Path) -> str:
    name = module_name(path)
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def loaded_by(name: str) -> set[str]:
    """The modules in `sys.modules` once `name` is imported in a fresh interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", LOADED_BY, json.dumps([name])],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    return set(json.loads(done.stdout))


def test_nothing_is_imported_in_a_function_that_the_module_loads_anyway() -> None:
    pointless: list[str] = []
    checked = 0
    for path in sorted(PACKAGE.rglob("*.py")):
        inner = imported_in_functions(path.read_text(encoding="utf-8"), package_of(path))
        if not inner:
            continue
        checked += 1
        loaded = loaded_by(module_name(path))
        rel = path.relative_to(PACKAGE.parent)
        pointless += [f"{rel}:{line} {target}" for line, target in inner if target in loaded]
    assert checked > 20  # the walk found the modules with imports in functions
    assert pointless == []


def test_the_walk_names_the_module_each_function_import_loads() -> None:
    source = """
import json

def f():
    import csv
    from mentorlog.storage import keys
    from mentorlog.dates import quarter_of
    from . import errors

class C:
    def g(self):
        from .text import clean
"""
    assert imported_in_functions(source, "mentorlog") == [
        (5, "csv"),
        (6, "mentorlog.storage.keys"),  # a module
        (7, "mentorlog.dates"),  # a name in a module
        (8, "mentorlog.errors"),
        (12, "mentorlog.text"),
    ]


def test_what_a_module_loads_is_told_apart_from_what_it_does_not() -> None:
    loaded = loaded_by("mentorlog.errors")
    assert "mentorlog.errors" in loaded
    assert "mentorlog.storage.store" not in loaded
