"""Print the constraints that pin every dependency to its floor: `name==floor`, one a line.

The floors job of .ci/run installs anquan with these (`pip install -c FILE '.[test]'`) and
runs the suite, so each `>=` in pyproject.toml is a version the tests have passed on.
Every requirement in pyproject.toml (runtime and the test extra) must be `name>=version`,
with an optional environment marker; anything else stops this script.

    python tools/floors.py > floors.txt
    python tools/floors.py --installed    # fail unless this environment holds exactly those
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
FLOOR = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*>=\s*([0-9][0-9A-Za-z.]*)\s*(;.*)?$")


def floors(pyproject: Path = PYPROJECT) -> list[str]:
    """`name==floor` for every runtime and test requirement, in pyproject's order."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    pins = []
    for requirement in [*project["dependencies"], *project["optional-dependencies"]["test"]]:
        match = FLOOR.match(requirement)
        if match is None:
            raise SystemExit(f"{pyproject.name}: “{requirement}” has no plain >= floor")
        name, version, marker = match.groups()
        pins.append(f"{name}=={version}{marker or ''}")
    return pins


def not_at_floor() -> list[str]:
    """The pinned packages this environment holds at another version than their floor."""
    from importlib.metadata import PackageNotFoundError, version

    from packaging.requirements import Requirement

    wrong = []
    for pin in floors():
        requirement = Requirement(pin)
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        try:
            held = version(requirement.name)
        except PackageNotFoundError:
            held = "absent"
        if not requirement.specifier.contains(held):
            wrong.append(f"{requirement.name} {held}, not {requirement.specifier}")
    return wrong


if __name__ == "__main__":
    if sys.argv[1:] == ["--installed"]:
        wrong = not_at_floor()
        print("\n".join(wrong) or f"all {len(floors())} dependencies at their floors")
        sys.exit(1 if wrong else 0)
    sys.stdout.write("".join(pin + "\n" for pin in floors()))
