"""What the wheel declares: honest floors, only the dependencies src/ uses, the licence."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

from tools import floors

ROOT = Path(__file__).parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def imported_top_modules(folder: Path) -> set[str]:
    found: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module.split(".")[0])
    return found


def test_every_dependency_has_a_floor_that_the_floors_job_pins() -> None:
    requirements = [*PROJECT["dependencies"], *PROJECT["optional-dependencies"]["test"]]
    pins = floors.floors()
    assert len(pins) == len(requirements)
    for requirement, pin in zip(requirements, pins, strict=True):
        declared, pinned = Requirement(requirement), Requirement(pin)
        assert declared.name == pinned.name
        (floor,) = declared.specifier
        assert floor.operator == ">="
        assert str(pinned.specifier) == f"=={floor.version}"


def test_openpyxl_is_only_for_the_tests() -> None:
    runtime = {Requirement(r).name.lower() for r in PROJECT["dependencies"]}
    test = {Requirement(r).name.lower() for r in PROJECT["optional-dependencies"]["test"]}
    assert "openpyxl" not in runtime and "openpyxl" in test
    assert "openpyxl" not in imported_top_modules(ROOT / "src")
    assert "openpyxl" in imported_top_modules(ROOT / "tests")


def test_the_wheel_says_what_it_is() -> None:
    assert PROJECT["license"] == "MIT"
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert PROJECT["readme"] == "README.md"
    assert {
        "Natural Language :: Chinese (Simplified)",
        "Operating System :: OS Independent",
        "Environment :: Console",
        "Programming Language :: Python :: 3.11",
    } <= set(PROJECT["classifiers"])


def test_the_wheel_lists_every_package_under_src() -> None:
    """A package missing from [tool.setuptools] packages works editable and not installed."""
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
        "setuptools"
    ]
    src = ROOT / "src"
    packages = {".".join(init.parent.relative_to(src).parts) for init in src.rglob("__init__.py")}
    assert packages <= set(setuptools["packages"])
