"""Photos and scanned documents as evidence of a record (`anquan attach`), and what the other
commands and documents ask of them: a record's files, a hazard's 整改前/整改后 photos, and the
problems `check` names (a linked file missing, a stored file nobody links)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from anquan_cli.api.handle import OpenLedger
from anquan_cli.errors import Problem, UsageError
from anquan_cli.model.attachments import Attachment, AttachmentKind
from anquan_cli.model.enums import RecordKind
from anquan_cli.render.photos import Photo

if TYPE_CHECKING:
    from anquan_cli.model.records import Record
    from anquan_cli.store.ledger import Ledger
    from anquan_cli.store.writer import Writer

FOLDER = "attachments"


class Attached(NamedTuple):
    """A record's link to a file, with where the file is (it may be missing: see `exists`)."""

    link: Attachment
    path: Path

    @property
    def exists(self) -> bool:
        return self.path.is_file()


class HazardPhotos(NamedTuple):
    """A hazard's photos before and after 整改, in the order attached, files that exist only."""

    before: list[Path]
    after: list[Path]


def attach(
    ledger: OpenLedger,
    record_id: str,
    files: Sequence[Path],
    *,
    kind: AttachmentKind = AttachmentKind.SITE,
    day: date | None = None,
    today: date | None = None,
    office: str | None = None,
    commit: bool = True,
    using: Writer | None = None,
) -> tuple[list[Attachment], int]:
    """Attach the files to the record: every file is checked and a photo reduced before
    anything is written (one refusal leaves the ledger as it was), then the new files are
    stored by content hash and linked, as one commit. The links added, and how many of the
    files the record had already (with that kind). `day`: the date of each link; by default
    the photo's EXIF date, else today. `using`: a writer the caller has made already."""
    from anquan_cli.api.writing import writer
    from anquan_cli.imports.photos import prepare
    from anquan_cli.model.dates import check_past
    from anquan_cli.model.ids import kind_of_id, normalize_id
    from anquan_cli.model.records import MODELS
    from anquan_cli.store import attachments
    from anquan_cli.store.lock import write_lock
    from anquan_cli.store.transaction import Commit

    today = today or date.today()
    record_id = normalize_id(record_id)
    record_kind = kind_of_id(record_id)
    if record_kind is None:
        raise UsageError(f"{record_id} 不是有效的记录编号（应如 DX-H-2410-YJB03）")
    if kind.for_hazards_only and record_kind is not RecordKind.HAZARD:
        raise UsageError(f"--as {kind} 只用于隐患，{record_id} 是{record_kind.label}")
    if not files:
        raise UsageError("请给出要附上的文件")
    if day is not None:
        try:
            check_past(day, today)
        except ValueError as error:
            raise UsageError(f"--date：{error}") from None
    chosen = using or writer(ledger, office=office, commit=commit)
    chosen.read(record_id, MODELS[record_kind])  # the record must be there, and readable
    limit = ledger.settings.attachment_max_mb
    new: list[attachments.NewFile] = []
    for path in files:
        prepared = prepare(path, limit)
        taken_day = _day_of(prepared.taken)
        link = Attachment(
            file=attachments.stored_name(prepared.data, prepared.suffix),
            kind=kind,
            date=day or (taken_day if taken_day and taken_day <= today else today),
            taken=prepared.taken,
            name=path.name,
            size=len(prepared.data),
            media=prepared.media,
            width=prepared.width,
            height=prepared.height,
        )
        new.append(attachments.NewFile(prepared.data, link))
    message = f"{record_id} 附件：{kind} {len(new)} 个"
    made = Commit(message, chosen.office.name) if chosen.commits else None
    with write_lock(ledger.root):
        added = attachments.attach(ledger.root, record_id, new, made)
    return added, len(new) - len(added)


def _day_of(taken: str | None) -> date | None:
    if taken is None:
        return None
    try:
        return date.fromisoformat(taken[:10])
    except ValueError:
        return None


def attached(ledger: OpenLedger, record_id: str) -> list[Attached]:
    """A record's attachments, in the order attached (its sidecar alone is read)."""
    from anquan_cli.model.ids import normalize_id
    from anquan_cli.store.attachments import read_index, stored_path

    root = ledger.root
    return [Attached(a, stored_path(root, a)) for a in read_index(root, normalize_id(record_id))]


def hazard_photos(ledger: OpenLedger, hazard_id: str) -> HazardPhotos:
    """The image files of a hazard's 整改前 and 整改后 photos (for 复查意见书 and reports)."""
    found = [a for a in attached(ledger, hazard_id) if a.link.is_photo and a.exists]
    return HazardPhotos(
        [a.path for a in found if a.link.kind is AttachmentKind.BEFORE],
        [a.path for a in found if a.link.kind is AttachmentKind.AFTER],
    )


