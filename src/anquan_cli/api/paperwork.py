"""执法文书 printed from the records (`anquan doc`): 现场检查记录, 整改通知书, 复查意见书.

A document's 文号 comes from its office's sequence for the kind and the year
(model/documents.py); it is written back to the record the document was printed from (its
`documents` field) and committed, so printing the same document again gives it the same number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from anquan_cli.api.handle import OpenLedger
from anquan_cli.errors import AnquanError, UsageError
from anquan_cli.model.enums import Action, DocumentKind
from anquan_cli.model.records import Hazard, Inspection

if TYPE_CHECKING:
    from anquan_cli.render.papers import Evidence
    from anquan_cli.store.ledger import Ledger
    from anquan_cli.store.writer import Writer


@dataclass(frozen=True)
class Paper:
    """One printed document (or a day's, joined): its numbers, its file's name and bytes."""

    kind: str
    record_ids: list[str]
    doc_nos: list[str]
    file_name: str
    data: bytes


def document_kind(text: str) -> DocumentKind:
    """The kind a name gives; anything else is refused naming the three."""
    for kind in DocumentKind:
        if text.strip() == kind.value:
            return kind
    known = "、".join(k.value for k in DocumentKind)
    raise UsageError(f"没有名为 {text} 的文书；可打印的文书：{known}")


class _Numbers:
    """The 文号 an office gives while printing: the ledger's taken ones, and those given now."""

    def __init__(self, book: Ledger, office: str) -> None:
        from anquan_cli.model.documents import office_prefix

        try:
            self.prefix = office_prefix(book.settings, office)
        except ValueError as clash:
            raise AnquanError(str(clash), "anquan.yaml") from None
        self.taken: list[str] = [
            text
            for record in [*book.inspections, *book.hazards, *book.penalties]
            for text in [
                getattr(record, "doc_no", None),
                *getattr(record, "documents", {}).values(),
            ]
            if text
        ]

    def give(self, kind: DocumentKind, year: int) -> str:
        from anquan_cli.model.documents import doc_number, next_number

        number = doc_number(
            self.prefix, year, kind, next_number(self.taken, self.prefix, year, kind)
        )
        self.taken.append(number)
        return number


def _hazards_of(book: Ledger, visit: Inspection) -> list[Hazard]:
    return sorted(
        (h for h in book.hazards if h.inspection == visit.id), key=lambda h: (h.found, h.id)
    )


def _evidence(ledger: OpenLedger, hazards: list[Hazard]) -> dict[str, Evidence]:
    """Each hazard's photos before and after 整改 (api/evidence.py: the files that exist)."""
    from anquan_cli.api.evidence import hazard_photos
    from anquan_cli.render.official import Picture
    from anquan_cli.render.papers import Evidence

    found: dict[str, Evidence] = {}
    for hazard in hazards:
        photos = hazard_photos(ledger, hazard.id)
        found[hazard.id] = Evidence(
            [Picture(path) for path in photos.before], [Picture(path) for path in photos.after]
        )
    return found


def _paper(
    ledger: OpenLedger,
    book: Ledger,
    office: str,
    numbers: _Numbers | None,
    kind: DocumentKind,
    record_id: str,
) -> tuple[Inspection | Hazard, str, bytes, Inspection | Hazard | None]:
    """The document of that kind for the record, issued by the office: the record, its 文号,
    the file's bytes, and the record as it is to be written back when the number is new
    (else None; `numbers` gives new ones, and is None only when the record has its number)."""
    from anquan_cli.render import papers
    from anquan_cli.render.official import fill

    record = book.get(record_id)
    settings = book.settings
    if kind is not DocumentKind.REVIEW and not isinstance(record, Inspection):
        raise UsageError(f"{kind}应给出检查编号，{record.id} 不是检查记录")
    if not isinstance(record, Inspection | Hazard):
        raise UsageError(f"{kind}应给出隐患或检查编号，{record.id} 不是隐患或检查记录")
    units = book.enterprise_by_id
    if isinstance(record, Inspection):
        visit: Inspection | None = record
        hazards = _hazards_of(book, record)
        unit = units.get(record.enterprise)
    else:
        visit = book.by_id.get(record.inspection or "")  # type: ignore[assignment]
        if not isinstance(visit, Inspection):
            visit = None
        hazards = [record]
        unit = units.get(record.enterprise or "")
    day: date
    data: dict[str, Any]
    if kind is DocumentKind.REVIEW:
        if not hazards:
            raise UsageError(f"检查 {record.id} 未发现隐患，无需整改复查意见书")
        reviewed = papers.review_day(hazards)
        if reviewed is None:
            first = hazards[0].id
            raise UsageError(
                f"{record.id} 的隐患尚未复查验收，还不能出具复查意见书；"
                f"请先 anquan verify {first} --date 日期 --by 复查人"
            )
        day = reviewed
    else:
        assert visit is not None
        day = visit.date
        if kind is DocumentKind.NOTICE and not hazards:
            raise UsageError(f"检查 {record.id} 未发现隐患，无需整改通知书")
    doc_no = record.documents.get(kind)
    written: Inspection | Hazard | None = None
    if doc_no is None:
        assert numbers is not None
        doc_no = numbers.give(kind, day.year)
        written = record.model_copy(update={"documents": {**record.documents, kind.value: doc_no}})
    if kind is DocumentKind.RECORD:
        assert visit is not None
        data = papers.record_data(settings, office, doc_no, visit, unit, hazards)
    elif kind is DocumentKind.NOTICE:
        assert visit is not None
        data = papers.notice_data(settings, office, doc_no, visit, unit, hazards)
    else:
        notice = visit.documents.get(DocumentKind.NOTICE) if visit is not None else None
        evidence = _evidence(ledger, hazards)
        data = papers.review_data(
            settings, office, doc_no, record.id, unit, hazards, day, notice, evidence
        )
    return record, doc_no, fill(kind.value, ledger.root, data), written


def _write_back(
    chosen: Writer, pairs: list[tuple[Inspection | Hazard, Inspection | Hazard]]
) -> None:
    """Each new 文号 into its record's file, committed (one commit per record)."""
    for before, after in pairs:
        fresh = chosen.read(before.id, type(before))
        given = {k: v for k, v in after.documents.items() if k not in before.documents}
        if fresh != before:
            raise AnquanError("记录在读取后被改动，请重试", before.id)
        updated = fresh.model_copy(update={"documents": {**fresh.documents, **given}})
        numbers = "、".join(f"{k} {v}" for k, v in given.items())
        chosen.update(fresh, updated, f"{before.id} 出具{numbers}")


def print_document(
    ledger: OpenLedger,
    kind: DocumentKind | str,
    record_id: str,
    *,
    office: str | None = None,
    commit: bool = True,
) -> Paper:
    """One document printed from a record, issued by the office (else this clone's); a new
    文号 is written back and committed. A document already numbered is printed again under its
    number, needing no office when a listed office's 文号 begin as its does."""
    from anquan_cli.api.writing import writer
    from anquan_cli.model.documents import office_of_number
    from anquan_cli.store.office import current_office

    chosen_kind = kind if isinstance(kind, DocumentKind) else document_kind(kind)
    book = ledger.load()
    given = book.get(record_id)
    number = getattr(given, "documents", {}).get(chosen_kind.value)
    issuer = office
    if issuer is None and number is not None:
        found = current_office(ledger.root, ledger.settings)
        issuer = found.name if found is not None else office_of_number(ledger.settings, number)
    if issuer is not None and number is not None:
        record, doc_no, data, _ = _paper(ledger, book, issuer, None, chosen_kind, record_id)
    else:
        chosen = writer(ledger, office=office, commit=commit)
        numbers = _Numbers(book, chosen.office.name)
        record, doc_no, data, written = _paper(
            ledger, book, chosen.office.name, numbers, chosen_kind, record_id
        )
        if written is not None:
            _write_back(chosen, [(record, written)])
    name = f"{record.id}_{chosen_kind}.docx"
    return Paper(str(chosen_kind), [record.id], [doc_no], name, data)


def day_documents(
    book: Ledger, day: date, office: str, code: str
) -> list[tuple[DocumentKind, str]]:
    """The documents of an office's day, in order: for each inspection it made that day its
    现场检查记录 and (when it found hazards) its 整改通知书; then a 复查意见书 for each of its
    hazards verified that day."""
    found: list[tuple[DocumentKind, str]] = []
    for visit in sorted(book.inspections, key=lambda v: v.id):
        if visit.date != day or not (visit.office_code == code or visit.office == office):
            continue
        found.append((DocumentKind.RECORD, visit.id))
        if _hazards_of(book, visit):
            found.append((DocumentKind.NOTICE, visit.id))
    for hazard in sorted(book.hazards, key=lambda h: h.id):
        if hazard.office_code != code:
            continue
        if any(
            s.date == day and s.action in (Action.PASSED, Action.SENT_BACK) for s in hazard.history
        ):
            found.append((DocumentKind.REVIEW, hazard.id))
    return found


def print_day(
    ledger: OpenLedger,
    day: date,
    of_office: str,
    *,
    office: str | None = None,
    commit: bool = True,
) -> Paper:
    """The documents of an office's day (`of_office`) in one file, each from a new page with
    its own footer; new numbers are the issuing office's (`office`, else this clone's)."""
    from anquan_cli.api.writing import writer
    from anquan_cli.render.official import join
    from anquan_cli.store.office import office_code

    chosen = writer(ledger, office=office, commit=commit)
    book = ledger.load()
    wanted = day_documents(book, day, of_office, office_code(book.settings, of_office))
    if not wanted:
        raise UsageError(f"{of_office} {day} 没有检查或复查记录，无文书可打印")
    numbers = _Numbers(book, chosen.office.name)
    parts: list[bytes] = []
    doc_nos: list[str] = []
    changed: dict[str, tuple[Inspection | Hazard, Inspection | Hazard]] = {}
    for kind, record_id in wanted:
        record, doc_no, data, written = _paper(
            ledger, book, chosen.office.name, numbers, kind, record_id
        )
        if written is not None:
            before, after = changed.get(record.id, (record, record))
            merged = after.model_copy(update={"documents": {**after.documents, kind.value: doc_no}})
            changed[record.id] = (before, merged)
        parts.append(data)
        doc_nos.append(doc_no)
    _write_back(chosen, list(changed.values()))
    name = f"{day}_{of_office}_执法文书.docx"
    return Paper("执法文书", [r for _, r in wanted], doc_nos, name, join(parts))
