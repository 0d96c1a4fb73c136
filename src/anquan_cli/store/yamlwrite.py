"""Writing record files with ruamel.yaml round trip, keeping what a person wrote.

Reads go through libyaml (YAML 1.1) and writes through ruamel (YAML 1.2); any text value
the two could read differently (yes, 010, 12:30, 13800000000) is written quoted.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from enum import Enum
from functools import lru_cache
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

_RESOLVER = yaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"
# YAML 1.1 also breaks lines at NEL and the Unicode line and paragraph separators.
_LINE_BREAKS = "\n\r\x85\u2028\u2029"


def handler() -> YAML:
    """A ruamel round-trip handler set up the way every record file is written."""
    yaml_rt = YAML(typ="rt")
    yaml_rt.allow_unicode = True
    yaml_rt.width = 4096
    yaml_rt.indent(mapping=2, sequence=4, offset=2)
    yaml_rt.preserve_quotes = True
    yaml_rt.representer.ignore_aliases = lambda _data: True
    return yaml_rt


# Text that reads back as itself written plain, in YAML 1.1 and 1.2, without asking a parser:
# it starts with a CJK ideograph (no implicit type starts with one) or is a record ID, and has
# no space, colon, '#' or other indicator in it. Most of a ledger's text is one or the other.
_SURELY_PLAIN = re.compile(
    r"[\u4e00-\u9fff][\u4e00-\u9fff0-9A-Za-z（）〔〕、，。_.\-]*"
    r"|[A-Z][A-Z0-9]*-[A-Z]-[0-9]{4}-[A-Z]+[0-9]+"
)


@lru_cache(maxsize=1 << 16)
def needs_quotes(text: str) -> bool:
    """True when a plain scalar would not read back as this same string in YAML 1.1 or 1.2.

    Memoised: the same names, sectors and villages recur in thousands of records.
    """
    if surely_plain(text):
        return False
    return _parsers_need_quotes(text)


def surely_plain(text: str) -> bool:
    """True for text any YAML writer writes plain and both versions read back as itself."""
    return _SURELY_PLAIN.fullmatch(text) is not None


def _parsers_need_quotes(text: str) -> bool:
    """needs_quotes, asking libyaml's resolver and then ruamel's parser."""
    if text == "" or text != text.strip() or any(c in text for c in _LINE_BREAKS):
        return True
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    if tag != _STR:
        return True
    if text.isascii() and text.isalnum():
        # Letters and digits only: always a valid plain scalar, so only YAML 1.2's implicit
        # types (1E5, 0o17) are left to ask, and ruamel's resolver answers without a parse.
        tag = _ruamel_resolver().resolve(ScalarNode, text, (True, False))
        return bool(tag != _STR)
    try:
        round_trip = _plain_loader().load(f"k: {text}\n")
    except YAMLError:
        return True
    return not isinstance(round_trip, dict) or round_trip.get("k") != text


@lru_cache(maxsize=1)
def _ruamel_resolver() -> VersionedResolver:
    return VersionedResolver(version=(1, 2))


@lru_cache(maxsize=1)
def _plain_loader() -> YAML:
    """One ruamel safe loader, reused: making one costs more than a short load."""
    return YAML(typ="safe", pure=True)


def plain(value: Any) -> Any:
    """Convert model output into YAML-ready values: enums as text, money as numbers."""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, str):
        return DoubleQuotedScalarString(value) if needs_quotes(value) else value
    if isinstance(value, Mapping):
        result = CommentedMap()
        for key, item in value.items():
            result[plain(str(key))] = plain(item)
        return result
    if isinstance(value, list | tuple):
        return CommentedSeq(plain(item) for item in value)
    if isinstance(value, bool | int | float | date) or value is None:
        return value
    raise TypeError(f"cannot write {type(value).__name__} to YAML")


def dump(data: Any) -> str:
    """Serialise a round-trip document (or plain mapping) to text."""
    stream = io.StringIO()
    handler().dump(data, stream)
    return stream.getvalue()


def load_round_trip(text: str) -> Any:
    """Load a file keeping comments, key order and quoting, for editing.

    Line ends are made \\n first: YAML reads \\r\\n (a file saved on Windows) as \\n
    anyway, but ruamel keeps a comment's \\r, and the rewritten file would mix the two."""
    return handler().load(text.replace("\r\n", "\n").replace("\r", "\n"))


def merge(document: CommentedMap, data: Mapping[str, Any]) -> CommentedMap:
    """Bring a document up to date with new field values, leaving untouched keys as written.

    Keys absent from `data` are removed; list items already present keep their comments.
    """
    for key in [k for k in document if k not in data]:
        del document[key]
    for key, value in data.items():
        old = document.get(key)
        if isinstance(old, CommentedMap) and isinstance(value, Mapping):
            merge(old, value)
        elif isinstance(old, CommentedSeq) and isinstance(value, list | tuple):
            _merge_list(old, value)
        elif key not in document or _differs(old, value):
            document[key] = plain(value)
    return document


def _merge_list(old: CommentedSeq, new: list[Any] | tuple[Any, ...]) -> None:
    for index, value in enumerate(new):
        if index < len(old):
            if isinstance(old[index], CommentedMap) and isinstance(value, Mapping):
                merge(old[index], value)
            elif _differs(old[index], value):
                old[index] = plain(value)
        else:
            old.append(plain(value))
    del old[len(new) :]


def _differs(old: Any, new: Any) -> bool:
    new_plain = plain(new)
    if isinstance(old, str) and isinstance(new_plain, str):
        return str(old) != str(new_plain)
    return bool(old != new_plain or type(old) is not type(new_plain))
