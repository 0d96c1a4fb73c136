"""README's promises point at tests that exist: a guarantee whose test is gone is no guarantee."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).parents[1]


def guarantee_rows() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## anquan 的保证", 1)[1].split("\n## ", 1)[0]
    return [line for line in section.splitlines() if line.startswith("| ") and "tests/" in line]


def defined_tests(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.name for n in tree.body if isinstance(n, ast.FunctionDef)}


def test_every_guarantee_names_tests_that_exist() -> None:
    rows = guarantee_rows()
    assert len(rows) >= 15
    for row in rows:
        last_file: Path | None = None
        for reference in re.findall(r"`([^`]*(?:tests/|::)[^`]*)`", row):
            file_part, _, name = reference.partition("::")
            if file_part:
                last_file = ROOT / file_part
            assert last_file is not None and last_file.exists(), reference
            if name:
                assert name in defined_tests(last_file), reference
