"""The report as one self-contained HTML file: key figures, a bar chart by sector, the text.

Nothing is fetched from anywhere (no fonts, scripts or images from the network): the styles
are inline and the chart is inline SVG, so the file opens the same on a machine with no
connection and can be mailed as it is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from anquan_cli.render.markdown import Block, PageBreak, Paragraph, Pictures, Role, Table
from anquan_cli.render.numbers import count, fine, percent
from anquan_cli.render.photos import GALLERY_PER_SECTOR, Photo, by_sector

PHOTO_SRC = "photo:"
"""An img's src before the photo's bytes go in (render/document.py puts them in after the
page's personal data is masked, so a photo's base64 is never taken for a phone number)."""

_TAGS = {
    Role.TITLE: "h1",
    Role.ATTACHMENT_TITLE: "h1",
    Role.HEADING1: "h2",
    Role.HEADING2: "h3",
    Role.HEADING3: "h4",
}

STYLE = """
:root { --ink: #1a1a1a; --muted: #666; --line: #999; --found: #c0392b; --fixed: #2e7d32; }
* { box-sizing: border-box; }
body { margin: 0; background: #eceff1; color: var(--ink);
  font-family: "仿宋_GB2312", "FangSong", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC",
    "SimSun", serif; }
.page { max-width: 210mm; margin: 16px auto; background: #fff; padding: 30mm 26mm 30mm 28mm;
  box-shadow: 0 1px 4px rgba(0,0,0,.15); }
.doc p, .doc h2, .doc h3, .doc h4 { font-size: 16pt; line-height: 28.95pt; margin: 0;
  text-align: justify; text-indent: 2em; font-weight: normal; }
.doc h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "STZhongsong", "Noto Serif CJK SC",
  "SimSun", serif; font-size: 22pt; line-height: 36pt; text-align: center; font-weight: normal;
  margin: 0 0 28.95pt; }
