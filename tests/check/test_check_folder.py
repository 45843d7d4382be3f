"""A build folder that was moved, lacks files or has a malformed manifest: one line per problem,
never an internal error, and nothing read from outside the folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.check.damage import check
from unpress.cli import main

FIXTURE = Path(__file__).parents[1] / "fixtures" / "A_61_100"


@pytest.fixture
def built(tmp_path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "content" / "A_61_100")
    out = tmp_path / "dist"
    assert main(["build", str(tmp_path / "content"), "--format", "html", "--out", str(out)]) == 0
    return out


def edit_manifest(out: Path, change) -> None:
    path = out / "manifest.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(change(data)), encoding="utf-8")


def test_a_moved_build_folder_names_its_content_folder(built, tmp_path, capsys):
    moved = tmp_path / "elsewhere" / "dist"
    shutil.move(built, moved)
    status, lines = check(moved, capsys)
    assert status == 1
    assert lines == [f"{tmp_path / 'elsewhere' / 'content' / 'A_61_100'}: content folder not found (the manifest "
                     f"names it for {moved / 'A_61_100' / 'A_61_100-EN.html'}): if the build folder was moved, "
                     "give --content"]
    capsys.readouterr()
    assert main(["check", str(moved), "--content", str(tmp_path / "content")]) == 0


def test_missing_files(built, capsys):
    (built / "A_61_100" / "A_61_100-EN.html").unlink()
    assert check(built, capsys) == (1, [f"{built / 'A_61_100' / 'A_61_100-EN.html'}: missing: listed in the "
                                        "manifest, not in the folder"])
    (built / "manifest.json").unlink()
    assert check(built, capsys) == (1, [f"{built / 'manifest.json'}: no manifest with artifacts; build into this "
                                        "folder first"])


@pytest.mark.parametrize("text, message", [
    ("{", "cannot be read as a manifest: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"),
    ("[1, 2]", "no list of artifacts in it; build into this folder first"),
    ('{"artifacts": {"path": "x"}}', "no list of artifacts in it; build into this folder first"),
    ('{"artifacts": []}', "no list of artifacts in it; build into this folder first"),
    ('{"artifacts": [7]}', "artifact 1: an object with path, format, lang, sha256, source expected, found int"),
    ("\xff", "cannot be read as a manifest: 'utf-8' codec can't decode byte 0xff in position 0: invalid "
             "start byte"),
])
def test_a_manifest_that_is_not_one(built, capsys, text, message):
    (built / "manifest.json").write_text(text, encoding="utf-8" if text != "\xff" else "latin-1")
    assert check(built, capsys) == (1, [f"{built / 'manifest.json'}: {message}"])


def test_wrong_types_one_line_per_entry(built, capsys):
    def damage(data):
        entry = data["artifacts"][0]
        data["artifacts"] = [dict(entry, path=5, sha256=None), dict(entry, lang=["en"]), entry]
        return data
    edit_manifest(built, damage)
    status, lines = check(built, capsys)
    assert status == 1
    assert lines == [f'{built / "manifest.json"}: artifact 1: "path" must be text; "sha256" must be text',
                     f'{built / "manifest.json"}: artifact 2: "lang" must be text']


@pytest.mark.parametrize("path", ["../outside.html", "/etc/hostname", "A_61_100/../../outside.html", ".", "link/x.html"])
def test_a_path_outside_the_folder_is_refused_not_read(built, tmp_path, capsys, path):
    outside = tmp_path / "outside.html"
    outside.write_text("<html></html>", encoding="utf-8")
    (built / "link").symlink_to(tmp_path)
    (tmp_path / "x.html").write_text("<html></html>", encoding="utf-8")

    def damage(data):
        data["artifacts"][0]["path"] = path
        return data
    edit_manifest(built, damage)
    status, lines = check(built, capsys)
    assert status == 1
    assert lines == [f'{built / "manifest.json"}: artifact 1: path "{path}" leaves the folder: not read']


@pytest.mark.parametrize("lang, fmt", [("fr", "html"), ("en", "rtf")])
def test_an_artifact_of_no_version_or_of_no_known_format_cannot_be_checked(built, capsys, lang, fmt):
    """A manifest entry of a language the content does not have (a version removed since the
    build), or of a format check has no reader for: one line, the file not read."""
    def damage(data):
        data["artifacts"][0].update(lang=lang, format=fmt)
        return data
    edit_manifest(built, damage)
    status, lines = check(built, capsys)
    assert status == 1
    assert lines == [f"{built / 'A_61_100' / 'A_61_100-EN.html'}: cannot check: no {lang} version or no {fmt} reader"]
