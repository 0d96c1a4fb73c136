"""The rendered Markdown read back as the parts of an official document.

Templates write plain Markdown; this module (with markdown-it, CommonMark plus tables, raw
HTML and links off) turns it into a short list of blocks that the docx and HTML writers lay
out. The conventions a template follows:

- `# ` lines at the very top: the title (several in a row are one title of several lines);
  a `# ` after a `---` is the title of an attachment;
- `## ` 一级标题 (一、), `### ` 二级标题 (（一）), `#### ` 三级标题 (1.);
- the first paragraph after the title that ends with "：", if short and a single sentence, is
  the 主送机关 (flush left);
- a paragraph that is only "附件" or "附件1" is an attachment's label (flush left, 黑体);
- a paragraph that starts "附件：" is the 附件说明 (one attachment a line, names aligned);
- a `> ` block is the 落款 (issuing body and date), set to the right;
- `---` starts a new page (attachments);
- a line break inside a paragraph is kept as a line break (Chinese text never wraps in source);
- `![说明](attachments/files/….jpg)` is a photo the template asked for (its `photos()`
  function names them): a paragraph's photos come after its words, side by side. Only the
  photos handed to the renderer are ever shown; any other image is its words alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Role(StrEnum):
    """What a paragraph is in a 公文."""

    BODY = "body"
    ADDRESSEE = "addressee"
    LABEL = "label"
    ATTACHMENT_NOTE = "attachment-note"
    SIGNATURE = "signature"
    TITLE = "title"
    ATTACHMENT_TITLE = "attachment-title"
    HEADING1 = "h1"
    HEADING2 = "h2"
    HEADING3 = "h3"


@dataclass(frozen=True)
class Run:
    """A stretch of text; `text` may hold "\\n" for a line break."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Paragraph:
    role: Role
    runs: list[Run] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    align: list[str]


@dataclass(frozen=True)
class PageBreak:
    pass


@dataclass(frozen=True)
class Picture:
    """A photo in the text: the ledger's name for it (attachments/files/….jpg) and its caption."""

    ref: str
    caption: str


@dataclass
class Pictures:
    """Photos laid side by side, each with its caption."""

    items: list[Picture]


Block = Paragraph | Table | PageBreak | Pictures
_LABEL = re.compile(r"^附件\s*\d*$")
_HEADINGS = {"h2": Role.HEADING1, "h3": Role.HEADING2, "h4": Role.HEADING3}


def _parser() -> Any:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.disable(["link", "autolink", "html_inline", "html_block", "code", "fence"])
    return md


def _runs(inline: Any) -> list[Run]:
    runs: list[Run] = []
    bold = italic = False
    for child in inline.children or []:
        match child.type:
            case "text" | "code_inline":
                runs.append(Run(child.content, bold, italic))
            case "softbreak" | "hardbreak":
                runs.append(Run("\n", bold, italic))
            case "strong_open" | "strong_close":
                bold = child.type == "strong_open"
            case "em_open" | "em_close":
                italic = child.type == "em_open"
            case "image":
                continue  # taken out by _pictures
            case _:
                if child.content:
                    runs.append(Run(child.content, bold, italic))
    return _merge(runs)


def _pictures(inline: Any) -> list[Picture]:
    found = []
    for child in inline.children or []:
        if child.type == "image":
            caption = "".join(c.content for c in child.children or []) or child.content
            found.append(Picture(str(child.attrs.get("src", "")), caption.strip()))
    return found


def _merge(runs: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for run in runs:
        if merged and (merged[-1].bold, merged[-1].italic) == (run.bold, run.italic):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic)
        else:
            merged.append(run)
    return merged


def _plain(inline: Any) -> str:
    return "".join(run.text for run in _runs(inline)).replace("\n", " ").strip()


