"""The shape of the code, checked (docs/architecture.md): public ground only, imports that
point one way, modules that fit in a head.

- No module imports a private name of Rich, Typer or Click: no `_`-prefixed module or
  attribute (`rich._ratio`, `typer._click`, `Table._extra_width`), nor the undocumented
  `typer.main` helpers that build commands from their info records.
- No import cycle among mentorlog's modules: every import counts, at the top of a module or
  inside a function, and those made for type checking only.
- Imports point down the layers of docs/architecture.md.
- No module over 400 lines (but the few listed, which other work splits; the list can only
  shrink).
- No mixin sharing its host's state: a class declares only attributes it sets itself (or
  fields, in a dataclass or a pydantic model), never stubs for another class's.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "mentorlog"
LIBRARIES = ("rich", "typer", "click")
UNDOCUMENTED = {
    "get_command_from_info",
    "get_group_from_info",
    "get_group",
    "get_params_from_function",
}
MAX_LINES = 400
BOTTOM = {
    "mentorlog",
    "dates",
    "errors",
    "problems",
    "vocab",
    "text",
    "output",
    "models",
    "config",
    "sample",
    "sample_text",
}
# layer -> the layers it may import (besides itself and the bottom ones).
LAYERS: dict[str, set[str]] = {
    **{name: set() for name in BOTTOM},
    "journal": set(),
    "insights": {"journal"},
    "storage": {"journal"},  # journal.state's Journal and collection names: see the docs
    "exchange": {"journal", "storage"},
    "sync": {"journal", "storage"},
    "render": {"journal", "insights", "exchange", "sync"},
    "cli": {"journal", "insights", "storage", "exchange", "sync", "render"},
    "__main__": {"cli"},
}


def modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(SRC).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        yield ".".join(parts), path


MODULES = dict(modules())


def parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def private_uses(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """Private or undocumented names of Rich, Typer or Click that `tree` imports or reads."""
    bound: set[str] = set()  # local names bound to those libraries or things from them
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in LIBRARIES:
                    if any(part.startswith("_") for part in alias.name.split(".")):
                        yield node.lineno, alias.name
                    bound.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            if node.module.split(".")[0] not in LIBRARIES:
                continue
            if any(part.startswith("_") for part in node.module.split(".")):
                yield node.lineno, node.module
            for alias in node.names:
                if alias.name.startswith("_") or alias.name in UNDOCUMENTED:
                    yield node.lineno, f"{node.module}.{alias.name}"
                bound.add(alias.asname or alias.name)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            base = node.value
            while isinstance(base, ast.Attribute):
                base = base.value
            if not (isinstance(base, ast.Name) and base.id in bound):
                continue
            name = node.attr
            dunder = name.startswith("__") and name.endswith("__")
            if (name.startswith("_") and not dunder) or name in UNDOCUMENTED:
                yield node.lineno, f"{ast.unparse(node)}"


def test_the_guard_sees_private_names() -> None:
    source = (
        "import typer\nfrom rich._ratio import ratio_reduce\nfrom typer import _click\n"
        "from rich.table import Table\nwidth = Table._extra_width\n"
        "command = typer.main.get_command_from_info\nname = typer.BadParameter.__name__\n"
    )
    found = [name for _, name in private_uses(ast.parse(source))]
    assert found == [
        "rich._ratio",
        "typer._click",
        "Table._extra_width",
        "typer.main.get_command_from_info",
    ]


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_private_name_of_rich_typer_or_click(name: str) -> None:
    found = [f"line {line}: {what}" for line, what in private_uses(parsed(MODULES[name]))]
    assert not found, f"{name} leans on private or undocumented API: {found}"


def imports(name: str, tree: ast.Module) -> Iterator[str]:
    """What `name` imports, anywhere in it (a name imported from a module may be a module)."""
    package = name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            yield module
            for alias in node.names:
                yield f"{module}.{alias.name}"


def import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        targets = {target for target in imports(name, parsed(path)) if target in MODULES}
        graph[name] = targets - {name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_no_import_cycle_among_mentorlog_modules() -> None:
    assert cycles(import_graph()) == []


def layer(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def test_imports_point_down_the_layers() -> None:
    wrong = sorted(
        f"{name} imports {target}"
        for name, targets in import_graph().items()
        for target in targets
        if layer(target) != layer(name)
        and layer(target) not in BOTTOM
        and layer(target) not in LAYERS[layer(name)]
    )
    assert not wrong


def test_every_layer_is_known() -> None:
    assert {layer(name) for name in MODULES} <= set(LAYERS)


def lines_of(name: str) -> int:
    return len(MODULES[name].read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_over_400_lines(name: str) -> None:
    lines = lines_of(name)
    assert lines <= MAX_LINES, f"{name} has {lines} lines: split it (docs/architecture.md)"


def test_no_test_module_imports_another() -> None:
    """Tests stand alone: what several share lives in tests/factories.py (records),
    tests/helpers.py (running the CLI) or a `tests/_*.py` support module."""
    tests = Path(__file__).resolve().parent
    wrong = sorted(
        f"{path.name} imports {module}"
        for path in tests.glob("test_*.py")
        for node in ast.walk(parsed(path))
        if isinstance(node, ast.ImportFrom | ast.Import)
        for module in (
            [node.module or ""]
            if isinstance(node, ast.ImportFrom)
            else [alias.name for alias in node.names]
        )
        if module.startswith("tests.test_")
    )
    assert not wrong


# Classes whose class-level annotations are their fields (and the package's subclasses of them).
FIELD_BASES = {"BaseModel", "Protocol", "NamedTuple", "TypedDict"}


def _decorator_name(node: ast.expr) -> str:
    node = node.func if isinstance(node, ast.Call) else node
    return node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")


def _declares_fields(classes: dict[str, list[str]]) -> set[str]:
    """The names of the package's classes that declare fields by annotation: subclasses of a
    pydantic model, a Protocol, a NamedTuple or a TypedDict, at any depth."""
    found: set[str] = set()
    while True:
        more = {
            name
            for name, bases in classes.items()
            if name not in found and any(b in FIELD_BASES or b in found for b in bases)
        }
        if not more:
            return found
        found |= more


def attribute_stubs(trees: dict[str, ast.Module]) -> Iterator[tuple[str, str]]:
    """Attributes a class declares for the type checker but leaves to another class to set:
    what a mixin sharing its host's state looks like (`if TYPE_CHECKING:` in a class body, or
    a class-level annotation without a value in a class that is not a dataclass, a pydantic
    model, a Protocol, ... and never sets that attribute itself)."""
    every = [
        (module, node)
        for module, tree in trees.items()
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    ]
    bases = {
        node.name: [ast.unparse(b).rpartition(".")[2] for b in node.bases] for _, node in every
    }
    with_fields = _declares_fields(bases)
    for module, node in every:
        for statement in node.body:
            if isinstance(statement, ast.If) and "TYPE_CHECKING" in ast.unparse(statement.test):
                yield module, f"{node.name}: `if TYPE_CHECKING:` in the class body"
        decorators = {_decorator_name(d) for d in node.decorator_list}
        if "dataclass" in decorators or node.name in with_fields:
            continue
        set_here = {
            target.attr
            for inner in ast.walk(node)
            if isinstance(inner, ast.Assign | ast.AnnAssign | ast.AugAssign)
            for target in (inner.targets if isinstance(inner, ast.Assign) else [inner.target])
            if isinstance(target, ast.Attribute)
            and isinstance(target.value, ast.Name)
            and target.value.id == "self"
        }
        for statement in node.body:
            if (
                isinstance(statement, ast.AnnAssign)
                and statement.value is None
                and isinstance(statement.target, ast.Name)
                and "ClassVar" not in ast.unparse(statement.annotation)
                and statement.target.id not in set_here
            ):
                yield module, f"{node.name}.{statement.target.id}"


def test_the_stub_finder_sees_a_mixin() -> None:
    source = (
        "from typing import TYPE_CHECKING, ClassVar\n"
        "from dataclasses import dataclass\n"
        "class Half:\n    root: Path\n    _parts: dict[str, int]\n"
        "    if TYPE_CHECKING:\n        def files_of(self) -> list[Path]: ...\n"
        "class Own:\n    size: int\n    kind: ClassVar[str]\n"
        "    def __init__(self) -> None:\n        self.size = 1\n"
        "@dataclass\nclass Fields:\n    name: str\n"
        "class Model(BaseModel):\n    name: str\n"
        "class Row(Model):\n    text: str\n"
    )
    found = [what for _, what in attribute_stubs({"m": ast.parse(source)})]
    assert found == ["Half: `if TYPE_CHECKING:` in the class body", "Half.root", "Half._parts"]


def test_no_class_declares_attributes_another_sets() -> None:
    """State is held by composition (the store's: `storage/state.py`), never shared with a
    mixin through attribute stubs."""
    trees = {name: parsed(path) for name, path in MODULES.items()}
    assert [f"{module}: {what}" for module, what in attribute_stubs(trees)] == []


# What the code may cite: files in this repository. The product spec and the style guide the
# project was started from are not here; docs/architecture.md and the docs/ pages are.
UNCITABLE = re.compile(r"SPEC §|STYLE\.md")


def test_the_code_cites_only_documents_in_the_repository() -> None:
    root = SRC.parent
    files = [
        path
        for folder in ("src", "tests", "scripts", "benchmarks")
        for path in sorted((root / folder).rglob("*.py"))
    ]
    assert len(files) > 100
    citing = [
        f"{path.relative_to(root)}:{number}"
        for path in files
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if UNCITABLE.search(line) and path.name != "test_architecture.py"
    ]
    assert not citing, f"cite docs/ instead of the spec or style guide: {citing}"
