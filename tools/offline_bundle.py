"""Build the offline installer for offices without internet: a zip of wheels and install.bat.

    python tools/offline_bundle.py                      # both: py311 and py312, into dist/
    python tools/offline_bundle.py --python 3.12 --out D:/u盘

Each `anquan-offline-win_amd64-pyXY.zip` holds anquan's wheel, a wheel of every dependency
for 64-bit Windows and that Python, `install.bat` and `说明.txt`. On the office's computer:
unzip, double-click install.bat (it runs `py -3.XY -m pip install --no-index --find-links
<the folder> anquan`).

`pip download --platform win_amd64` judges the dependencies' environment markers by the
computer it runs on, not by Windows: typer's `colorama; platform_system == "Windows"` is
left out on Linux. So the bundle is checked here with the markers evaluated as Windows
would (`missing`), and whatever is missing is downloaded too, until nothing is.
"""

from __future__ import annotations

import argparse
import email.parser
import os
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLATFORM = "win_amd64"
PYTHONS = ("3.11", "3.12")

INSTALL_BAT = """\
@echo off
rem anquan offline install: wheels from this folder only, no internet needed.
rem Needs Python {python} (64-bit) from python.org, with the py launcher.
py -{python} -m pip install --no-index --find-links "%~dp0." anquan
if errorlevel 1 (
  echo.
  echo anquan was NOT installed. Is Python {python} 64-bit installed? Try: py -{python} --version
  pause
  exit /b 1
)
py -{python} -m anquan_cli --version
pause
"""

README_TXT = """\
anquan 离线安装包（64 位 Windows，Python {python}）

1. 先安装 Python {python}（64 位，python.org 下载；安装时勾选 “Add python.exe to PATH”
   和 “py launcher”）以及 Git for Windows（git-scm.com）。
2. 把本压缩包解压到任意文件夹，双击 install.bat；或在命令提示符中运行：
   py -{python} -m pip install --no-index --find-links 本文件夹 anquan
3. 安装后在命令提示符中运行 anquan --help。

本包不需要连接互联网：anquan 及其全部依赖的安装文件（.whl）都在本文件夹中。
"""


def windows_environment(python: str) -> dict[str, str]:
    """The environment markers of CPython `python` (e.g. "3.11") on 64-bit Windows."""
    return {
        "implementation_name": "cpython",
        "implementation_version": f"{python}.0",
        "os_name": "nt",
        "platform_machine": "AMD64",
        "platform_python_implementation": "CPython",
        "platform_release": "10",
        "platform_system": "Windows",
        "platform_version": "10.0.19045",
        "python_full_version": f"{python}.0",
        "python_version": python,
        "sys_platform": "win32",
    }


@dataclass(frozen=True)
class Wheel:
    path: Path
    name: str
    version: str
    requires: tuple[str, ...]
    requires_python: str | None


def read_wheels(folder: Path) -> list[Wheel]:
    from packaging.utils import canonicalize_name, parse_wheel_filename

    wheels = []
    for path in sorted(folder.glob("*.whl")):
        name, version, _, _ = parse_wheel_filename(path.name)
        with zipfile.ZipFile(path) as archive:
            (metadata,) = [
                n
                for n in archive.namelist()
                if n.endswith(".dist-info/METADATA") and n.count("/") == 1
            ]
            message = email.parser.BytesParser().parsebytes(archive.read(metadata))
        wheels.append(
            Wheel(
                path,
                canonicalize_name(name),
                str(version),
                tuple(message.get_all("Requires-Dist") or ()),
                message.get("Requires-Python"),
            )
        )
    return wheels


def _installable(wheel: Wheel, python: str) -> bool:
    """The wheel's tags and Requires-Python allow CPython `python` on 64-bit Windows."""
    from packaging import tags
    from packaging.specifiers import SpecifierSet
    from packaging.utils import parse_wheel_filename

    version = tuple(int(part) for part in python.split("."))
    interpreter = f"cp{version[0]}{version[1]}"
    allowed = {
        *tags.cpython_tags(version, abis=[interpreter, "abi3", "none"], platforms=[PLATFORM]),
        *tags.compatible_tags(version, interpreter, platforms=[PLATFORM]),
    }
    _, _, _, wheel_tags = parse_wheel_filename(wheel.path.name)
    if not allowed & set(wheel_tags):
        return False
    return wheel.requires_python is None or SpecifierSet(wheel.requires_python).contains(
        f"{python}.0"
    )


