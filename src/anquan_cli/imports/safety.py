"""Looking at a spreadsheet before anything unpacks it: size, zip bombs, macros, encryption.

Nothing here parses XML: the checks read zip directory entries and raw bytes only; the cells
themselves are read by calamine, whose XML reader never resolves DTDs or external entities.
Formulas are never evaluated (calamine gives the value Excel cached) and external links are
never followed, so a workbook cannot reach outside itself through anquan.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from anquan_cli.errors import AnquanError


@dataclass(frozen=True)
class Limits:
    """What a 台账 workbook may be; a real one is far below every limit."""

    file_bytes: int = 100 * 1024 * 1024
    entries: int = 2_000
    unpacked_bytes: int = 1024 * 1024 * 1024
    ratio: int = 300  # how much one entry may grow (a real sheet: under 10; a bomb: ~1000)
    ratio_floor: int = 1024 * 1024  # below this many unpacked bytes any ratio is harmless


LIMITS = Limits()

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SPREADSHEETS = (".xlsx", ".xls", ".ods")
TEXT_TABLES = (".csv", ".txt")
MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlam", ".xlsb")


def refuse(path: Path, why: str) -> AnquanError:
    return AnquanError(f"{path.name}：{why}，未导入任何记录")


def check_file(path: Path, limits: Limits = LIMITS) -> str:
    """Refuse what must not be opened; return the format to read it as ('zip', 'ole', 'csv')."""
    suffix = path.suffix.lower()
    if suffix in MACRO_SUFFIXES:
        raise refuse(path, "是含宏的工作簿（.xlsm 等），为安全起见不读取；请另存为 .xlsx 后再导入")
    if suffix not in SPREADSHEETS + TEXT_TABLES:
        raise refuse(path, "不是可导入的表格（支持 .xlsx、.xls、.ods、.csv）")
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise AnquanError(f"{path}：文件不存在") from None
    except IsADirectoryError:
        raise AnquanError(f"{path}：是目录，不是表格文件") from None
    if size > limits.file_bytes:
        raise refuse(
            path,
            f"文件过大（{size // 1024 // 1024} MB，上限 {limits.file_bytes // 1024 // 1024} MB）",
        )
    if suffix in TEXT_TABLES:
        return "csv"
    if head.startswith(ZIP_MAGIC):
        _check_zip(path, limits)
        return "zip"
    if head.startswith(OLE_MAGIC):
        _check_ole(path)
        return "ole"
    raise refuse(path, "文件已损坏或不是 Excel 工作簿")


def _check_zip(path: Path, limits: Limits) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > limits.entries:
                raise refuse(path, f"压缩包内文件过多（{len(entries)} 个），疑为恶意文件")
            total = 0
            for entry in entries:
                if entry.flag_bits & 0x1:
                    raise refuse(path, "工作簿已加密，请先在 Excel/WPS 中取消密码")
                total += entry.file_size
                if entry.file_size > limits.ratio_floor and entry.file_size > limits.ratio * max(
                    entry.compress_size, 1
                ):
                    raise refuse(path, "压缩比异常（疑为“压缩炸弹”）")
                name = entry.filename.lower()
                if "vbaproject" in name or name.startswith("basic/"):  # Excel VBA, ODF Basic
                    raise refuse(
                        path, "工作簿含宏（VBA），为安全起见不读取；请另存为 .xlsx 后再导入"
                    )
            if total > limits.unpacked_bytes:
                raise refuse(path, "解压后过大（疑为“压缩炸弹”）")
            types = next((e for e in entries if e.filename == "[Content_Types].xml"), None)
            if types is not None and types.file_size < 1024 * 1024:
                content = archive.read(types).lower()
                if b"macroenabled" in content or b"vbaproject" in content:
                    raise refuse(
                        path, "工作簿含宏（VBA），为安全起见不读取；请另存为 .xlsx 后再导入"
                    )
    except zipfile.BadZipFile:
        raise refuse(path, "文件已损坏，无法读取") from None


def _check_ole(path: Path) -> None:
    """An OLE file is an old .xls (whatever its name says), or a password-protected .xlsx
    (EncryptedPackage)."""
    data = path.read_bytes()
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise refuse(path, "工作簿已加密或已损坏，请先在 Excel/WPS 中取消密码并另存为 .xlsx")
    if "_VBA_PROJECT".encode("utf-16-le") in data:
        raise refuse(path, "工作簿含宏（VBA），为安全起见不读取；请另存为 .xlsx 后再导入")