class LedgerPhotos:
    """The photos linked to a town's records and dated within [start, end], as the report's
    gallery and a template's `photos()` show them (render/photos.py's PhotoSource): grouped
    by the sector of the record's unit, then by record and kind. The ledger's records are
    loaded only when some photo falls in the period; thumbnails are kept in the cache."""

    def __init__(self, ledger: OpenLedger, start: date, end: date) -> None:
        self.ledger, self.start, self.end = ledger, start, end
        self._listed: list[Photo] | None = None

    def listed(self) -> list[Photo]:
        if self._listed is None:
            self._listed = [] if self.ledger.is_district else self._gather()
        return self._listed

    def _gather(self) -> list[Photo]:
        """The period's photos: remembered per state of the records and of attachments/
        (store/memo.py), else worked out, loading the records only if some photo is dated in
        the period."""
        from anquan_cli.render.photos import KIND_ORDER
        from anquan_cli.store import memo
        from anquan_cli.store.attachments import indexes, walk

        root = self.ledger.root
        walked = walk(root)
        if not walked.sidecars:
            return []
        scanned = self.ledger.scanned
        question = {"attachments": walked.digest(), "from": self.start, "to": self.end}
        known = memo.recall(scanned, "photos", question)
        if isinstance(known, list):
            try:
                return [Photo(**item) for item in known]
            except TypeError:
                pass
        linked = [
            (index.record, link)
            for index in indexes(root, walked)
            for link in index.files
            if link.is_photo and self.start <= link.date <= self.end and link.file in walked.stored
        ]
        photos = []
        book = self.ledger.load() if linked else None
        for record_id, link in linked:
            record = book.by_id.get(record_id) if book is not None else None
            if record is None or book is None:
                continue
            sector, unit, what = _described(book, record)
            photos.append(
                Photo(f"{FOLDER}/{link.file}", sector, unit, record_id, what, link.kind.value,
                      link.date.isoformat(), link.taken)
            )  # fmt: skip
        order = {kind: at for at, kind in enumerate(KIND_ORDER)}
        photos.sort(key=lambda p: (p.record, order.get(p.kind, 9), p.day, p.ref))
        memo.remember(scanned, "photos", question, [dataclasses.asdict(p) for p in photos])
        return photos

    def image(self, ref: str) -> bytes | None:
        if not any(p.ref == ref for p in self.listed()):
            return None  # only the period's photos, never any file a template names
        try:
            return (self.ledger.root / ref).read_bytes()
        except OSError:
            return None

    def thumb(self, ref: str) -> bytes | None:
        from anquan_cli.imports.photos import thumbnail
        from anquan_cli.store import cache

        kept = cache.cache_dir(self.ledger.root) / "thumbs" / ref.rsplit("/", 1)[-1]
        try:
            return kept.read_bytes()
        except OSError:
            pass
        data = self.image(ref)
        if data is None:
            return None
        small = thumbnail(data)
        cache.write_file(self.ledger.root, kept, small)
        return small


def _described(book: Ledger, record: Record) -> tuple[str, str, str]:
    """The sector a photo is shown under, its unit's name and what the record is about."""
    from anquan_cli.model.records import Hazard
    from anquan_cli.render.context import sector_label
    from anquan_cli.stats.figures import UNKNOWN

    unit_id = getattr(record, "enterprise", None)
    if record.KIND is RecordKind.ENTERPRISE:
        unit_id = record.id
    unit = book.enterprise_by_id.get(unit_id) if isinstance(unit_id, str) else None
    sector = (unit.sector if unit else None) or getattr(record, "sector", None) or UNKNOWN
    name = unit.name if unit else str(getattr(record, "place", None) or "")
    what = record.description if isinstance(record, Hazard) else record.KIND.label
    return sector_label(sector), name, what


def photo_counts(roots: Sequence[Path]) -> dict[str, tuple[int, int]]:
    """Each hazard's 整改前 and 整改后 photos (how many the ledgers at `roots` link), for the
    workbook; empty when no hazard has any."""
    from anquan_cli.model.ids import kind_of_id
    from anquan_cli.store.attachments import indexes

    counts: dict[str, tuple[int, int]] = {}
    for root in roots:
        for index in indexes(root):
            if kind_of_id(index.record) is not RecordKind.HAZARD:
                continue
            photos = [link for link in index.files if link.is_photo]
            before = sum(1 for link in photos if link.kind is AttachmentKind.BEFORE)
            after = sum(1 for link in photos if link.kind is AttachmentKind.AFTER)
            if before or after:
                counts[index.record] = (before, after)
    return counts


_MEMO = "attachments"


def attachment_problems(ledger: OpenLedger) -> list[Problem]:
    """What `check` says of the attachments (a district: each town's, paths from the district):
    worked out when what is under attachments/ or the record files have changed, else
    remembered. Not part of the figures' check: no figure depends on a photo."""
    from anquan_cli.store.district import label

    scanned = ledger.scanned
    if not scanned.towns:
        return _problems_of(scanned)
    found: list[Problem] = []
    for town in scanned.towns:
        prefix = label(scanned.root, town.root)
        found += [
            Problem(f"{prefix}/{p.path}", p.line, p.message, p.severity) for p in _problems_of(town)
        ]
    return found


def _problems_of(scanned: object) -> list[Problem]:
    from anquan_cli.errors import Severity
    from anquan_cli.store import attachments, memo
    from anquan_cli.store.scan import Scan

    assert isinstance(scanned, Scan)
    walked = attachments.walk(scanned.root)
    question = {"attachments": walked.digest()}
    known = memo.recall(scanned, _MEMO, question)
    if isinstance(known, list):
        try:
            return [Problem(str(p), int(n), str(m), Severity(s)) for p, n, m, s in known]
        except (TypeError, ValueError):
            pass
    ids = [name.removesuffix(".yaml") for run in scanned.runs for name in run.names]
    found = attachments.problems(scanned.root, walked, ids)
    rows = [[p.path, p.line, p.message, p.severity.value] for p in found]
    memo.remember(scanned, _MEMO, question, rows)
    return found
