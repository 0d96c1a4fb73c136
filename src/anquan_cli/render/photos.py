"""Photos as the documents show them: the report's gallery by sector, and the photos a
template asks for with `photos()`.

Render never reads the ledger: it is handed a PhotoSource (api/evidence.py) that lists the
period's photos and gives each one's bytes, by the name the ledger keeps it under
(attachments/files/….jpg). A template writes a photo as `![说明](ref)`; only refs the source
lists are ever shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

GALLERY_PER_SECTOR = 24
"""Thumbnails shown for one sector in the html report; the rest are counted in a line."""

KIND_ORDER = ("整改前", "整改后", "现场", "文书扫描件")


@dataclass(frozen=True)
class Photo:
    """One photo of the period, with what the documents say under it."""

    ref: str
    sector: str
    unit: str
    record: str
    what: str
    kind: str
    day: str
    taken: str | None = None

    @property
    def caption(self) -> str:
        return "　".join(p for p in (self.unit, self.what, f"{self.kind} {self.day}") if p)

    def as_dict(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "sector": self.sector,
            "unit": self.unit,
            "record": self.record,
            "what": self.what,
            "kind": self.kind,
            "day": self.day,
            "taken": self.taken,
            "caption": self.caption,
        }


class PhotoSource(Protocol):
    """The period's photos, in the order documents show them, and their bytes."""

    def listed(self) -> Sequence[Photo]: ...

    def image(self, ref: str) -> bytes | None:
        """The stored photo (1600 px at most)."""
        ...

    def thumb(self, ref: str) -> bytes | None:
        """A small copy for a gallery."""
        ...


class NoPhotos:
    """A source with nothing in it (a district, or a caller that has none)."""

    def listed(self) -> Sequence[Photo]:
        return ()

    def image(self, ref: str) -> bytes | None:
        return None

    def thumb(self, ref: str) -> bytes | None:
        return None


def template_photos(source: PhotoSource) -> Any:
    """The `photos(kind=None, sector=None, limit=None)` function templates call: the period's
    photos (dicts with ref, caption, unit, what, kind, day, sector, record), filtered."""

    def photos(
        kind: str | None = None, sector: str | None = None, limit: int | None = None
    ) -> list[dict[str, Any]]:
        chosen = [
            p.as_dict()
            for p in source.listed()
            if (kind is None or p.kind == kind) and (sector is None or p.sector == sector)
        ]
        return chosen[: int(limit)] if limit is not None else chosen

    return photos


def by_sector(photos: Sequence[Photo], order: Sequence[str]) -> list[tuple[str, list[Photo]]]:
    """The photos grouped by sector, sectors in the ledger's order and then any others."""
    groups: dict[str, list[Photo]] = {}
    for photo in photos:
        groups.setdefault(photo.sector, []).append(photo)
    names = [n for n in order if n in groups] + [n for n in groups if n not in order]
    return [(name, groups[name]) for name in names]
