"""A period's report as a document: template → Markdown → md, docx or html bytes.

    render_report(summary, template="季度工作汇报", fmt="docx", ledger_root=root,
                  settings=ledger.settings, notes=read_notes(root, "2024-Q4"))

The figures all come from `summary` (stats computes them); the template words them; the
office's notes supply the paragraphs of judgement. Documents leave the office, so phone and
ID-card numbers are masked unless `mask=False`.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

from anquan_cli.model.settings import Settings
from anquan_cli.render.context import Notes, build_context
from anquan_cli.render.markdown import Paragraph, Role, parse
from anquan_cli.render.photos import NoPhotos, PhotoSource, template_photos
from anquan_cli.render.privacy import mask as mask_text
from anquan_cli.render.templates import render_markdown

DEFAULT_TEMPLATE = "季度工作汇报"
_UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


class DocumentFormat(StrEnum):
    MD = "md"
    DOCX = "docx"
    HTML = "html"


@dataclass(frozen=True)
class Rendered:
    """A rendered report: its bytes, the file name it goes by, the notes still to write."""

    data: bytes
    file_name: str
    title: str
    missing_notes: tuple[str, ...]


def _tidy(text: str) -> str:
    """No trailing spaces, at most one blank line in a row, one newline at the end."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if line == "" and (not out or out[-1] == ""):
            continue
        out.append(line)
    return "\n".join(out).strip("\n") + "\n"


def _title(markdown: str) -> str:
    for block in parse(markdown):
        if isinstance(block, Paragraph) and block.role is Role.TITLE:
            return block.text.replace("\n", "").strip()
    return ""


def unchecked_warning(errors: int) -> str:
    """The line a document or workbook carries when its ledger failed `check`."""
    return (
        f"【注意：本文数字所据台账未通过检查（anquan check 发现 {errors} 个错误），"
        "未经核实，改正后请重新生成再报送】"
    )


def mark_unchecked(markdown: str, errors: int) -> str:
    """The warning as a bold line right under the title (the `# ` lines at the top)."""
    lines = markdown.split("\n")
    at = 0
    while at < len(lines) and (lines[at].startswith("# ") or (at == 0 and not lines[at])):
        at += 1
    mark = ["", f"**{unchecked_warning(errors)}**", ""]
    return _tidy("\n".join([*lines[:at], *mark, *lines[at:]]))


def file_name(title: str, town: str, period_label: str, fmt: str) -> str:
    """The default file name: the document's title, with the town and period if it lacks them."""
    name = title or f"{period_label}安全生产报告"
    if period_label and period_label not in name and period_label.split("年")[-1] not in name:
        name = period_label + name
    if town and not name.startswith(town):
        name = town + name
    name = _UNSAFE_IN_NAME.sub("", name).strip(". ") or "报告"
    return f"{name}.{fmt}"


def render_document(
    summary: object,
    *,
    template: str,
    fmt: str,
    ledger_root: Path | None,
    settings: Settings,
    notes: Notes,
    mask: bool = True,
    unchecked: int = 0,
    photos: PhotoSource | None = None,
) -> Rendered:
    """Render the report and say what it is called and which notes it still lacks.
    `unchecked`: the errors `check` found in the ledger the figures come from (allowed by the
    caller); the document then says so in a marked line under its title. `photos`: the
    period's photos, for the html gallery and a template's `photos()`."""
    kind = DocumentFormat(fmt)
    source = photos if photos is not None else NoPhotos()
    context = build_context(summary, settings, notes)
    context.functions["photos"] = template_photos(source)
    markdown = _tidy(
        render_markdown(template, ledger_root, context.data, context.functions, context.filters)
    )
    if mask:
        markdown = mask_text(markdown)
    if unchecked:
        markdown = mark_unchecked(markdown, unchecked)
    period = context.data.get("period") or {}
    title = _title(markdown)
    name = file_name(title, settings.name, str(period.get("label", "")), kind.value)
    missing = tuple(context.notebook.missing)
    if kind is DocumentFormat.MD:
        return Rendered(markdown.encode("utf-8"), name, title, missing)
    blocks = parse(markdown)
    if kind is DocumentFormat.DOCX:
        from anquan_cli.render.docx import write_docx

        when = date.fromisoformat(str(period.get("as_of") or period.get("to") or "2000-01-01"))
        return Rendered(write_docx(blocks, title, when, source.image), name, title, missing)
    from anquan_cli.render.html import write_html

    order = [s["name"] for s in context.data["sectors"]]
    page = write_html(blocks, context.data, title or name, order, source.listed())
    page = embed_photos(mask_text(page) if mask else page, source)
    return Rendered(page.encode("utf-8"), name, title, missing)


_PHOTO_SRC = re.compile(r'src="photo:([^"]+)"')


def embed_photos(page: str, source: PhotoSource) -> str:
    """Each photo's thumbnail put into the page itself (data: URIs), so that the one file
    can be mailed and opened anywhere; a photo the source cannot give is left out."""
    import base64

    def inline(match: re.Match[str]) -> str:
        data = source.thumb(html.unescape(match[1]))
        if data is None:
            return 'src=""'
        return f'src="data:image/jpeg;base64,{base64.b64encode(data).decode()}"'

    return _PHOTO_SRC.sub(inline, page)


def render_report(
    summary: object,
    *,
    template: str,
    fmt: str,
    ledger_root: Path | None,
    settings: Settings,
    notes: Notes,
    mask: bool = True,
    unchecked: int = 0,
) -> bytes:
    """The report's bytes in the format asked for (md, docx or html)."""
    return render_document(
        summary,
        template=template,
        fmt=fmt,
        ledger_root=ledger_root,
        settings=settings,
        notes=notes,
        mask=mask,
        unchecked=unchecked,
    ).data
