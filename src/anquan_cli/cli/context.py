"""Opening the ledger and the writer for a command, asking what is missing on a terminal.

The store is imported inside these functions: a command module importing this one at the
top stays cheap for `anquan --help`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from anquan_cli.cli.console import note, stdin_is_terminal
from anquan_cli.errors import AnquanError, UsageError

if TYPE_CHECKING:
    from anquan_cli.api.handle import OpenLedger
    from anquan_cli.model.records import Record
    from anquan_cli.model.settings import Settings
    from anquan_cli.store.ledger import Ledger
    from anquan_cli.store.office import Office
    from anquan_cli.store.scan import Scan
    from anquan_cli.store.writer import Writer


def ledger_root(ledger: Path | None) -> Path:
    """The ledger's folder; an import cut off half way there is undone first, and said."""
    from anquan_cli.store.lock import recover_if_idle
    from anquan_cli.store.paths import find_root

    say_undone_imports()
    root = find_root(ledger, Path.cwd())
    recover_if_idle(root)
    return root


def say_undone_imports() -> None:
    """Have the store tell us when it undoes a write cut off half way (store/journal.py):
    whichever read or write finds the journal first, the person hears of it."""
    from anquan_cli.store import journal

    def said(root: Path, removed: int, what: str) -> None:
        if what.startswith("导入"):
            note(
                f"上次导入中途中断，已撤销其写入的 {removed} 个记录文件，台账恢复为导入前的样子；"
                "请重新导入"
            )
        else:
            shown = f"（{what}）" if what else ""
            note(
                f"上次写入{shown}中途中断，已撤销其写入的 {removed} 个文件，台账恢复为写入前的"
                "样子；请重新运行该命令"
            )

    journal.on_undo = said


def scan_for(ledger: Path | None) -> tuple[Settings, Scan]:
    """The ledger's settings and the stamps of its files (a district: every town's)."""
    from anquan_cli.cli.progress import progress
    from anquan_cli.store.district import scan_ledger
    from anquan_cli.store.settings_file import read_settings

    root = ledger_root(ledger)
    settings = read_settings(root)
    with progress("查看各镇街台账") as report:
        return settings, scan_ledger(root, settings, report)


def open_ledger(
    ledger: Path | None,
    no_cache: bool = False,
    *,
    scanned: Scan | None = None,
) -> Ledger:
    """The ledger for a read command, through the cache (unless --no-cache), with a bar if it
    takes long. A district whose town fails `check` stops here, naming the town: a roll-up
    never quietly counts a broken town (or leaves it out). `scanned` is the ledger's scan if
    the command has already made it."""
    from anquan_cli.cli.progress import progress
    from anquan_cli.store.ledger import Ledger

    say_undone_imports()
    where = scanned.root if scanned is not None else ledger
    with progress("读取台账") as report:
        book = Ledger.open(where, use_cache=not no_cache, progress=report, scanned=scanned)
    if book.parts:
        from anquan_cli.api.checking import check_ledger

        stop_failing_towns(
            book.root,
            [
                (part.settings.name, part.root, check_ledger(part, date.today()).errors)
                for part in book.parts
            ],
        )
    return book


def stop_failing_towns(root: Path, towns: list[tuple[str, Path, int]]) -> None:
    """Stop a district roll-up, naming them, when towns (name, folder, errors) fail `check`."""
    from anquan_cli.store.district import label

    failing = [
        f"{name}（{label(root, town)}）{errors} 个错误" for name, town, errors in towns if errors
    ]
    if failing:
        raise AnquanError(
            f"镇街台账未通过检查，未汇总：{'；'.join(failing)}；请在该镇街台账运行 anquan check 并修正"
        )


def ledger_records(book: Ledger) -> list[Record]:
    """Every record the ledger loaded; files that failed to load are said on stderr."""
    warn_unreadable(unreadable(book))
    return [entry.record for entry in book.entries]


def unreadable(book: Ledger) -> int:
    return sum(1 for p in book.problems if p.is_error)


def warn_unreadable(count: int, left_out: str = "不计入统计") -> None:
    if count:
        note(f"警告：台账有 {count} 处错误，无法读取的记录{left_out}；请运行 anquan check 查看")


def writer_for(ledger: Path | None, no_commit: bool = False) -> Writer:
    """A writer for this clone's office; a clone without one asks on a terminal, else stops."""
    from anquan_cli.store.settings_file import read_settings
    from anquan_cli.store.writer import DISTRICT_WRITE, Writer

    root = ledger_root(ledger)
    settings = read_settings(root)
    if settings.is_district:
        raise UsageError(DISTRICT_WRITE)
    return Writer(root, settings, office_for(root, settings), commit=not no_commit)


def writing_to(ledger: Path | None, no_commit: bool = False) -> tuple[Writer, OpenLedger]:
    """The writer for this clone's office (asked for on a terminal) and the ledger it writes
    to, for the api's writing functions (`using=writer`)."""
    from anquan_cli.api.handle import OpenLedger

    writer = writer_for(ledger, no_commit)
    return writer, OpenLedger(writer.root, writer.settings)


def office_for(root: Path, settings: Settings) -> Office:
    """This clone's office; a clone without one asks on a terminal, else stops."""
    from anquan_cli.store.office import current_office

    return current_office(root, settings) or _ask_office(root, settings)


def _ask_office(root: Path, settings: Settings) -> Office:
    if not stdin_is_terminal():
        raise UsageError(
            "尚未设置本台账副本所属办所：请运行 anquan office set 办所名称，或设置环境变量 ANQUAN_OFFICE"
        )
    from anquan_cli.cli.prompts import ask_text
    from anquan_cli.store.office import Office, office_code, set_office

    choices = [o.name for o in settings.offices or ()]
    name = ask_text("本副本属于哪个办所", choices=choices)
    set_office(root, name, settings)
    note(f"已将本副本的办所设为 {name}")
    return Office(name, office_code(settings, name))
