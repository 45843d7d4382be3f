"""The HTML's images as files beside the page (`--html-images files`, `html_images = "files"`):
written with the page, all or nothing, named by their bytes, listed in the manifest with the page
they belong to, and read back by `unpress check`, which finds an image whose bytes changed, one
gone, and an address that leaves the build folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import lxml.html
import pytest

from tests.check.damage import check
from tests.figures.test_figures import CONTENT, FIGURES, emblem_theme
from unpress.cli import main
from unpress.settings import load_settings

EPOCH = "1700000000"


@pytest.fixture(autouse=True)
def _epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def build(root: Path, out: Path, *flags: str, capsys=None) -> list[str]:
    if not (root / "content").exists():
        shutil.copytree(CONTENT, root / "content" / "A_61_300")
        emblem_theme(root / "theme")
    if capsys:
        capsys.readouterr()
    assert main(["build", str(root / "content"), "--format", "html", "--styles", str(root / "theme"),
                 "--out", str(out), "--jobs", "1", *flags]) == 0
    return capsys.readouterr().out.splitlines() if capsys else []


def sources(page: Path) -> list[str]:
    return lxml.html.fromstring(page.read_bytes()).xpath("//img/@src")


def files_of(out: Path) -> dict[str, bytes]:
    return {path.relative_to(out).as_posix(): path.read_bytes() for path in sorted(out.rglob("*")) if path.is_file()}


def test_the_images_are_files_beside_the_page_in_the_manifest_and_check_passes(tmp_path, capsys):
    out = tmp_path / "dist"
    build(tmp_path, out, "--html-images", "files")
    page = out / "A_61_300" / "A_61_300-EN.html"
    srcs = sources(page)
    assert len(srcs) == 4  # the emblem, two figures, an inline image
    assert all(src.startswith("A_61_300-EN-images/") and not src.startswith("data:") for src in srcs)
    assert b"data:image" not in page.read_bytes()
    # The figures' own bytes, as the content holds them, under names made of their digests.
    written = {(page.parent / src).read_bytes() for src in srcs}
    assert {path.read_bytes() for path in FIGURES.iterdir() if path.suffix in (".png", ".svg")} <= written
    entries = {entry["path"]: entry for entry in json.loads((out / "manifest.json").read_text())["artifacts"]}
    for src in srcs:
        entry = entries[f"A_61_300/{src}"]
        assert (entry["format"], entry["of"], entry["lang"]) == ("image", "A_61_300/A_61_300-EN.html", "en")
    assert "of" not in entries["A_61_300/A_61_300-EN.html"]
    # Every file in the folder is in the manifest (or is it).
    assert set(files_of(out)) == set(entries) | {"manifest.json"}
    assert check(out, capsys) == (0, [])


def test_the_default_page_is_one_file_and_the_setting_is_in_unpress_toml(tmp_path, capsys):
    out = tmp_path / "dist"
    build(tmp_path, out)
    assert all(src.startswith("data:image/") for src in sources(out / "A_61_300" / "A_61_300-EN.html"))
    assert not list(out.rglob("*-images"))
    config = tmp_path / "unpress.toml"
    config.write_text('html_images = "files"\n')
    assert load_settings(config).html_images == "files"
    config.write_text('html_images = "file"\n')
    capsys.readouterr()
    assert main(["build", str(tmp_path / "content"), "--config", str(config), "--out", str(out)]) == 1
    assert capsys.readouterr().err.strip() == (
        f'{config}:1: html_images: "file" is not one of: inline, files (did you mean "files"?) [bad-value]')


def test_the_files_are_reproducible_kept_when_unchanged_and_removed_with_the_setting(tmp_path, capsys):
    one, two = tmp_path / "one", tmp_path / "two"
    build(tmp_path, one, "--html-images", "files")
    build(tmp_path, two, "--html-images", "files")
    assert {k: v for k, v in files_of(one).items() if k != "manifest.json"} == {
        k: v for k, v in files_of(two).items() if k != "manifest.json"}
    # Unchanged, the page is kept; an image gone, the page is made again with it.
    assert all(line.startswith("unchanged") for line in build(tmp_path, one, "--html-images", "files", capsys=capsys))
    image = next((one / "A_61_300" / "A_61_300-EN-images").iterdir())
    image.unlink()
    lines = build(tmp_path, one, "--html-images", "files", capsys=capsys)
    assert f"wrote {one / 'A_61_300' / 'A_61_300-EN.html'}" in lines and image.is_file()
    # Back to pages of one file: the images' folders and their entries go.
    build(tmp_path, one)
    assert not list(one.rglob("*-images"))
    assert all(entry["format"] == "html" for entry in json.loads((one / "manifest.json").read_text())["artifacts"])
    assert check(one, capsys) == (0, [])


@pytest.fixture()
def files_build(tmp_path) -> Path:
    out = tmp_path / "dist"
    build(tmp_path, out, "--html-images", "files")
    return out


def test_check_finds_an_image_file_whose_bytes_changed(files_build, capsys):
    page = files_build / "A_61_300" / "A_61_300-EN.html"
    png = next(src for src in sources(page) if src.endswith(".png"))
    (page.parent / png).write_bytes((page.parent / png).read_bytes() + b"\0")
    status, lines = check(files_build, capsys)
    assert status == 1
    assert any(line.startswith(f"{page.parent / png}: sha256:") for line in lines), lines
    assert any(line.startswith(f"{page}: bytes of image 1: expected") for line in lines), lines


def test_check_finds_an_image_file_gone(files_build, capsys):
    page = files_build / "A_61_300" / "A_61_300-EN.html"
    svg = [src for src in sources(page) if src.endswith(".svg")][-1]  # the inline image
    (page.parent / svg).unlink()
    status, lines = check(files_build, capsys)
    assert status == 1
    assert f"{page.parent / svg}: missing: listed in the manifest, not in the folder" in lines
    assert any(line.startswith(f"{page}: bytes of image 3:") and "no such file in the build folder" in line
               for line in lines), lines


@pytest.mark.parametrize("src, says", [
    ("../../secret.png", "a file outside the build folder"),
    ("/etc/passwd", "a file outside the build folder"),
    ("https://example.org/map.png", "an address outside the build folder"),
])
def test_check_finds_an_address_that_leaves_the_build_folder(files_build, capsys, src, says):
    (files_build.parent / "secret.png").write_bytes((FIGURES / "migrants.png").read_bytes())
    page = files_build / "A_61_300" / "A_61_300-EN.html"
    first, emblem = sources(page)[1], sources(page)[0]
    text = page.read_text(encoding="utf-8").replace(f'src="{first}"', f'src="{src}"', 1)
    page.write_text(text.replace(f'src="{emblem}"', f'src="{src}"', 1), encoding="utf-8")
    status, lines = check(files_build, capsys)
    assert status == 1
    assert any(line.startswith(f"{page}: bytes of image 1:") and f"img src {src}: {says}" in line
               for line in lines), lines
    assert f'{page}: image: expected "bytes in the page or in the build folder" found "img src {src}: {says}"' in lines


def test_a_temporary_file_a_killed_build_left_among_the_images_is_deleted(files_build):
    stray = files_build / "A_61_300" / "A_61_300-EN-images" / ".5fd795eb1134ec6e.png.k2j4h1_x.part"
    stray.write_bytes(b"half an image")
    build(files_build.parent, files_build, "--html-images", "files")
    assert not stray.exists()
