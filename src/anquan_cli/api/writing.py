"""Writing through the api: the writer, a hazard's steps (rectify, verify) and `set` (change),
thin over store/writer.py, under the same model validation and the same rules of the ledger
(model/rules.py: text, settings lists, dates against `today` when given and against what the
record cites) as new records (api/adding.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from anquan_cli.api.handle import OpenLedger
from anquan_cli.errors import UsageError
from anquan_cli.model.attachments import Attachment
from anquan_cli.model.records import MODELS, Hazard, Record
from anquan_cli.store.change import Changed
from anquan_cli.store.writer import Writer

if TYPE_CHECKING:
    from anquan_cli.model.rules import Context


def writer(ledger: OpenLedger, *, office: str | None = None, commit: bool = True) -> Writer:
    """A writer for the ledger on behalf of an office: the one named, else this clone's own
    (`anquan office set`, or $ANQUAN_OFFICE). A district holds no records of its own."""
    from anquan_cli.store.office import Office, current_office, office_code

    if office is not None:
        chosen = Office(office, office_code(ledger.settings, office))
    else:
        found = current_office(ledger.root, ledger.settings)
        if found is None:
            raise UsageError(
                "尚未设置本台账副本所属办所：请运行 anquan office set 办所名称，"
                "或设置环境变量 ANQUAN_OFFICE，或在调用时给出 office"
            )
        chosen = found
    return Writer(ledger.root, ledger.settings, chosen, commit=commit)


def rules_of(chosen: Writer, today: date | None) -> Context:
    """The ledger's rules for a record the writer makes: a record it cites is read by its ID."""
    from anquan_cli.model.rules import Context

    return Context(chosen.settings, today, _reader(chosen))


def _reader(chosen: Writer) -> Callable[[str], Record | None]:
    from anquan_cli.errors import AnquanError
    from anquan_cli.model.ids import kind_of_id

    def read(record_id: str) -> Record | None:
        kind = kind_of_id(record_id)
        if kind is None:
            return None
        try:
            return chosen.read(record_id, MODELS[kind])
        except AnquanError:
            return None

    return read


def rectify(
    ledger: OpenLedger,
    hazard_id: str,
    day: date,
    *,
    by: str | None = None,
    note: str | None = None,
    office: str | None = None,
    commit: bool = True,
    using: Writer | None = None,
    today: date | None = None,
) -> Hazard:
    """整改完成: the hazard's file gains the step, as `anquan rectify` writes it. `using`: a
    writer the caller has made already (then office and commit are its own)."""
    from anquan_cli.model.lifecycle import rectify as step

    chosen = using or writer(ledger, office=office, commit=commit)
    before = chosen.read_alone(hazard_id.strip().upper(), Hazard)
    after = _stepped(lambda: step(before, day, by, note), rules_of(chosen, today))
    chosen.update(before, after, f"隐患 {after.id} 已整改")
    return after


def verify(
    ledger: OpenLedger,
    hazard_id: str,
    day: date,
    by: str,
    *,
    passed: bool = True,
    note: str | None = None,
    office: str | None = None,
    commit: bool = True,
    using: Writer | None = None,
    today: date | None = None,
) -> Hazard:
    """复查验收: passing closes the hazard out (销号), failing sends it back to 整改中.
    `using`: as for rectify."""
    from anquan_cli.model.lifecycle import verify as step

    chosen = using or writer(ledger, office=office, commit=commit)
    before = chosen.read_alone(hazard_id.strip().upper(), Hazard)
    required = ledger.settings.require_after_photo
    attached: tuple[Attachment, ...] = ()
    if required and passed:
        from anquan_cli.store.attachments import present

        attached = present(ledger.root, before.id)
    after = _stepped(
        lambda: step(
            before, day, by, passed=passed, note=note,
            require_after_photo=required, attached=attached,
        ),
        rules_of(chosen, today),
    )  # fmt: skip
    message = (
        f"隐患 {after.id} 验收通过，销号" if passed else f"隐患 {after.id} 验收不通过，退回整改"
    )
    chosen.update(before, after, message)
    return after


def change(
    ledger: OpenLedger,
    record_id: str,
    assignments: list[str],
    *,
    today: date | None = None,
    office: str | None = None,
    commit: bool = True,
    using: Writer | None = None,
) -> Changed:
    """`anquan set ID 字段=值 …`: the record's fields changed under the add- commands' rules
    (store/change.py), written keeping comments and committed with a Chinese message; nothing
    is written when nothing changes. `using`: as for rectify."""
    from anquan_cli.store.change import change_record

    chosen = using or writer(ledger, office=office, commit=commit)
    changed = change_record(chosen, record_id, assignments, today or date.today())
    if changed.changes:
        chosen.update(changed.before, changed.after, changed.message)
    return changed


def _stepped(make: Any, rules: Context) -> Hazard:
    """The hazard after a step the lifecycle allows, held to its ledger's rules as a new one
    is (the step's date is --date, its person and note text)."""
    from anquan_cli.model.lifecycle import StepRefused
    from anquan_cli.store.validation import obey

    try:
        result: Hazard = make()
    except StepRefused as refused:
        raise UsageError(str(refused)) from None
    obey(result, rules)
    return result