.doc h1.attachment-title { font-size: 18pt; line-height: 30pt; margin-bottom: 14pt; }
.doc h2 { font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; }
.doc h3 { font-family: "楷体_GB2312", "KaiTi", "STKaiti", "Noto Serif CJK SC", serif; }
.doc p.addressee { text-indent: 0; }
.doc p.label { text-indent: 0; font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; }
.doc .signature { display: flex; justify-content: flex-end; margin-top: 57.9pt; }
.doc .signature div { display: inline-block; text-align: center; margin-right: 3em; }
.doc .signature p { text-indent: 0; text-align: center; }
.doc p.attachment-note { text-align: left; text-indent: -4em; padding-left: 6em; }
.doc p.attachment-note.more { text-indent: -1em; }
.doc p.attachment-note.first { margin-top: 28.95pt; }
.doc hr.page-break { border: 0; border-top: 1px dashed #bbb; margin: 24pt 0; }
.doc table { border-collapse: collapse; width: 100%; margin: 6pt 0 12pt;
  font-family: "宋体", "SimSun", "Noto Serif CJK SC", serif; font-size: 10.5pt; }
.doc th, .doc td { border: 1px solid #000; padding: 3pt 4pt; text-align: center; }
.doc td { white-space: nowrap; }
.doc td.left { white-space: normal; }
.doc th { font-weight: bold; }
.doc td.left { text-align: left; }
.doc td.right { text-align: right; }
.doc tr.total td { font-weight: bold; }
.figures { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif;
  margin-bottom: 24pt; }
.figures h2 { font-size: 13pt; margin: 0 0 8pt; color: var(--muted); font-weight: normal; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px; margin-bottom: 16px; }
.card { border: 1px solid #ddd; border-radius: 4px; padding: 8px 10px; }
.card .value { font-size: 17pt; font-weight: bold; }
.card .name { font-size: 9.5pt; color: var(--muted); }
.card.alert .value { color: var(--found); }
figure { margin: 0; }
figcaption { font-size: 10pt; color: var(--muted); margin-top: 4px; }
.chart text { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; font-size: 12px;
  fill: var(--ink); }
.gallery { margin-top: 24pt; border-top: 1px solid #ddd; padding-top: 8pt;
  font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; }
.gallery h2 { font-size: 13pt; margin: 0 0 8pt; color: var(--muted); font-weight: normal; }
.gallery h3 { font-size: 11pt; margin: 12px 0 6px; font-weight: bold; }
.thumbs { display: flex; flex-wrap: wrap; gap: 8px; }
.thumbs figure { width: 150px; }
.thumbs img { width: 150px; height: 112px; object-fit: cover; border: 1px solid #ccc;
  display: block; }
.thumbs figcaption { font-size: 8.5pt; line-height: 1.3; }
.gallery p.more { font-size: 9pt; color: var(--muted); margin: 4px 0 0; }
.doc .photos { display: flex; gap: 12pt; justify-content: center; margin: 6pt 0 12pt; }
.doc .photos figure { width: 45%; text-align: center; }
.doc .photos img { max-width: 100%; max-height: 60mm; border: 1px solid #ccc; }
.doc .photos figcaption { font-size: 10.5pt; text-indent: 0; }
@media print {
  body { background: #fff; }
  .page { margin: 0; padding: 0; box-shadow: none; max-width: none; }
  .figures { display: none; }
  .doc hr.page-break { border: 0; margin: 0; page-break-after: always; }
  @page { size: A4; margin: 37mm 26mm 35mm 28mm; }
}
"""


def _inline(block: Paragraph) -> str:
    parts: list[str] = []
    for run in block.runs:
        text = escape(run.text).replace("\n", "<br>")
        if run.bold:
            text = f"<strong>{text}</strong>"
        if run.italic:
            text = f"<em>{text}</em>"
        parts.append(text)
    return "".join(parts)


def _header(text: str) -> str:
    """A header's unit on its own line: 排查隐患<br>（处）."""
    head, bracket, unit = text.partition("（")
    return escape(head) + "<br>" + escape(bracket + unit) if bracket and head else escape(text)


def _table(block: Table) -> str:
    head = "".join(f"<th>{_header(c)}</th>" for c in block.header)
    rows = []
    for row in block.rows:
        cells = []
        total = bool(row) and row[0] == "合计"
        skip = total and len(row) > 1 and row[1] == ""
        for index, value in enumerate(row):
            if skip and index == 1:
                continue
            align = block.align[index] if index < len(block.align) else "center"
            css = f' class="{align}"' if align in ("left", "right") and not total else ""
            span = ' colspan="2"' if skip and index == 0 else ""
            cells.append(f"<td{css}{span}>{escape(value)}</td>")
        row_css = ' class="total"' if total else ""
        rows.append(f"<tr{row_css}>{''.join(cells)}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def body_html(blocks: Sequence[Block]) -> str:
    """The document's text as HTML, paragraph roles as classes."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, PageBreak):
            out.append('<hr class="page-break">')
        elif isinstance(block, Table):
            out.append(_table(block))
        elif isinstance(block, Pictures):
            out.append(_pictures(block))
        elif block.role is Role.SIGNATURE:
            lines = [line.strip() for line in block.text.split("\n") if line.strip()]
            inner = "".join(f"<p>{escape(line)}</p>" for line in lines)
            out.append(f'<div class="signature"><div>{inner}</div></div>')
        elif block.role is Role.ATTACHMENT_NOTE:
            lines = [line.strip().lstrip("\u3000") for line in block.text.split("\n")]
            for index, line in enumerate(filter(None, lines)):
                css = "attachment-note first" if index == 0 else "attachment-note more"
                out.append(f'<p class="{css}">{escape(line)}</p>')
        else:
            tag = _TAGS.get(block.role, "p")
            css = f' class="{block.role.value}"' if block.role is not Role.BODY else ""
            out.append(f"<{tag}{css}>{_inline(block)}</{tag}>")
    return "\n".join(out)


def _pictures(block: Pictures) -> str:
    figures = "".join(
        f'<figure><img src="{escape(PHOTO_SRC + item.ref)}" alt="{escape(item.caption)}">'
        f"<figcaption>{escape(item.caption)}</figcaption></figure>"
        for item in block.items
    )
    return f'<div class="photos">{figures}</div>'


def _lines(photo: Photo) -> str:
    parts = (photo.unit, photo.what, f"{photo.kind} {photo.day}")
    return "<br>".join(escape(p) for p in parts if p)


def gallery(photos: Sequence[Photo], order: Sequence[str]) -> str:
    """The period's photos as small thumbnails, a group per sector."""
    if not photos:
        return ""
    parts = ['<section class="gallery"><h2>本期照片（整改前、整改后、现场）</h2>']
    for sector, group in by_sector(photos, order):
        parts.append(f'<h3>{escape(sector)}（{len(group)} 张）</h3><div class="thumbs">')
        for photo in group[:GALLERY_PER_SECTOR]:
            parts.append(
                f'<figure><img src="{escape(PHOTO_SRC + photo.ref)}" alt="{escape(photo.caption)}"'
                f' loading="lazy"><figcaption>{_lines(photo)}</figcaption></figure>'
            )
        parts.append("</div>")
        if len(group) > GALLERY_PER_SECTOR:
            rest = len(group) - GALLERY_PER_SECTOR
            parts.append(f'<p class="more">另有 {rest} 张未列出（见台账 attachments/）</p>')
    parts.append("</section>")
    return "".join(parts)


def _cards(totals: Mapping[str, Any]) -> str:
    cards = [
        ("检查企业（单位）", count(totals.get("enterprises_inspected"), "家"), False),
        ("检查", count(totals.get("inspections"), "家次"), False),
        ("出动检查人员", count(totals.get("inspector_visits"), "人次"), False),
        ("排查隐患", count(totals.get("hazards_found"), "处"), False),
        ("已整改", count(totals.get("hazards_rectified"), "处"), False),
        ("整改率", percent(totals.get("rectification_rate")), False),
        (
            "逾期未整改",
            count(totals.get("hazards_overdue"), "处"),
            bool(totals.get("hazards_overdue")),
        ),
        (
            "历史遗留未整改",
            count(totals.get("backlog_open"), "处"),
            bool(totals.get("backlog_open")),
        ),
        ("行政处罚", count(totals.get("penalties"), "起"), False),
        ("罚款", fine(totals.get("fines_yuan")), False),
        ("生产安全事故", count(totals.get("accidents"), "起"), bool(totals.get("accidents"))),
        ("死亡 / 受伤", f"{totals.get('deaths', 0)} / {totals.get('injuries', 0)}", False),
    ]
    return "".join(
        f'<div class="card{" alert" if alert else ""}"><div class="value">{escape(value)}</div>'
        f'<div class="name">{escape(name)}</div></div>'
        for name, value, alert in cards
    )


def bar_chart(rows: Sequence[tuple[str, int, int]]) -> str:
    """Horizontal bars per sector: hazards found and rectified, as inline SVG."""
    if not rows:
        return '<p class="empty">本期各行业领域均未排查出隐患。</p>'
    label_w, bar_w, row_h, top = 110, 420, 34, 30
    height = top + row_h * len(rows) + 10
    largest = max(max(found, fixed) for _, found, fixed in rows) or 1
    parts = [
        f'<svg class="chart" role="img" '
        f'aria-label="各行业领域隐患排查整改情况" width="{label_w + bar_w + 60}" '
        f'height="{height}" viewBox="0 0 {label_w + bar_w + 60} {height}">',
        f'<rect x="{label_w}" y="6" width="12" height="12" fill="#c0392b"/>'
        f'<text x="{label_w + 16}" y="16">排查隐患（处）</text>'
        f'<rect x="{label_w + 130}" y="6" width="12" height="12" fill="#2e7d32"/>'
        f'<text x="{label_w + 146}" y="16">已整改（处）</text>',
    ]
    for index, (name, found, fixed) in enumerate(rows):
        y = top + index * row_h
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end">{escape(name)}</text>'
        )
        for offset, value, colour in ((0, found, "#c0392b"), (13, fixed, "#2e7d32")):
            width = round(bar_w * value / largest, 1)
            parts.append(
                f'<rect x="{label_w}" y="{y + offset}" width="{width}" height="12" '
                f'fill="{colour}"><title>{escape(name)} {value}</title></rect>'
                f'<text x="{label_w + width + 4}" y="{y + offset + 10}">{value}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def chart_rows(
    by_sector: Mapping[str, Mapping[str, Any]], order: Sequence[str]
) -> list[tuple[str, int, int]]:
    """(sector, found, rectified) for each sector with anything found, in the ledger's order."""
    names = [n for n in order if n in by_sector] + [n for n in by_sector if n not in order]
    rows = []
    for name in names:
        figures = by_sector[name]
        found = int(figures.get("hazards_found") or 0)
        if found:
            rows.append((name, found, int(figures.get("hazards_rectified") or 0)))
    return rows


def write_html(
    blocks: Sequence[Block],
    data: Mapping[str, Any],
    title: str,
    sector_order: Sequence[str],
    photos: Sequence[Photo] = (),
) -> str:
    """The whole page: figures and chart for the screen, then the document as printed."""
    totals = data.get("totals") or {}
    period = data.get("period") or {}
    heading = f"{data.get('town', '')}{period.get('label', '')}主要数据"
    chart = bar_chart(chart_rows(data.get("by_sector") or {}, sector_order))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        '<main class="page">\n'
        f'<section class="figures"><h2>{escape(heading)}</h2>'
        f'<div class="cards">{_cards(totals)}</div>'
        f"<figure>{chart}<figcaption>各行业领域排查隐患与已整改数（处）</figcaption></figure>"
        "</section>\n"
        f'<article class="doc">\n{body_html(blocks)}\n</article>\n'
        f"{gallery(photos, sector_order)}"
        "</main>\n</body>\n</html>\n"
    )
