#!/usr/bin/env python3
"""Warm command times on a ledger without photos and the same ledger with them, as ratios.

    python bench/generate.py /tmp/plain --enterprises 1000 --inspections 3000 --hazards 6000
    python bench/generate.py /tmp/photos --enterprises 1000 --inspections 3000 --hazards 6000 \\
        --photos 10000
    python bench/photos.py /tmp/plain /tmp/photos --rounds 7

The two ledgers hold the same records (same seed); the second has attachments/ beside them.
Each command runs once unmeasured on each ledger (to fill the cache and the memos), then
`--rounds` times on each, the two ledgers in turn and alternating which goes first, so the
machine's drift falls on both alike; the ratio is the median of the rounds' own ratios.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

COMMANDS = (
    ("report --format json", ["report", "--quarter", "4", "--year", "2024", "--format", "json"]),
    ("report (md)", ["report", "--quarter", "4", "--year", "2024"]),
    ("check", ["check"]),
    ("list hazards --overdue", ["list", "hazards", "--overdue", "--format", "json"]),
    ("stats", ["stats", "--quarter", "4", "--year", "2024"]),
)


def timed(ledger: Path, args: list[str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one run: on a shared machine the CPU time
    drifts far less than the wall time."""
    env = {**os.environ, "ANQUAN_OFFICE": "应急办"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        ["anquan", "--ledger", str(ledger), *args], capture_output=True, env=env, check=False
    )
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1):
        sys.exit(f"anquan {' '.join(args)} failed: {done.stderr.decode()[-500:]}")
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("plain", type=Path, help="the ledger without photos")
    parser.add_argument("photos", type=Path, help="the same ledger with photos")
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    stored = sum(1 for _ in (args.photos / "attachments" / "files").rglob("*.jpg"))
    print(f"{args.plain} vs {args.photos} ({stored} photos); median of {args.rounds} rounds")
    print("| command (warm) | wall s, no photos | wall s, photos | wall ratio "
          "| CPU s, no photos | CPU s, photos | CPU ratio |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, command in COMMANDS:
        for ledger in (args.plain, args.photos):
            timed(ledger, command)  # warm: cache and memos filled
        runs: dict[Path, list[tuple[float, float]]] = {args.plain: [], args.photos: []}
        for turn in range(args.rounds):
            order = (args.plain, args.photos) if turn % 2 == 0 else (args.photos, args.plain)
            for ledger in order:
                runs[ledger].append(timed(ledger, command))
        cells = []
        for which in (0, 1):
            plain = [r[which] for r in runs[args.plain]]
            photos = [r[which] for r in runs[args.photos]]
            ratio = statistics.median(p / q for p, q in zip(photos, plain, strict=True))
            cells += [f"{statistics.median(plain):.3f}", f"{statistics.median(photos):.3f}"]
            cells.append(f"{ratio:.2f}×")
        print(f"| {name} | {' | '.join(cells)} |")


if __name__ == "__main__":
    main()
