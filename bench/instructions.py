"""Instructions, not seconds: the sheet-level export and import plan against their floors,
counted by valgrind's callgrind.

    python bench/instructions.py [--rows 4000]

This VM's speed drifts by up to 2x from minute to minute, and a sub-second ratio moves by a
third from run to run. An instruction count does not move, so it tells whether a change made
anquan do less work. It is not the issue's measure: the targets are wall time (bench/run), and
Python's interpreter loop runs fewer instructions a cycle than calamine's or pydantic-core's
compiled code, so a wall-time ratio comes out higher than the instruction ratio.

Each figure is one child python under callgrind that loads its prepared inputs and does the
measured work, minus a child that loads the same inputs and stops (imports included). The work
is bench/workbook.py's: export — anquan's 隐患排查整改台账 sheet against plain xlsxwriter
writing the same values and formats; import — anquan's import plan (read, headings, rows,
validation; nothing written) against a calamine read plus Pydantic validation of the same
records. Takes a few minutes: callgrind runs code about 50 times slower.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
WORK = ("export", "export_floor", "plan", "plan_floor")


def workbook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_workbook", HERE / "workbook.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_workbook"] = module
    spec.loader.exec_module(module)
    return module


def prepare(folder: Path, rows: int) -> None:
    """The inputs every child loads: records, their sheet rows, the workbook, the plan's records."""
    from anquan_cli.render.sheets import _Units, hazard_rows

    wb = workbook()
    units, hazards = wb.make_records(rows)
    built = list(hazard_rows(hazards, _Units({u.id: u for u in units}), wb.AS_OF))
    wb.export_anquan(units, hazards, folder / "台账.xlsx")
    ledger = folder / "ledger"
    ledger.mkdir()
    (ledger / "anquan.yaml").write_text("name: 东溪镇\ncode: DX\ncommit: false\n", "utf-8")
    _, planned = wb.import_anquan(folder / "台账.xlsx", ledger)
    dumped = [(type(r).__name__, r.model_dump()) for r in planned]
    (folder / "inputs.pickle").write_bytes(pickle.dumps((units, hazards, built, dumped)))


def child(folder: Path, what: str) -> None:
    """Load the inputs and the modules the work uses, then do `what` (nothing for "load"):
    as in bench/workbook.py's timings, importing is not part of the work."""
    from python_calamine import CalamineWorkbook

    import anquan_cli.imports.plan
    import anquan_cli.imports.reader
    import anquan_cli.model.records as records
    import anquan_cli.store.ledger  # noqa: F401

    wb = workbook()
    units, hazards, built, dumped = pickle.loads((folder / "inputs.pickle").read_bytes())
    data = [(getattr(records, name), fields) for name, fields in dumped]
    sheet = folder / "台账.xlsx"
    gc.disable()  # as the import does; the export's floor makes next to nothing to collect
    match what:
        case "export":
            wb.export_anquan(units, hazards, folder / "ours.xlsx")
        case "export_floor":
            wb.export_floor(built, folder / "floor.xlsx")
        case "plan":
            wb.import_anquan(sheet, folder / "ledger")
        case "plan_floor":
            book = CalamineWorkbook.from_path(str(sheet))
            for name in book.sheet_names:
                book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            for model, fields in data:
                model.model_validate(fields)


def count(folder: Path, what: str) -> int:
    """Instructions callgrind counts for one child doing `what`."""
    done = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={folder / f'callgrind.{what}'}",
            sys.executable,
            __file__,
            "--child",
            what,
            "--folder",
            str(folder),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"{what}: valgrind failed: {done.stderr.strip()[-300:]}")
    return int(found.group(1))


def run(rows: int) -> dict[str, Any]:
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        prepare(folder, rows)
        base = count(folder, "load")
        work = {what: count(folder, what) - base for what in WORK}
    return {
        "rows": rows,
        **{f"{what}_instructions": work[what] for what in WORK},
        "export_ratio": round(work["export"] / work["export_floor"], 2),
        "plan_ratio": round(work["plan"] / work["plan_floor"], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=4000)
    parser.add_argument("--child", choices=("load", *WORK), help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.folder, args.child)
        return
    for key, value in run(args.rows).items():
        print(f"{key:26} {value:,}" if isinstance(value, int) else f"{key:26} {value}")


if __name__ == "__main__":
    main()
