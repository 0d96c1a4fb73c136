"""Report templates: bundled ones, a ledger's own, and the sandbox they all run in.

A template is `NAME.md.j2`, Jinja producing Markdown; its first line is a Jinja comment with a
one-line description (`{# 季度工作汇报：基本情况 → 工作开展情况 → 存在问题 → 下步打算 #}`).
A ledger's `templates/NAME.md.j2` overrides or adds one. Templates are shared between offices,
so they run in Jinja's immutable sandbox: they read the figures they are given and nothing else
— no files outside the templates, no Python internals, no shell. Every error, whatever caused
it, becomes one Chinese line naming the template file and line.
"""

from __future__ import annotations

import functools
import operator
import re
import types
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from anquan_cli.errors import AnquanError, UsageError
from anquan_cli.render.limits import (
    FILTER_CHECKS,
    MAX_SECONDS,
    MAX_STEPS,
    MAX_TEXT,
    Budget,
    LimitExceeded,
    check_binop,
    check_join,
    check_str_call,
)

SUFFIX = ".md.j2"
LEDGER_DIR = "templates"
BUNDLED_LABEL = "内置模板"
MAX_TEMPLATE_BYTES = 256 * 1024
MAX_OUTPUT_CHARS = 5_000_000
_MAX_REPEAT = 100_000
_MAX_EXPONENT = 64
_NAME = re.compile(r"^[^/\\\x00]+$")
_DESCRIPTION = re.compile(r"^\{#-?\s*(.*?)\s*-?#\}")
# Names a template might reach for to get out of the sandbox; none of them exists in it.
_ESCAPES = frozenset(
    {
        "os",
        "sys",
        "subprocess",
        "builtins",
        "__builtins__",
        "__import__",
        "import",
        "open",
        "eval",
        "exec",
        "compile",
        "globals",
        "locals",
        "getattr",
        "setattr",
        "vars",
        "self",
        "config",
        "request",
        "lipsum",
        "cycler",
        "joiner",
    }
)
SECURITY_HINT = "模板只能读取报告数据，不能访问文件、系统命令或 Python 内部对象"
LIMITS_HINT = (
    f"模板每次运行至多 {MAX_SECONDS:g} 秒、{MAX_STEPS} 步（循环次数加调用次数），"
    f"一段文字至多 {MAX_TEXT} 字"
)


@dataclass(frozen=True)
class TemplateInfo:
    """One template as `--template list` shows it."""

    name: str
    description: str
    source: str
    """Where it comes from: 内置模板, or the ledger's templates/NAME.md.j2."""
    overrides: bool = False
    """A ledger's template that replaces a bundled one of the same name."""


@dataclass(frozen=True)
class _Source:
    text: str
    shown: str


def bundled_names() -> list[str]:
    """The names of the templates shipped in the package."""
    folder = resources.files("anquan_cli.templates")
    return sorted(
        entry.name.removesuffix(SUFFIX)
        for entry in folder.iterdir()
        if entry.name.endswith(SUFFIX) and not entry.name.startswith(("_", "."))
    )


def _bundled_text(name: str) -> str | None:
    entry = resources.files("anquan_cli.templates").joinpath(name + SUFFIX)
    return entry.read_text(encoding="utf-8") if entry.is_file() else None


def _ledger_file(root: Path | None, name: str, suffix: str = SUFFIX) -> Path | None:
    """The ledger's own templates/NAME+suffix, if it has one inside templates/."""
    if root is None:
        return None
    folder = root / LEDGER_DIR
    path = folder / (name + suffix)
    if not path.is_file():
        return None
    resolved = path.resolve()
    if not (resolved.is_relative_to(folder.resolve()) and resolved.is_relative_to(root.resolve())):
        raise AnquanError("模板文件指向 templates/ 目录之外，已拒绝", f"{LEDGER_DIR}/{path.name}")
    return path


def _ledger_names(root: Path | None) -> list[str]:
    if root is None or not (root / LEDGER_DIR).is_dir():
        return []
    return sorted(
        path.name.removesuffix(SUFFIX)
        for path in (root / LEDGER_DIR).iterdir()
        if path.name.endswith(SUFFIX) and not path.name.startswith(("_", "."))
    )


