"""Progress for large work (a first load, import, export, a district roll-up).

A bar appears on stderr only when stderr is a terminal and the work has already taken more
than a second; short work and scripts see nothing extra.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sized
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

from anquan_cli.cli import console

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

T = TypeVar("T")
SHOW_AFTER = 1.0

ProgressFn = Callable[[int, int], None]
"""Told (done, total) as work goes on."""


class _Bar:
    """Starts a rich bar lazily, once the work has gone on for longer than `after` seconds."""

    def __init__(self, label: str, after: float, clock: Callable[[], float]) -> None:
        self.label = label
        self.after = after
        self.clock = clock
        self.started = clock()
        self.bar: Progress | None = None
        self.task: TaskID | None = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if self.clock() - self.started < self.after or not console.err.is_terminal:
                return  # the clock first: asking the console imports rich
            self._start(total)
        assert self.bar is not None and self.task is not None
        self.bar.update(self.task, completed=done, total=total)

    def _start(self, total: int) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=console.err,
            transient=True,
        )
        self.bar.start()
        self.task = self.bar.add_task(self.label, total=total)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


@contextmanager
def progress(
    label: str, *, after: float = SHOW_AFTER, clock: Callable[[], float] = time.monotonic
) -> Iterator[ProgressFn]:
    """A (done, total) callback for long work; shows a bar only on a terminal after `after` s."""
    bar = _Bar(label, after, clock)
    try:
        yield bar
    finally:
        bar.close()


def tracked(items: Iterable[T], label: str, total: int | None = None) -> Iterator[T]:
    """Iterate, showing progress as `progress` does (total from len() when not given)."""
    count = total if total is not None else len(items) if isinstance(items, Sized) else 0
    with progress(label) as report:
        for done, item in enumerate(items, 1):
            yield item
            report(done, max(count, done))
