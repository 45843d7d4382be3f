"""A symbol's year or a job number's year that does not match `date` is a warning, one line
`file:line: field: ...`, and the build goes on (issue 15: consistency warnings)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from unpress.cli import main
from unpress.symbols import parse_symbol

TESTS = Path(__file__).parents[1]
WARNING = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): (?P<field>[^:]+): warning: (?P<message>.+) "
                     r"\[year-mismatch\]$")


def copy(tmp_path: Path, folder: Path) -> Path:
    target = tmp_path / folder.name
    shutil.copytree(folder, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def build(folder: Path, capsys) -> tuple[int, list[re.Match], Path]:
    out = folder.parent / "dist"
    status = main(["build", str(folder), "--format", "html", "--out", str(out)])
    lines = capsys.readouterr().err.splitlines()
    return status, [m for line in lines if (m := WARNING.match(line))], out / folder.name


@pytest.mark.parametrize("symbol, year", [
    ("S/2007/123", 2007), ("E/2006/56", 2006), ("E/CN.6/2006/L.3", 2006), ("S/2007/XXX", 2007),
    ("A/61/100", None), ("A/HRC/2/9", None), ("A/C.3/61/L.2", None), ("A/61/XXX", None), ("A/65/L.78", None),
])
def test_the_year_a_symbol_names(symbol, year):
    assert parse_symbol(symbol).year == year


def test_a_council_symbol_of_another_year_than_the_date_warns_and_builds(tmp_path, capsys):
    folder = copy(tmp_path, TESTS / "organs" / "S_2007_123")
    edit(folder / "document.yaml", "date: 2007-03-05", "date: 2006-03-05")
    status, warnings, out = build(folder, capsys)
    assert status == 0
    (warning,) = warnings
    assert Path(warning["file"]).resolve() == (folder / "document.yaml").resolve()
    assert (int(warning["line"]), warning["field"]) == (3, "symbol")
    assert warning["message"] == ("S/2007/123 is a symbol of 2007, and the document is dated 2006-03-05; "
                                  "check the symbol and `date`")
    assert (out / "S_2007_123-EN.html").is_file() and (out / "S_2007_123-RU.html").is_file()


def test_an_ecosoc_commission_symbol_of_another_year_warns(tmp_path, capsys):
    folder = copy(tmp_path, TESTS / "organs" / "E_CN.6_2006_L.3")
    edit(folder / "document.yaml", "date: 2006-03-06", "date: 2005-12-30")
    status, warnings, _ = build(folder, capsys)
    assert status == 0
    assert [w["message"].split(",")[0] for w in warnings] == ["E/CN.6/2006/L.3 is a symbol of 2006"]


def test_a_joint_document_warns_for_the_council_symbol_only(tmp_path, capsys):
    """A/61/872 names a session, not a year; S/2006/300 names 2006."""
    folder = copy(tmp_path, TESTS / "shapes" / "A_61_872")
    edit(folder / "document.yaml", "date: 2006-05-12", "date: 2007-01-03")
    status, warnings, _ = build(folder, capsys)
    assert status == 0
    assert [(w["field"], w["message"].split(",")[0]) for w in warnings] == [
        ("symbol", "S/2006/300 is a symbol of 2006")]


def test_a_job_number_of_another_year_warns_with_its_line(tmp_path, capsys):
    folder = copy(tmp_path, TESTS / "fixtures" / "A_61_100")
    edit(folder / "document.yaml", "job: 06-39949", "job: 07-39949")
    status, warnings, out = build(folder, capsys)
    assert status == 0
    (warning,) = warnings
    assert (int(warning["line"]), warning["field"]) == (16, "versions.en.job")
    assert warning["message"] == ("the job number 07-39949 is of 2007 (its first two digits), and the document "
                                  "is dated 2006-06-15; check the job number and `date`")
    assert (out / "A_61_100-EN.html").is_file()


def test_each_version_s_job_number_is_checked(tmp_path, capsys):
    folder = copy(tmp_path, TESTS / "languages" / "A_61_100")
    text = (folder / "document.yaml").read_text(encoding="utf-8")
    jobs = re.findall(r"job: (\d\d-\d{5})", text)
    assert len(jobs) >= 2
    edit(folder / "document.yaml", f"job: {jobs[-1]}", f"job: 98-{jobs[-1][3:]}")
    status, warnings, _ = build(folder, capsys)
    assert status == 0
    (warning,) = warnings
    assert warning["field"].endswith(".job") and "is of 1998" in warning["message"]


@pytest.mark.parametrize("folder", ["fixtures/A_61_100", "organs/S_2007_123", "organs/E_2006_56",
                                    "organs/E_CN.6_2006_L.3", "shapes/A_61_872", "languages/A_61_100"])
def test_documents_whose_years_agree_do_not_warn(tmp_path, capsys, folder):
    status, warnings, _ = build(copy(tmp_path, TESTS / folder), capsys)
    assert status == 0 and warnings == []


def test_a_bad_date_is_an_error_and_no_year_is_compared(tmp_path, capsys):
    folder = copy(tmp_path, TESTS / "organs" / "S_2007_123")
    edit(folder / "document.yaml", "date: 2007-03-05", "date: 2006-02-30")
    status, warnings, _ = build(folder, capsys)
    assert status == 1 and warnings == []