def _read(root: Path | None, name: str) -> _Source | None:
    """A template's text: the ledger's own first, else the bundled one."""
    if not _NAME.match(name) or name in (".", ".."):
        return None
    path = _ledger_file(root, name)
    if path is not None:
        shown = f"{LEDGER_DIR}/{path.name}"
        raw = path.read_bytes()
        if len(raw) > MAX_TEMPLATE_BYTES:
            raise AnquanError(f"模板文件过大（超过 {MAX_TEMPLATE_BYTES // 1024} KB）", shown)
        try:
            return _Source(raw.decode("utf-8-sig").replace("\r\n", "\n"), shown)
        except UnicodeDecodeError:
            raise AnquanError(
                "模板文件不是 UTF-8 编码，请用 anquan fix-encoding 或记事本另存为 UTF-8", shown
            ) from None
    text = _bundled_text(name)
    return _Source(text, f"{BUNDLED_LABEL} {name}{SUFFIX}") if text is not None else None


def describe(text: str) -> str:
    """The one-line description in the template's first-line comment."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    match = _DESCRIPTION.match(first.strip())
    return match.group(1) if match and match.group(1) else "（无说明）"


def list_templates(root: Path | None) -> list[TemplateInfo]:
    """Every template a report can use, by name: the ledger's own and the bundled ones."""
    bundled = set(bundled_names())
    found: list[TemplateInfo] = []
    for name in sorted(bundled | set(_ledger_names(root))):
        source = _read(root, name)
        if source is None:
            continue
        mine = not source.shown.startswith(BUNDLED_LABEL)
        found.append(
            TemplateInfo(
                name,
                describe(source.text),
                source.shown if mine else BUNDLED_LABEL,
                overrides=mine and name in bundled,
            )
        )
    return found


