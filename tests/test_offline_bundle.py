"""The offline installer (tools/offline_bundle.py) holds everything Windows needs to install."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tools import offline_bundle


def fake_wheel(folder: Path, filename: str, requires: list[str], python: str = ">=3.8") -> None:
    """A wheel holding only the metadata the check reads."""
    name, version = filename.split("-")[:2]
    metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
    metadata += f"Requires-Python: {python}\n" + "".join(f"Requires-Dist: {r}\n" for r in requires)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(f"{name}-{version}.dist-info/METADATA", metadata)
    (folder / filename).write_bytes(buffer.getvalue())


def test_the_check_reads_markers_as_windows_does(tmp_path: Path) -> None:
    fake_wheel(tmp_path, "anquan-1.0-py3-none-any.whl", ["typer>=0.29", "rich>=13"])
    fake_wheel(
        tmp_path,
        "typer-0.29.0-py3-none-any.whl",
        ['colorama; platform_system == "Windows"', 'uvloop; sys_platform == "linux"',
         'tzdata; extra == "timezone"'],
    )  # fmt: skip
    fake_wheel(tmp_path, "rich-13.0.0-py3-none-any.whl", ["pygments[plugins]>=2.13"])
    fake_wheel(
        tmp_path, "pygments-2.13.0-py3-none-any.whl", ['importlib-metadata; extra == "plugins"']
    )
    assert offline_bundle.missing(tmp_path, "3.11") == ["colorama", "importlib-metadata"]
    fake_wheel(tmp_path, "colorama-0.4.6-py2.py3-none-any.whl", [])
    fake_wheel(tmp_path, "importlib_metadata-8.0.0-py3-none-any.whl", [])
    assert offline_bundle.missing(tmp_path, "3.11") == []


def test_a_wheel_for_another_system_or_python_counts_as_absent(tmp_path: Path) -> None:
    fake_wheel(tmp_path, "anquan-1.0-py3-none-any.whl", ["pydantic-core==2.16.1", "tomli>=2"])
    fake_wheel(tmp_path, "pydantic_core-2.16.1-cp311-cp311-manylinux_2_17_x86_64.whl", [])
    fake_wheel(tmp_path, "tomli-2.0.0-py3-none-any.whl", [], python="<3.11")
    assert offline_bundle.missing(tmp_path, "3.11") == ["pydantic-core==2.16.1", "tomli>=2"]
    fake_wheel(tmp_path, "pydantic_core-2.16.1-cp311-cp311-win_amd64.whl", [])
    fake_wheel(tmp_path, "tomli-2.0.1-py3-none-any.whl", [])
    assert offline_bundle.missing(tmp_path, "3.11") == []
    assert offline_bundle.missing(tmp_path, "3.12") == ["pydantic-core==2.16.1"]


def test_the_windows_bundles_install_completely(tmp_path: Path) -> None:
    """Builds both zips from the package index, as an office's helper would (about a minute)."""
    wheel = offline_bundle.build_wheel(tmp_path / "wheel")
    with zipfile.ZipFile(wheel) as archive:
        assert any(n.endswith(".dist-info/licenses/LICENSE") for n in archive.namelist())
        (metadata,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        text = archive.read(metadata).decode("utf-8")
    assert "License-Expression: MIT" in text
    assert "Classifier: Natural Language :: Chinese (Simplified)" in text
    assert "Description-Content-Type: text/markdown" in text
    assert "# anquan 安全生产台账" in text  # README is the long description
    assert "openpyxl" not in text.split("Provides-Extra: test")[0]
    for python in ("3.11", "3.12"):
        made = offline_bundle.bundle(python, tmp_path / "dist", wheel)
        tag = "py" + python.replace(".", "")
        assert made.name == f"anquan-offline-win_amd64-{tag}.zip"
        with zipfile.ZipFile(made) as archive:
            archive.extractall(tmp_path / tag)
        folder = tmp_path / tag / made.stem
        names = {p.name for p in folder.iterdir()}
        assert {wheel.name, "install.bat", "说明.txt"} <= names
        assert any(n.startswith("colorama-") for n in names)  # typer's, on Windows only
        assert any(n.startswith("pydantic_core-") and n.endswith(f"-{tag.replace('py', 'cp')}-win_amd64.whl") for n in names)  # fmt: skip
        batch = (folder / "install.bat").read_bytes()
        assert (
            f'py -{python} -m pip install --no-index --find-links "%~dp0." anquan\r\n'.encode()
            in batch
        )
        assert offline_bundle.missing(folder, python) == []
    # pip agrees, resolving with no index but the bundle (it cannot judge Windows' markers)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--no-index",
         "--find-links", str(tmp_path / "py311" / "anquan-offline-win_amd64-py311"),
         "--only-binary=:all:", "--platform", "win_amd64", "--python-version", "3.11",
         "--implementation", "cp", "--abi", "cp311", "--target", str(tmp_path / "target"),
         "anquan"],
        env={**env, "PIP_CONFIG_FILE": os.devnull},
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Would install" in done.stdout and "anquan-" in done.stdout


@pytest.mark.parametrize("python", ["3.11", "3.12"])
def test_the_install_script_names_the_python_it_needs(python: str) -> None:
    batch = offline_bundle.INSTALL_BAT.format(python=python)
    batch.encode("ascii")  # cmd.exe reads a .bat in the console's code page
    assert f"py -{python} -m pip install --no-index" in batch
