"""Write docs/json.md from the `--json` registry, mentorlog/cli/views.py (or check it).

python scripts/gen_json_doc.py          # regenerate
python scripts/gen_json_doc.py --check  # exit 1 if docs/json.md is out of date
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mentorlog.cli.views import VIEWS, JsonView

TARGET = Path(__file__).resolve().parent.parent / "docs" / "json.md"
HEADER = """\
# The `--json` documents

Generated from `mentorlog/cli/views.py` by `scripts/gen_json_doc.py`; do not edit by hand.
A test fails when this page is out of date, or when a command takes `--json` and is not listed.

Every command that shows data takes `--json` and prints one JSON document on stdout (UTF-8,
indented, nothing else). Dates are `YYYY-MM-DD`, times of day `HH:MM:SS`, moments ISO 8601
with their offset (`Z` for UTC). A field marked optional may be absent or `null`. New fields
may be added in a minor release; a field is renamed or removed only in a major one.

The tables are drawn from each document's JSON Schema; to get the schema itself:

    python -c "from mentorlog.cli.views import schema; print(schema('goal list'))"

"""


def type_name(schema: dict[str, Any]) -> str:
    """A short, readable name for a JSON Schema type."""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(type_name(option) for option in schema["anyOf"])
    if "enum" in schema:
        return "one of " + ", ".join(f"`{value}`" for value in schema["enum"])
    if "const" in schema:
        return f"`{schema['const']}`"
    kind = schema.get("type", "any")
    if kind == "array":
        return f"list of {type_name(schema.get('items', {}))}"
    if kind == "object":
        values = schema.get("additionalProperties")
        if "properties" in schema and "title" in schema:
            return str(schema["title"])
        return f"object of {type_name(values)}" if isinstance(values, dict) else "object"
    if kind == "string" and "format" in schema:
        return {"date": "date", "date-time": "moment", "time": "time of day"}.get(
            schema["format"], f"string ({schema['format']})"
        )
    return {"integer": "integer", "number": "number", "boolean": "true/false"}.get(kind, str(kind))


def fields_table(name: str, schema: dict[str, Any]) -> list[str]:
    lines = [f"#### {name}", ""]
    if schema.get("description"):
        lines += [" ".join(str(schema["description"]).split()), ""]
    if "enum" in schema:
        return [*lines, f"One of {type_name(schema)[7:]}.", ""]
    required = set(schema.get("required", []))
    lines += ["| field | type | |", "|---|---|---|"]
    for field, spec in schema.get("properties", {}).items():
        note = "" if field in required else "optional"
        lines.append(f"| `{field}` | {type_name(spec)} | {note} |")
    return [*lines, ""]


def section(view: JsonView) -> list[str]:
    schema = view.schema()
    lines = [f"## `mentorlog {view.command} --json`", "", view.about, ""]
    lines += [f"The document: {type_name(schema)}.", ""]
    objects = dict(schema.get("$defs", {}))
    if schema.get("type") == "object":
        objects = {schema.get("title", view.command): schema, **objects}
    for name, spec in objects.items():
        lines += fields_table(name, spec)
    return lines


def document() -> str:
    lines = [HEADER.rstrip("\n"), "", "## Commands", ""]
    lines += [
        f"- [`mentorlog {view.command}`](#mentorlog-{view.command.replace(' ', '-')}---json)"
        for view in VIEWS
    ]
    lines.append("")
    for view in VIEWS:
        lines += section(view)
    return "\n".join(lines).rstrip("\n") + "\n"


def main() -> int:
    text = document()
    if "--check" in sys.argv[1:]:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print("docs/json.md is out of date: run `python scripts/gen_json_doc.py`")
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
