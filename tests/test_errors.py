import errno

import pytest

from anquan_cli.errors import os_reason


@pytest.mark.parametrize(
    ("code", "said"),
    [
        (errno.EROFS, "文件系统为只读"),
        (errno.EEXIST, "文件已存在"),
        (errno.EACCES, "没有访问权限"),
        (errno.ENOSPC, "磁盘空间已满"),
        (errno.ENOTDIR, "路径中有一段不是文件夹"),
        (errno.EISDIR, "这是文件夹，不是文件"),
    ],
)
def test_the_systems_common_refusals_are_said_in_chinese(code: int, said: str) -> None:
    assert os_reason(OSError(code, "in English", "x.yaml")) == said


def test_a_rare_refusal_keeps_the_systems_words() -> None:
    assert os_reason(OSError(errno.ELOOP, "Too many levels of symbolic links")) == (
        "Too many levels of symbolic links"
    )
