"""The design's import contract: cli → render/imports/checks/stats → store → model."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "src" / "anquan_cli"
FORBIDDEN = {
    "model": {"store", "checks", "stats", "render", "imports", "cli"},
    "store": {"checks", "stats", "render", "imports", "cli"},
    "stats": {"store", "render", "imports", "checks", "cli"},
    "checks": {"render", "imports", "cli"},
    "render": {"imports", "checks", "cli"},
    "imports": {"render", "checks", "cli"},
}


def imported_rooms(path: Path) -> set[str]:
    rooms = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "anquan_cli" and len(parts) > 1:
                rooms.add(parts[1])
    return rooms


@pytest.mark.parametrize("room", sorted(FORBIDDEN))
def test_imports_flow_one_way(room: str) -> None:
    for path in sorted((PACKAGE / room).rglob("*.py")):
        wrong = imported_rooms(path) & FORBIDDEN[room]
        assert not wrong, f"{path.relative_to(PACKAGE)} imports {sorted(wrong)}"


def test_nothing_below_the_cli_prints_or_exits() -> None:
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.parts[-2] == "cli" or path.name == "__main__.py":
            continue
        source = path.read_text(encoding="utf-8")
        for call in ("print(", "sys.exit(", "typer.Exit"):
            assert call not in source, f"{path.relative_to(PACKAGE)} uses {call}"
