"""Hostile artifacts in a build folder: `unpress check` bounds what it reads and reports each in one line."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from tests.check.damage import check, rerecord
from unpress.read.docx_package import MAX_PACKAGE_BYTES, MAX_PART_BYTES
from unpress.cli import main

FIXTURE = Path(__file__).parents[1] / "fixtures" / "A_61_100"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.fixture
def built(tmp_path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "content" / "A_61_100")
    out = tmp_path / "dist"
    assert main(["build", str(tmp_path / "content"), "--format", "docx", "--out", str(out)]) == 0
    return out


def write_bomb(docx: Path, inflated: int) -> None:
    """The package with a word/document.xml of `inflated` bytes of XML (white space inside the
    body), deflated to about a thousandth of that; its other parts as they were."""
    with zipfile.ZipFile(docx) as source:
        parts = [(info, source.read(info)) for info in source.infolist() if info.filename != "word/document.xml"]
    chunk = b" " * (1 << 20)
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        with target.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>'.encode())
            for _ in range(inflated // len(chunk)):
                member.write(chunk)
            member.write(b"<w:sectPr/></w:body></w:document>")
        for info, data in parts:
            target.writestr(info, data)


@pytest.mark.parametrize("inflated, why", [
    pytest.param(2 << 30, f"the package holds more than {MAX_PACKAGE_BYTES // 2**20} MB or 2000 parts once unpacked",
                 marks=pytest.mark.slow, id="2 GiB in 2 MB"),  # deflating 2 GiB takes a while
    pytest.param(MAX_PART_BYTES + (1 << 20), f"word/document.xml is 65 MB, more than the {MAX_PART_BYTES // 2**20} "
                 "MB a part may have", id="just over the bound")])
def test_a_zip_bomb_docx_is_refused_in_one_line(built, capsys, inflated, why):
    docx = built / "A_61_100" / "A_61_100-EN.docx"
    write_bomb(docx, inflated)
    assert docx.stat().st_size < inflated / 500
    rerecord(built)
    status, lines = check(built, capsys)
    assert status == 1
    assert lines == [f"{docx}: cannot be read as DOCX: PackageError('{why}')"]


def test_a_large_part_under_the_bound_is_read(built, capsys):
    """The bound refuses what is over it, not what is large: 8 MB of white space in the body is
    read (and then differs from the model)."""
    docx = built / "A_61_100" / "A_61_100-EN.docx"
    write_bomb(docx, 8 << 20)
    rerecord(built)
    status, lines = check(built, capsys)
    assert status == 1
    assert not any("cannot be read" in line for line in lines), lines
    assert any(line.startswith(f"{docx}: front, block 1 (session line): expected") for line in lines), lines
