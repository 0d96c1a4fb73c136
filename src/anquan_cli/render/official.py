"""执法文书 as Word files: a docxtpl template (a Word file with Jinja tags) filled with one
document's data, and a day's documents joined into one file.

The template is the ledger's own `templates/现场检查记录.docx` (etc.) when it has one, else the
bundled one (templates/文书/, built by tools/make_doc_templates.py). It runs in the report
templates' sandbox (render/templates.py): it reads the data it is given and nothing else.
A photo travels in the data as a Picture and is placed where the template prints it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from anquan_cli.errors import AnquanError, UsageError
from anquan_cli.render.templates import LEDGER_DIR, _environment, _ledger_file, _template_error

DOCX = ".docx"
BUNDLED_FOLDER = "文书"
MAX_TEMPLATE_BYTES = 10 * 1024 * 1024
PHOTO_WIDTH_MM = 50.0
PHOTO_HEIGHT_MM = 40.0


@dataclass(frozen=True)
class Picture:
    """A photo to be placed in a document, as large as fits a box of a table's cell (a photo
    taken upright is as tall as one taken across)."""

    path: Path
    width_mm: float = PHOTO_WIDTH_MM
    height_mm: float = PHOTO_HEIGHT_MM

    def fitted(self) -> tuple[float | None, float | None]:
        """The width or the height (in mm) to give it: whichever the box holds it by."""
        from PIL import Image

        try:
            with Image.open(self.path) as image:
                wide, high = image.size
        except (OSError, ValueError):
            return self.width_mm, None
        if wide * self.height_mm >= high * self.width_mm:
            return self.width_mm, None
        return None, self.height_mm


def template_bytes(root: Path | None, name: str) -> tuple[bytes, str]:
    """The template's file and how to name it: the ledger's own first, else the bundled one."""
    path = _ledger_file(root, name, DOCX)
    if path is not None:
        shown = f"{LEDGER_DIR}/{path.name}"
        data = path.read_bytes()
        if len(data) > MAX_TEMPLATE_BYTES:
            raise AnquanError(
                f"模板文件过大（超过 {MAX_TEMPLATE_BYTES // 1024 // 1024} MB）", shown
            )
        return data, shown
    entry = resources.files("anquan_cli.templates").joinpath(f"{BUNDLED_FOLDER}/{name}{DOCX}")
    if not entry.is_file():
        raise UsageError(f"没有名为 {name} 的文书模板")
    return entry.read_bytes(), f"内置模板 {name}{DOCX}"


def _printed(value: Any) -> Any:
    """What a template prints: nothing for None, else the value (escaped for Word's XML)."""
    return "" if value is None else value


def fill(name: str, root: Path | None, context: Mapping[str, Any]) -> bytes:
    """The document: the named template filled with the context, as a .docx file's bytes.
    A template that is no Word file, or whose tags are wrong, is one Chinese line naming it."""
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage
    from jinja2 import TemplateError

    data, shown = template_bytes(root, name)
    try:
        template = DocxTemplate(io.BytesIO(data))
        template.init_docx()
    except Exception:
        raise AnquanError("模板不是有效的 Word（.docx）文件", shown) from None

    def placed(value: Any) -> Any:
        if isinstance(value, Picture):
            width, height = value.fitted()
            return InlineImage(
                template,
                str(value.path),
                width=Mm(width) if width is not None else None,
                height=Mm(height) if height is not None else None,
            )
        if isinstance(value, Mapping):
            return {key: placed(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [placed(item) for item in value]
        return value

    env = _environment(root, finalize=_printed)
    try:
        env.budget.start()
        template.render(placed(dict(context)), jinja_env=env, autoescape=True)
        out = io.BytesIO()
        template.save(out)
    except TemplateError as error:
        raise _template_error(error, shown) from None
    except AnquanError:
        raise
    except Exception as error:
        raise AnquanError(f"模板无法生成文书：{error}", shown) from None
    return out.getvalue()


_REL_ATTRIBUTES = ("id", "embed", "link")


def join(documents: Sequence[bytes]) -> bytes:
    """Several documents as one file, each from a new page in a section of its own that keeps
    its own footer (the record's ID) and its pictures; the styles are the first one's."""
    from docx import Document
    from docx.oxml.ns import qn

    if not documents:
        raise ValueError("nothing to join")
    base = Document(io.BytesIO(documents[0]))
    body = base.element.body
    for data in documents[1:]:
        extra = Document(io.BytesIO(data))
        ending = body.find(qn("w:sectPr"))
        if ending is not None:
            # the section so far ends with a paragraph holding its properties
            paragraph = body.makeelement(qn("w:p"), {})
            properties = paragraph.makeelement(qn("w:pPr"), {})
            properties.append(ending)
            paragraph.append(properties)
            body.append(paragraph)
        for child in list(extra.element.body):
            _relink(child, extra.part, base.part)
            body.append(child)
    for number, drawing in enumerate(body.iter(qn("wp:docPr")), start=1):
        drawing.set("id", str(number))
    out = io.BytesIO()
    base.save(out)
    return out.getvalue()


def _relink(element: Any, source: Any, target: Any) -> None:
    """Point the element's relationships (pictures, footers, links) at parts of `target`,
    the parts themselves brought along under names `target` does not use."""
    namespace = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    for node in element.iter():
        for attribute in _REL_ATTRIBUTES:
            key = namespace + attribute
            rel_id = node.get(key)
            if rel_id is None or rel_id not in source.rels:
                continue
            relation = source.rels[rel_id]
            if relation.is_external:
                node.set(key, target.relate_to(relation.target_ref, relation.reltype, True))
                continue
            part = relation.target_part
            if part.package is not target.package:
                pattern = re.sub(r"\d*(\.\w+)$", r"%d\1", str(part.partname))
                part.partname = target.package.next_partname(pattern)
                part._package = target.package
            node.set(key, target.relate_to(part, relation.reltype))
