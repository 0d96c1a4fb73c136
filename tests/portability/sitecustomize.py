"""Windows, as far as Linux can play it: the portability job puts this folder first on
PYTHONPATH (tests/portability.sh), so every Python process of the job — pytest and each
`python -m anquan_cli` it starts — runs this before anything else.

- POSIX-only modules cannot be imported (as on Windows);
- os loses what Windows' os lacks (fchmod before 3.13, sync, fork, O_NOFOLLOW);
- os gains O_BINARY, and anquan opening a file without it fails, since on Windows such a
  file is in text mode and every \\n written becomes \\r\\n;
- os.rename refuses a name that is taken, as Windows' rename does;
- ANQUAN_PLATFORM=windows makes anquan_cli.portable take its Windows branches, with the
  stand_in_msvcrt module beside this file playing Windows' msvcrt.
"""

from __future__ import annotations

import importlib.abc
import os
import sys

BLOCKED = frozenset({"fcntl", "termios", "tty", "pty", "pwd", "grp", "resource", "syslog"})
REMOVED = ("fchmod", "fchown", "lchown", "sync", "fork", "forkpty", "O_NOFOLLOW")
O_BINARY = 0o100000  # Windows' value; on x86-64 Linux it is O_LARGEFILE, which changes nothing


class NoPosixOnlyModules(importlib.abc.MetaPathFinder):
    """Refuse the modules Windows does not have, the way a missing module is refused."""

    def find_spec(self, name, path=None, target=None):  # type: ignore[no-untyped-def]
        if name in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r} (portability job)", name=name)
        return None


def _install() -> None:
    # The real flock, kept before fcntl is made unimportable, for the stand-in msvcrt.
    import fcntl

    sys.modules["_portability_fcntl"] = fcntl
    for name in BLOCKED:
        sys.modules.pop(name, None)
    sys.meta_path.insert(0, NoPosixOnlyModules())
    for name in REMOVED:
        if hasattr(os, name):
            delattr(os, name)
    os.O_BINARY = O_BINARY  # type: ignore[attr-defined]
    real_open = os.open

    def open_(path, flags, mode=0o777, *, dir_fd=None):  # type: ignore[no-untyped-def]
        caller = sys._getframe(1).f_globals.get("__name__", "")
        if caller.startswith("anquan_cli") and not flags & O_BINARY:
            raise AssertionError(f"{caller} opened {path} in Windows text mode (no O_BINARY)")
        return real_open(path, flags, mode, dir_fd=dir_fd)

    def rename(source, target, *, src_dir_fd=None, dst_dir_fd=None):  # type: ignore[no-untyped-def]
        # Windows' rename never replaces; os.link + unlink gives that here, atomically.
        os.link(source, target, src_dir_fd=src_dir_fd, dst_dir_fd=dst_dir_fd)
        os.unlink(source, dir_fd=src_dir_fd)

    os.open = open_
    os.rename = rename
    # The standard library tells Windows by whether msvcrt imports (subprocess, getpass):
    # they are imported first, while it does not, and only then is the stand-in added.
    import getpass  # noqa: F401
    import subprocess  # noqa: F401

    import stand_in_msvcrt

    sys.modules["msvcrt"] = stand_in_msvcrt
    os.environ["ANQUAN_PLATFORM"] = "windows"


_install()