def missing(folder: Path, python: str, top: str = "anquan") -> list[str]:
    """Requirements (of `top`, and recursively of what it needs) that no wheel in the folder
    meets on CPython `python` for 64-bit Windows, markers evaluated as Windows would; [] when
    the folder installs completely. A wheel that cannot install there counts as absent.
    Each is given without its marker (it holds on Windows), as pip download takes it."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name
    from packaging.version import Version

    environment = windows_environment(python)
    usable: dict[str, list[Wheel]] = {}
    for wheel in read_wheels(folder):
        if _installable(wheel, python):
            usable.setdefault(wheel.name, []).append(wheel)
    unmet: list[str] = []
    done: set[tuple[str, str]] = set()
    todo = [Requirement(top)]
    while todo:
        requirement = todo.pop()
        name = canonicalize_name(requirement.name)
        candidates = [
            w
            for w in usable.get(name, [])
            if requirement.specifier.contains(w.version, prereleases=True)
        ]
        if not candidates:
            extras = f"[{','.join(sorted(requirement.extras))}]" if requirement.extras else ""
            unmet.append(f"{requirement.name}{extras}{requirement.specifier}")  # no marker
            continue
        chosen = max(candidates, key=lambda w: Version(w.version))
        for extra in sorted(requirement.extras) or [""]:
            if (chosen.name, extra) in done:
                continue
            done.add((chosen.name, extra))
            for line in chosen.requires:
                needed = Requirement(line)
                if needed.marker is None or needed.marker.evaluate({**environment, "extra": extra}):
                    todo.append(needed)
    return sorted(set(unmet))


def _pip(args: Iterable[str]) -> None:
    command = [sys.executable, "-m", "pip", *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"失败：{' '.join(command)}\n{done.stderr.strip()}")


def _download(folder: Path, python: str, requirements: list[str]) -> None:
    abi = "cp" + python.replace(".", "")
    _pip(
        [
            "download", "--quiet", "--dest", str(folder), "--only-binary=:all:",
            "--platform", PLATFORM, "--python-version", python, "--implementation", "cp",
            "--abi", abi, "--abi", "abi3", "--abi", "none", *requirements,
        ]
    )  # fmt: skip


def build_wheel(out: Path) -> Path:
    """anquan's own wheel, built from this checkout into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    _pip(["wheel", "--quiet", "--no-deps", "--wheel-dir", str(out), str(ROOT)])
    (wheel,) = out.glob("anquan-*.whl")
    return wheel


def bundle(python: str, out: Path, wheel: Path) -> Path:
    """Make `out/anquan-offline-win_amd64-pyXY.zip` for CPython `python`; its path."""
    name = f"anquan-offline-{PLATFORM}-py{python.replace('.', '')}"
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / name
        folder.mkdir()
        (folder / wheel.name).write_bytes(wheel.read_bytes())
        wanted = [str(folder / wheel.name)]
        while wanted:
            _download(folder, python, wanted)
            still = missing(folder, python)
            if still == wanted:
                raise SystemExit(f"Python {python} 的离线包缺少：{'、'.join(still)}")
            wanted = still
        (folder / "install.bat").write_bytes(
            INSTALL_BAT.format(python=python).replace("\n", "\r\n").encode("ascii")
        )
        (folder / "说明.txt").write_bytes(
            README_TXT.format(python=python).replace("\n", "\r\n").encode("utf-8-sig")
        )
        out.mkdir(parents=True, exist_ok=True)
        target = out / f"{name}.zip"
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(folder.iterdir()):
                archive.write(path, f"{name}/{path.name}")
    return target


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--python", action="append", help="3.11, 3.12 … (default: both)")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="folder for the zips")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        wheel = build_wheel(Path(scratch))
        for python in args.python or PYTHONS:
            made = bundle(python, args.out, wheel)
            print(f"{made}（{len(zipfile.ZipFile(made).namelist())} 个文件）")


if __name__ == "__main__":
    os.environ.setdefault("PIP_DISABLE_PIP_VERSION_CHECK", "1")
    main()
