"""Reading anquan.yaml into Settings, with its problems located by line."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from anquan_cli.errors import AnquanError, os_reason
from anquan_cli.model.settings import Settings
from anquan_cli.store.paths import SETTINGS_FILE
from anquan_cli.store.validation import first_message
from anquan_cli.store.yamlread import YamlProblem, line_of, parse_bytes


def read_settings(root: Path) -> Settings:
    """Load the ledger's settings; a broken file is an AnquanError naming file and line."""
    path = root / SETTINGS_FILE
    try:
        raw = path.read_bytes()
        data = parse_bytes(raw)
        return Settings.model_validate(data)
    except OSError as error:
        raise AnquanError(f"无法读取：{os_reason(error)}", SETTINGS_FILE) from None
    except YamlProblem as problem:
        raise AnquanError(problem.message, SETTINGS_FILE, problem.line) from None
    except ValidationError as error:
        loc, message = first_message(error, Settings)
        raise AnquanError(message, SETTINGS_FILE, line_of(raw.decode("utf-8-sig"), loc)) from None
