"""Reproducible builds: the same content and SOURCE_DATE_EPOCH give the same bytes, wherever and
whenever they are built; without SOURCE_DATE_EPOCH the files carry the document's own date."""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pikepdf
import pytest
from lxml import etree

from tests.seed import SEED_CONTENT
from unpress.cli import main
from unpress.manifest import sha256

REPO = Path(__file__).parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "A_61_100"
EPOCH = 1700000000  # 2023-11-14 22:13:20 UTC: neither document's date, nor today


def build_elsewhere(folder: Path, jobs: int, **env: str) -> tuple[dict[str, str], list[dict]]:
    """Build copies of the seed and the fixture placed in `folder`, by a process of its own started
    there, and return the sha256 of every artifact by its path, and the manifest's entries."""
    for source in (SEED_CONTENT, FIXTURE):
        shutil.copytree(source, folder / "content" / source.name)
    environment = {**os.environ, "PYTHONPATH": str(REPO), "SOURCE_DATE_EPOCH": str(EPOCH), **env}
    subprocess.run([sys.executable, "-m", "unpress", "build", "content", "--out", "dist", "--jobs", str(jobs)],
                   cwd=folder, env=environment, check=True, capture_output=True)
    out = folder / "dist"
    # An entry's `inputs` digests unpress's own source as well: an edit to the working tree between
    # the two builds would change it, which is not what this test is about.
    entries = [{key: value for key, value in entry.items() if key != "inputs"}
               for entry in json.loads((out / "manifest.json").read_text(encoding="utf-8"))["artifacts"]]
    return {path.relative_to(out).as_posix(): sha256(path.read_bytes())
            for path in sorted(out.glob("*/*")) if path.is_file()}, entries


def test_two_builds_in_different_places_and_times_give_the_same_bytes(tmp_path):
    first = build_elsewhere(tmp_path / "one", 1, TZ="UTC", PYTHONHASHSEED="1")
    time.sleep(1.1)  # a clock that leaked into a file would now show another second
    second = build_elsewhere(tmp_path / "elsewhere" / "two", 4, TZ="Asia/Kolkata", PYTHONHASHSEED="2",
                             LC_ALL="C.UTF-8")
    assert first == second
    artifacts, entries = first
    assert {path.rpartition(".")[2] for path in artifacts} == {"html", "pdf", "docx", "xml"}
    assert len(artifacts) == len(entries) == 4 * 7  # the seed's six versions and the fixture
    assert {entry["sha256"] for entry in entries} == set(artifacts.values())
    with pikepdf.open(tmp_path / "one" / "dist" / "A_61_100" / "A_61_100-EN.pdf") as pdf:
        assert str(pdf.docinfo["/CreationDate"]) == str(pdf.docinfo["/ModDate"]) == "D:20231114221320Z"


def test_without_source_date_epoch_the_files_carry_the_document_date(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert main(["build", str(FIXTURE), "--format", "pdf,docx", "--out", str(tmp_path)]) == 0
    document = tmp_path / "A_61_100" / "A_61_100-EN"  # dated 2006-06-15
    with pikepdf.open(document.with_suffix(".pdf")) as pdf:
        assert str(pdf.docinfo["/CreationDate"]) == str(pdf.docinfo["/ModDate"]) == "D:20060615000000Z"
        with pdf.open_metadata() as xmp:
            assert xmp["xmp:CreateDate"] == xmp["xmp:ModifyDate"] == "2006-06-15T00:00:00Z"
    with zipfile.ZipFile(document.with_suffix(".docx")) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(2006, 6, 15, 0, 0, 0)}
        core = etree.fromstring(archive.read("docProps/core.xml"))
    dates = {element.tag.rpartition("}")[2]: element.text for element in core
             if element.tag.endswith(("}created", "}modified"))}
    assert dates == {"created": "2006-06-15T00:00:00Z", "modified": "2006-06-15T00:00:00Z"}


@pytest.mark.parametrize("epoch", [EPOCH, 0])
def test_source_date_epoch_is_the_date_in_the_files(tmp_path, monkeypatch, epoch):
    """Zip entries cannot be dated before 1980: the DOCX's are dated 1980-01-01 then."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    assert main(["build", str(FIXTURE), "--format", "pdf,docx", "--out", str(tmp_path)]) == 0
    when = datetime.datetime.fromtimestamp(epoch, datetime.timezone.utc)
    document = tmp_path / "A_61_100" / "A_61_100-EN"
    with pikepdf.open(document.with_suffix(".pdf")) as pdf:
        assert str(pdf.docinfo["/CreationDate"]) == when.strftime("D:%Y%m%d%H%M%SZ")
    with zipfile.ZipFile(document.with_suffix(".docx")) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {max(when.timetuple()[:6], (1980, 1, 1, 0, 0, 0))}