def _environment(
    root: Path | None,
    budget: Budget | None = None,
    finalize: Callable[[Any], Any] | None = None,
) -> Any:
    """The sandbox: immutable data, capped ranges and repetition, no loop-holes in globals;
    every loop step and call counted against the budget (render/limits.py). `finalize` turns
    each printed value into text (Markdown-escaped unless another is given)."""
    from jinja2 import BaseLoader, StrictUndefined, TemplateNotFound, nodes
    from jinja2.compiler import CodeGenerator
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    spent = budget if budget is not None else Budget()

    class Loader(BaseLoader):
        """Includes and imports reach only templates/ of this ledger and the bundled ones."""

        def get_source(
            self, environment: Any, template: str
        ) -> tuple[str, str, Callable[[], bool]]:
            name = template.removesuffix(SUFFIX)
            source = _read(root, name)
            if source is None:
                raise TemplateNotFound(template)
            return source.text, source.shown, lambda: True

    class Generator(CodeGenerator):
        """Every `~` joins text through the budget: doubling a string in a loop stops."""

        def visit_Concat(self, node: Any, frame: Any) -> None:
            self.write("environment.budget.sized(")
            super().visit_Concat(node, frame)
            self.write(")")

    class Sandbox(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset({"*", "**", "+", "%"})
        code_generator_class = Generator
        budget: Budget

        def _parse(self, source: str, name: str | None, filename: str | None) -> Any:
            """Every for loop steps through the budget, one step an item."""
            tree = super()._parse(source, name, filename)
            for loop in tree.find_all(nodes.For):
                loop.iter = nodes.Filter(
                    loop.iter, _STEPS, [], [], None, None, lineno=loop.iter.lineno
                )
            return tree

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
            __self.budget.step()
            args = check_str_call(__obj, args, kwargs)
            return __self.budget.sized(super().call(__context, __obj, *args, **kwargs))

        def call_binop(self, context: Any, op: str, left: Any, right: Any) -> Any:
            self.budget.step()
            if op == "**" and isinstance(right, int | float) and abs(right) > _MAX_EXPONENT:
                raise SecurityError(f"乘方的指数过大（不超过 {_MAX_EXPONENT}）")
            if op == "*":
                for seq, times in ((left, right), (right, left)):
                    if (
                        isinstance(seq, str | list | tuple)
                        and isinstance(times, int)
                        and len(seq) * times > _MAX_REPEAT
                    ):
                        raise SecurityError("重复生成的文字过长")
            check_binop(op, left, right)
            return self.budget.sized(_BINOPS[op](left, right))

    env = Sandbox(
        loader=Loader(),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=finalize or _finalize,
    )
    for unsafe in ("lipsum", "cycler", "joiner"):
        env.globals.pop(unsafe, None)
    env.budget = spent
    env.filters[_STEPS] = spent.counted
    return env


_STEPS = "__anquan_steps"
_BINOPS: dict[str, Callable[[Any, Any], Any]] = {
    "*": operator.mul,
    "**": operator.pow,
    "+": operator.add,
    "%": operator.mod,
}


def _bounded_filters(env: Any) -> None:
    """Every filter a step, its result within bounds; those that can make long text checked
    from their arguments before they run."""
    budget: Budget = env.budget
    for name, original in list(env.filters.items()):
        if name == _STEPS:
            continue
        env.filters[name] = _bounded(name, original, budget)


def _bounded(name: str, original: Callable[..., Any], budget: Budget) -> Callable[..., Any]:
    check = FILTER_CHECKS.get(name)
    shift = 1 if getattr(original, "jinja_pass_arg", None) is not None else 0

    def run(*args: Any, **kwargs: Any) -> Any:
        budget.step()
        if name == "join" and len(args) > shift:
            separator = args[shift + 1] if len(args) > shift + 1 else kwargs.get("d", "")
            listed = check_join(args[shift], separator)
            args = (*args[:shift], listed, *args[shift + 1 :])
        elif check is not None:
            check(*args[shift:], **kwargs)
        return budget.sized(original(*args, **kwargs))

    return functools.update_wrapper(run, original)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def _finalize(value: Any) -> Any:
    """Every value a template prints is text, never Markdown: * _ | < and friends are escaped.

    Ledger text (a unit called 《A|B》, a hazard "配电箱*未接地") then cannot break a table,
    start a list or inject markup. None prints as nothing.
    """
    if value is None:
        return ""
    return _MD_SPECIAL.sub(r"\\\1", value if isinstance(value, str) else str(value))


def render_markdown(
    name: str,
    root: Path | None,
    context: Mapping[str, Any],
    functions: Mapping[str, Callable[..., Any]],
    filters: Mapping[str, Callable[..., Any]],
) -> str:
    """Render the named template over the context, in the sandbox; errors name file and line."""
    if name == "list":
        raise UsageError("list 不是模板名称（--template list 用于列出模板）")
    source = _read(root, name)
    if source is None:
        known = "、".join(t.name for t in list_templates(root))
        raise UsageError(f"没有名为 {name} 的模板；可用的模板：{known}")
    from jinja2 import TemplateError

    env = _environment(root)
    env.filters.update(filters)
    _bounded_filters(env)
    env.globals.update(functions)
    try:
        template = env.get_template(name + SUFFIX)
        env.budget.start()  # the clock starts with the rendering, not the compiling
        text = _collect(template.generate(dict(context)), source.shown, env.budget)
    except LimitExceeded as error:
        where, line = _where(error, source.shown)
        raise AnquanError(f"{error}；{LIMITS_HINT}", where, line) from None
    except TemplateError as error:
        raise _template_error(error, source.shown) from None
    except AnquanError:
        raise
    except Exception as error:
        raise _runtime_error(error, source.shown) from None
    return text


def _collect(chunks: Iterator[str], shown: str, budget: Budget) -> str:
    parts: list[str] = []
    size = 0
    for chunk in chunks:
        budget.step()
        size += len(chunk)
        if size > MAX_OUTPUT_CHARS:
            raise AnquanError(f"模板生成的文字过长（超过 {MAX_OUTPUT_CHARS} 字）", shown)
        parts.append(chunk)
    return "".join(parts)


def _where(error: BaseException, shown: str) -> tuple[str, int]:
    """The template file and line an exception was raised at: the innermost template frame
    of Jinja's rewritten traceback (an included template's, when it was there)."""
    where, line = shown, 0
    trace: types.TracebackType | None = error.__traceback__
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if filename.startswith((f"{LEDGER_DIR}/", BUNDLED_LABEL)):
            where, line = filename, trace.tb_lineno
        trace = trace.tb_next
    return where, line


def _line_in(error: BaseException, shown: str) -> int:
    """The template line an exception was raised at, from Jinja's rewritten traceback."""
    line = getattr(error, "lineno", None)
    if isinstance(line, int) and line:
        return line
    found = 0
    trace: types.TracebackType | None = error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == shown:
            found = trace.tb_lineno
        trace = trace.tb_next
    return found


def _template_error(error: Exception, shown: str) -> AnquanError:
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    where = getattr(error, "filename", None) or getattr(error, "name", None)
    where = where if isinstance(where, str) and where != "<template>" else shown
    line = _line_in(error, where)
    message = str(getattr(error, "message", None) or error)
    if isinstance(error, TemplateSyntaxError):
        return AnquanError(f"模板语法错误：{_syntax_words(message)}", where, line)
    if isinstance(error, TemplateNotFound):
        return AnquanError(
            f"找不到被引用的模板 {error.name}（只能引用本台账 templates/ 中的模板和内置模板）",
            where,
            line,
        )
    if isinstance(error, SecurityError):
        return AnquanError(
            f"出于安全原因已拒绝：{_security_words(message)}；{SECURITY_HINT}", where, line
        )
    if isinstance(error, UndefinedError):
        return _undefined(message, where, line)
    return AnquanError(f"模板错误：{message}", where, line)


def _undefined(message: str, where: str, line: int) -> AnquanError:
    match = re.match(r"^'([^']+)' is undefined", message)
    if match:
        name = match.group(1)
        if name in _ESCAPES:
            return AnquanError(
                f"出于安全原因已拒绝：模板中没有 {name}；{SECURITY_HINT}", where, line
            )
        return AnquanError(f"模板中用到了未定义的名称 {name}", where, line)
    match = re.match(r"^'(.+)' has no attribute '([^']+)'", message)
    if match:
        attribute = match.group(2)
        if attribute.startswith("_"):
            return AnquanError(
                f"出于安全原因已拒绝：不能访问 {attribute}；{SECURITY_HINT}", where, line
            )
        return AnquanError(f"模板中用到的数据没有 {attribute} 这一项", where, line)
    return AnquanError(f"模板中用到了未定义的数据：{message}", where, line)


def _runtime_error(error: Exception, shown: str) -> AnquanError:
    line = _line_in(error, shown)
    if isinstance(error, OverflowError) and "sandbox" in str(error):
        return AnquanError(f"出于安全原因已拒绝：range 范围过大；{SECURITY_HINT}", shown, line)
    words = {
        ZeroDivisionError: "除数为零",
        TypeError: "数据类型不对",
        ValueError: "取值无效",
        KeyError: "没有这一项",
        IndexError: "序号超出范围",
        RecursionError: "宏或引用嵌套过深",
        OverflowError: "数值过大",
        MemoryError: "所需内存过多",
    }
    kind = next((w for k, w in words.items() if isinstance(error, k)), "运行出错")
    return AnquanError(f"模板运行出错：{kind}（{error}）", shown, line)


_SYNTAX = (
    (r"^unexpected end of template, expected '(\w+)'.*", r"模板意外结束，缺少 \1"),
    (r"^Unexpected end of template.*", "模板意外结束，有未闭合的块"),
    (r"^Encountered unknown tag '(\w+)'.*", r"未知的标签 \1"),
    (r"^unexpected '(.+)'$", r"此处不应出现 \1"),
    (r"^expected token '(.+)', got '(.+)'$", r"此处应为 \1，而不是 \2"),
    (r"^unexpected char '(.+)' at \d+$", r"无法识别的字符 \1"),
    (r"^no filter named '(.+)'$", r"没有名为 \1 的过滤器"),
    (r"^no test named '(.+)'$", r"没有名为 \1 的测试"),
    (r"^tag name expected$", "此处应为标签名"),
)


def _syntax_words(message: str) -> str:
    block = re.search(r"innermost block that needs to be closed is '(\w+)'", message)
    if block:
        return f"模板意外结束，缺少 end{block.group(1)}"
    first = message.split("\n", 1)[0].strip()
    for pattern, words in _SYNTAX:
        if re.match(pattern, first):
            return re.sub(pattern, words, first)
    return first


_MUTATORS = frozenset(
    {
        "append",
        "extend",
        "insert",
        "remove",
        "pop",
        "popitem",
        "clear",
        "update",
        "setdefault",
        "sort",
        "reverse",
        "add",
        "discard",
        "difference_update",
        "intersection_update",
        "symmetric_difference_update",
        "__setitem__",
        "__delitem__",
    }
)


def _security_words(message: str) -> str:
    match = re.search(r"access to attribute '([^']+)'", message)
    if match and match.group(1) in _MUTATORS:
        return f"模板不能修改数据（不能调用 {match.group(1)}）"
    if match:
        return f"不能访问 {match.group(1)}"
    if "is not safely callable" in message or "unsafe" in message:
        return "不能调用这个函数"
    if "modifying" in message or "immutable" in message:
        return "模板不能修改数据"
    if "range too big" in message:
        return "range 范围过大"
    return message