def parse(text: str) -> list[Block]:
    """The document's blocks, in order."""
    tokens = _parser().parse(text)
    blocks: list[Block] = []
    index = 0
    in_quote = False
    prefixes: list[str] = []
    counters: list[int] = []
    seen_body = False
    after_break = False
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            runs = _runs(tokens[index + 1])
            if token.tag == "h1":
                role = Role.ATTACHMENT_TITLE if after_break or seen_body else Role.TITLE
                last = blocks[-1] if blocks else None
                if isinstance(last, Paragraph) and last.role is role:
                    last.runs = _merge([*last.runs, Run("\n"), *runs])
                else:
                    blocks.append(Paragraph(role, runs))
            else:
                seen_body = True
                blocks.append(Paragraph(_HEADINGS.get(token.tag, Role.HEADING3), runs))
            index += 3
            continue
        if kind == "paragraph_open":
            runs = _runs(tokens[index + 1])
            pictures = _pictures(tokens[index + 1])
            if pictures and not "".join(r.text for r in runs).strip():
                blocks.append(Pictures(pictures))
                index += 3
                continue
            if prefixes:
                runs = _merge([Run(prefixes[-1]), *runs])
                prefixes[-1] = ""
            role = _role(runs, blocks, in_quote, seen_body)
            seen_body = seen_body or role is Role.BODY
            blocks.append(Paragraph(role, runs))
            if pictures:
                blocks.append(Pictures(pictures))
            index += 3
            continue
        if kind == "blockquote_open":
            in_quote = True
        elif kind == "blockquote_close":
            in_quote = False
        elif kind in ("bullet_list_open", "ordered_list_open"):
            start = token.attrs.get("start", 1) if token.attrs else 1
            counters.append(int(start) if isinstance(start, int | str) else 1)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            counters.pop()
        elif kind == "list_item_open":
            if token.markup in (".", ")"):
                number = counters[-1]
                counters[-1] += 1
                prefixes.append(f"{number}{'.' if token.markup == '.' else '）'}")
            else:
                prefixes.append("")
        elif kind == "list_item_close":
            prefixes.pop()
        elif kind == "hr":
            blocks.append(PageBreak())
            after_break = True
        elif kind == "table_open":
            table, index = _table(tokens, index)
            blocks.append(table)
            seen_body = True
            continue
        index += 1
    return blocks


def _role(runs: list[Run], blocks: list[Block], in_quote: bool, seen_body: bool) -> Role:
    text = "".join(run.text for run in runs).strip()
    if in_quote:
        return Role.SIGNATURE
    if _LABEL.match(text):
        return Role.LABEL
    if text.startswith("附件："):
        return Role.ATTACHMENT_NOTE
    last = blocks[-1] if blocks else None
    if (
        not seen_body
        and isinstance(last, Paragraph)
        and last.role is Role.TITLE
        and text.endswith("：")
        and "\n" not in text
        # an opening paragraph ends in a colon too: "……。现将有关情况汇报如下：", or the
        # one sentence "现将我镇第四季度安全生产工作情况汇报如下："
        and "。" not in text
        and not text.endswith("如下：")
        and len(text) <= 60
    ):
        return Role.ADDRESSEE
    return Role.BODY


def _table(tokens: list[Any], index: int) -> tuple[Table, int]:
    header: list[str] = []
    rows: list[list[str]] = []
    align: list[str] = []
    row: list[str] = []
    in_head = False
    while tokens[index].type != "table_close":
        token = tokens[index]
        match token.type:
            case "thead_open":
                in_head = True
            case "thead_close":
                in_head = False
            case "tr_open":
                row = []
            case "tr_close":
                if in_head:
                    header = row
                else:
                    rows.append(row)
            case "th_open" | "td_open":
                style = str(token.attrs.get("style", "")) if token.attrs else ""
                if in_head:
                    align.append(style.removeprefix("text-align:") or "center")
                row.append(_plain(tokens[index + 1]))
        index += 1
    return Table(header, rows, align), index + 1
