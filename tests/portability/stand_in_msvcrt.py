"""A stand-in for Windows' msvcrt.locking, for the portability job (see sitecustomize.py).

Windows locks a byte range per open file; flock, per open file too, plays it here. A lock
that is held makes LK_NBLCK fail with EACCES, as msvcrt does.
"""

from __future__ import annotations

import errno
import os
import sys

LK_UNLCK, LK_LOCK, LK_NBLCK, LK_RLCK, LK_NBRLCK = 0, 1, 2, 3, 4


def locking(fd: int, mode: int, nbytes: int) -> None:
    flock = sys.modules["_portability_fcntl"]
    if nbytes < 1:
        raise OSError(errno.EINVAL, os.strerror(errno.EINVAL))
    if mode == LK_UNLCK:
        flock.flock(fd, flock.LOCK_UN)
        return
    if mode != LK_NBLCK:
        raise NotImplementedError("the portability job's msvcrt only has LK_NBLCK and LK_UNLCK")
    try:
        flock.flock(fd, flock.LOCK_EX | flock.LOCK_NB)
    except BlockingIOError:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES)) from None
