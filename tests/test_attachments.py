"""`anquan attach`: photos and PDFs kept by content hash as a record's evidence, reduced and
stripped of their GPS, refused when they are not what they claim, named by `check` when
missing or orphaned, and required by `verify` when the ledger says so."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import Run

GPS_IFD, EXIF_IFD, ORIENTATION, DATE_TAKEN = 0x8825, 0x8769, 0x0112, 0x9003


def phone_photo(path: Path, size: tuple[int, int] = (3000, 2000), colour: tuple = (200, 30, 30)):
    """A JPEG as a phone writes it: stored sideways with an EXIF orientation (6: turn 90°
    clockwise to view), the time it was taken, and where (GPS)."""
    picture = Image.new("RGB", size, colour)
    picture.paste((0, 0, 255), (0, 0, size[0] // 4, size[1] // 4))  # a mark in one corner
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[EXIF_IFD] = {DATE_TAKEN: "2024:10:25 09:31:00"}
    exif[GPS_IFD] = {1: "N", 2: (30.0, 15.0, 10.0), 3: "E", 4: (120.0, 1.0, 2.0)}
    picture.save(path, "JPEG", exif=exif)
    return path


@pytest.fixture
def hazard(run: Run, unit: str) -> str:
    outcome = run(
        "add-hazard", "-e", unit, "-d", "配电箱未接地", "--found", "2024-10-15",
        "--deadline", "2024-10-30",
    )  # fmt: skip
    assert outcome.code == 0, outcome.err
    return outcome.value


def stored(ledger: Path) -> list[Path]:
    return sorted((ledger / "attachments" / "files").rglob("*.*"))


def test_photo_is_turned_upright_reduced_and_loses_its_gps(
    run: Run, ledger: Path, hazard: str, tmp_path: Path
) -> None:
    photo = phone_photo(tmp_path / "IMG_0012.jpg")
    outcome = run("attach", hazard, photo, "--as", "整改前")
    assert outcome.code == 0, outcome.err
    [kept] = stored(ledger)
    assert outcome.value == f"attachments/{kept.relative_to(ledger / 'attachments').as_posix()}"
    with Image.open(kept) as picture:
        assert picture.format == "JPEG"
        assert picture.size == (1067, 1600)  # 2000×3000 upright, 1600 on the long side
        exif = picture.getexif()
        assert ORIENTATION not in exif
        assert not exif.get_ifd(GPS_IFD)
        assert exif.get_ifd(EXIF_IFD)[DATE_TAKEN] == "2024:10:25 09:31:00"
        # the blue corner was top left sideways; turned 90° clockwise it is top right
        assert picture.convert("RGB").getpixel((1000, 20))[2] > 200
        assert picture.convert("RGB").getpixel((20, 20))[0] > 150
    assert b"GPS" not in kept.read_bytes() and b"120" not in kept.read_bytes()[:2000]
    shown = run("show", hazard)
    assert "整改前  2024-10-25，拍摄于 2024-10-25 09:31:00" in shown.out
    assert "IMG_0012.jpg" in shown.out and "1067×1600" in shown.out
    data = json.loads(run("show", hazard, "--format", "json").out)
    [link] = data["attachments"]
    assert link["as"] == "整改前" and link["taken"] == "2024-10-25 09:31:00"
    assert link["date"] == "2024-10-25" and link["exists"] is True


def test_same_file_is_stored_once_and_linked_once(
    run: Run, ledger: Path, hazard: str, unit: str, tmp_path: Path
) -> None:
    photo = phone_photo(tmp_path / "a.jpg")
    copy = tmp_path / "copy.jpg"
    copy.write_bytes(photo.read_bytes())
    assert run("attach", hazard, photo, "--as", "整改前").code == 0
    again = run("attach", hazard, copy, "--as", "整改前")
    assert again.code == 0 and again.value == ""
    assert "此前已作为整改前附在" in again.err
    assert run("attach", unit, photo, "--as", "现场").code == 0  # another record, same bytes
    assert len(stored(ledger)) == 1
    sidecar = ledger / "attachments" / "hazards" / "2024" / f"{hazard}.yaml"
    assert sidecar.read_text(encoding="utf-8").count("- file:") == 1
    log = subprocess.run(
        ["git", "log", "--format=%s"], cwd=ledger, capture_output=True, text=True, check=True
    ).stdout
    assert f"{hazard} 附件：整改前 1 个" in log


def test_pdf_is_kept_byte_for_byte(run: Run, ledger: Path, hazard: str, tmp_path: Path) -> None:
    scan = tmp_path / "通知书.pdf"
    scan.write_bytes(b"%PDF-1.4\n% a scanned notice\n%%EOF\n")
    outcome = run("attach", hazard, scan, "--as", "文书扫描件", "--date", "2024.10.16")
    assert outcome.code == 0, outcome.err
    [kept] = stored(ledger)
    assert kept.suffix == ".pdf" and kept.read_bytes() == scan.read_bytes()
    assert "文书扫描件  2024-10-16" in run("show", hazard).out


def test_text_file_named_as_photo_is_refused(
    run: Run, ledger: Path, hazard: str, tmp_path: Path
) -> None:
    fake = tmp_path / "现场.jpg"
    fake.write_text("这其实是一段文字\n", encoding="utf-8")
    outcome = run("attach", hazard, fake)
    assert outcome.code == 1
    assert outcome.err.strip().splitlines() == [
        f"错误：{fake}: 不是图片或 PDF（内容是文本），未保存"
    ]
    assert not (ledger / "attachments").exists()


def test_file_over_the_limit_is_refused_without_being_read(
    run: Run, ledger: Path, hazard: str, tmp_path: Path
) -> None:
    big = tmp_path / "监控录像.pdf"
    with big.open("wb") as sparse:  # 200 MB on paper, nothing on disk
        sparse.truncate(200 * 1024 * 1024)
    outcome = run("attach", hazard, big)
    assert outcome.code == 1
    [line] = outcome.err.strip().splitlines()
    assert "文件 200.0 MB，超过台账的附件上限 20 MB（anquan.yaml 的 attachment_max_mb）" in line
    small = phone_photo(tmp_path / "ok.jpg", size=(40, 30))
    refused_with_others = run("attach", hazard, small, big)
    assert refused_with_others.code == 1
    assert not (ledger / "attachments").exists()  # one refusal: nothing of the others either


def test_ledger_sets_its_own_limit(run: Run, ledger: Path, hazard: str, tmp_path: Path) -> None:
    settings = ledger / "anquan.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "attachment_max_mb: 1\n", "utf-8")
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 1))
    outcome = run("attach", hazard, scan, "--no-commit")
    assert outcome.code == 1 and "超过台账的附件上限 1 MB" in outcome.err


def test_before_and_after_are_for_hazards_only(
    run: Run, ledger: Path, unit: str, tmp_path: Path
) -> None:
    outcome = run("attach", unit, phone_photo(tmp_path / "a.jpg"), "--as", "整改后")
    assert outcome.code == 2 and "--as 整改后 只用于隐患" in outcome.err
    assert run("attach", "DX-H-2410-YJB99", tmp_path / "a.jpg").code == 2


def test_check_names_missing_and_orphaned_files(
    run: Run, ledger: Path, hazard: str, tmp_path: Path, trust_fresh_files: None
) -> None:
    assert run("attach", hazard, phone_photo(tmp_path / "a.jpg"), "--as", "整改前").code == 0
    assert run("check").code == 0
    [kept] = stored(ledger)
    kept.rename(tmp_path / "moved.jpg")
    orphan = ledger / "attachments" / "files" / "ab" / ("ab" + "0" * 62 + ".jpg")
    orphan.parent.mkdir(parents=True)
    orphan.write_bytes(b"x")
    outcome = run("check")
    assert outcome.code == 1
    lines = outcome.out.strip().splitlines()
    sidecar = f"attachments/hazards/2024/{hazard}.yaml"
    name = kept.relative_to(ledger).as_posix()
    assert f"{sidecar}:4: 附件文件 {name} 不存在（整改前 a.jpg）" in lines
    assert (
        f"{orphan.relative_to(ledger).as_posix()}: 警告：附件文件未被任何记录引用（多余）" in lines
    )
    assert "！文件不存在" in run("show", hazard).out
    (tmp_path / "moved.jpg").rename(kept)
    orphan.unlink()
    assert run("check").code == 0  # the remembered answer follows what attachments/ holds


def test_check_names_a_sidecar_of_no_record(run: Run, ledger: Path, hazard: str, tmp_path: Path):
    assert run("attach", hazard, phone_photo(tmp_path / "a.jpg")).code == 0
    sidecar = ledger / "attachments" / "hazards" / "2024" / f"{hazard}.yaml"
    stray = sidecar.with_name("DX-H-2410-YJB77.yaml")
    stray.write_text(
        sidecar.read_text(encoding="utf-8").replace(hazard, "DX-H-2410-YJB77"), "utf-8"
    )
    outcome = run("check")
    assert outcome.code == 1
    assert "DX-H-2410-YJB77.yaml: 附件所属的记录 DX-H-2410-YJB77 不存在" in outcome.out


def test_verify_requires_an_after_photo_when_the_ledger_says_so(
    run: Run, ledger: Path, hazard: str, tmp_path: Path
) -> None:
    settings = ledger / "anquan.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "require_after_photo: true\n", "utf-8"
    )
    assert run("rectify", hazard, "--date", "2024-10-25").code == 0
    assert run("attach", hazard, phone_photo(tmp_path / "before.jpg"), "--as", "整改前").code == 0
    refused = run("verify", hazard, "--date", "2024-10-28", "--by", "张伟")
    assert refused.code == 2
    assert f"隐患 {hazard} 不能验收通过：台账要求验收前须有整改后照片" in refused.err
    assert f"anquan attach {hazard} 照片 --as 整改后" in refused.err
    assert "已整改" in run("show", hazard).out  # nothing written
    sent_back = run("verify", hazard, "--date", "2024-10-28", "--by", "张伟", "--fail")
    assert sent_back.value == "整改中"  # sending back needs no photo
    assert run("rectify", hazard, "--date", "2024-10-29").code == 0
    after = phone_photo(tmp_path / "after.jpg", colour=(20, 160, 20))
    assert run("attach", hazard, after, "--as", "整改后", "--date", "2024-10-29").code == 0
    passed = run("verify", hazard, "--date", "2024-10-30", "--by", "张伟")
    assert passed.code == 0 and passed.value == "已销号"


def test_verify_needs_no_photo_by_default(run: Run, ledger: Path, hazard: str) -> None:
    assert run("rectify", hazard, "--date", "2024-10-25").code == 0
    assert run("verify", hazard, "--date", "2024-10-28", "--by", "张伟").value == "已销号"


def test_api_gives_a_hazards_before_and_after_photos(
    run: Run, ledger: Path, hazard: str, tmp_path: Path
) -> None:
    from anquan_cli import api

    assert run("attach", hazard, phone_photo(tmp_path / "b.jpg"), "--as", "整改前").code == 0
    after = phone_photo(tmp_path / "a.jpg", colour=(0, 150, 0))
    assert run("attach", hazard, after, "--as", "整改后").code == 0
    photos = api.hazard_photos(api.open_ledger(ledger), hazard)
    assert len(photos.before) == 1 and len(photos.after) == 1
    with Image.open(photos.after[0]) as picture:
        assert picture.convert("RGB").getpixel((500, 1500))[1] > 120
    assert photos.before[0] != photos.after[0]


def test_png_with_transparency_becomes_jpeg(run: Run, ledger: Path, hazard: str, tmp_path: Path):
    png = tmp_path / "截图.png"
    Image.new("RGBA", (100, 50), (0, 0, 0, 0)).save(png)
    assert run("attach", hazard, png).code == 0
    [kept] = stored(ledger)
    with Image.open(io.BytesIO(kept.read_bytes())) as picture:
        assert picture.format == "JPEG" and picture.getpixel((5, 5)) == (255, 255, 255)


def test_district_check_names_a_towns_missing_photo_from_the_district(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.sharing.test_district import make_district, make_town

    monkeypatch.setenv("ANQUAN_OFFICE", "应急办")
    town = tmp_path / "towns" / "dongxi"
    _, hazard = make_town(run, town, "东溪镇", 1)
    photo = phone_photo(tmp_path / "a.jpg", size=(40, 30))
    assert run("attach", hazard, photo, "--as", "整改前", "--ledger", town).code == 0
    root = make_district(tmp_path / "district", ["../towns/dongxi"])
    assert run("check", "--ledger", root).code == 0
    [kept] = stored(town)
    kept.unlink()
    outcome = run("check", "--ledger", root)
    assert outcome.code == 1
    sidecar = f"../towns/dongxi/attachments/hazards/2024/{hazard}.yaml"
    assert (
        f"{sidecar}:4: 附件文件 attachments/{kept.relative_to(town / 'attachments').as_posix()}"
        in outcome.out
    )
    refused = run("attach", hazard, photo, "--ledger", root)  # a district keeps no records
    assert refused.code == 2 and "区级台账只汇总各镇街台账" in refused.err
