"""What a build reads: only its own folders' regular files, bounded, and only those count for rebuilding."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.test_corpus import FIXTURE, LINE, bounded
from unpress.cli import main
from unpress.problems import ContentError
from unpress.read.content import load_document
from unpress.read.files import Reads, read_file
from unpress.theme import BUILTIN_STYLES, BUILTIN_TEMPLATES


@pytest.fixture
def folder(tmp_path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "A_61_100")
    return tmp_path / "A_61_100"


def build(folder: Path, *options: str) -> tuple[int, list[str], list[str]]:
    """Exit status, stdout lines and stderr lines of `unpress build` in a process of its own."""
    result = subprocess.run([sys.executable, "-m", "unpress", "build", str(folder), "--format", "html",
                             "--jobs", "1", *options], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])})
    return result.returncode, result.stdout.splitlines(), result.stderr.splitlines()


def one_problem(status: int, err: list[str]) -> dict[str, str]:
    assert status == 1, err
    (line,) = err
    match = LINE.match(line)
    assert match, line
    return match.groupdict()


def test_a_stray_file_beside_the_parts_is_never_read(folder, tmp_path):
    """A 3 GB file the build has no use for is not read for the inputs' digest (it was, in full)."""
    stray = folder / "scan-of-the-letter.bin"
    with open(stray, "wb") as file:
        file.truncate(3 * 2**30)  # sparse: takes no disk, but reading it takes 3 GB of memory
    out = tmp_path / "dist"
    with bounded(memory=2**30):  # far less than the file: the build must not read it
        assert main(["build", str(folder), "--format", "html", "--out", str(out), "--jobs", "1"]) == 0


def test_only_the_files_read_decide_whether_to_rebuild(folder, tmp_path):
    out = str(tmp_path / "dist")
    assert build(folder, "--out", out)[1] == [f"wrote {Path(out, 'A_61_100', 'A_61_100-EN.html')}"]
    (folder / "notes-to-self.txt").write_text("not part of the document\n", encoding="utf-8")
    assert build(folder, "--out", out)[1][0].startswith("unchanged ")
    (folder / "en" / "annex.md").write_text((folder / "en" / "annex.md").read_text(encoding="utf-8")
                                            + "\nA new paragraph.\n", encoding="utf-8")
    assert build(folder, "--out", out)[1][0].startswith("wrote ")
    (folder / "en" / "annex-2.md").write_text("---\nheading: Annex II\n---\n\nMore.\n", encoding="utf-8")
    assert build(folder, "--out", out)[1][0].startswith("wrote ")


def test_loading_records_each_file_read_with_the_bytes_read(folder):
    reads = Reads(folder)
    load_document(folder, reads)
    assert sorted(reads.files) == ["document.yaml", "en/annex.md", "en/letter.md"]
    before = reads.digest()
    again = Reads(folder)
    load_document(folder, again)
    assert again.digest() == before
    (folder / "en" / "letter.md").write_bytes((folder / "en" / "letter.md").read_bytes() + b"\nMore.\n")
    changed = Reads(folder)
    load_document(folder, changed)
    assert changed.files["en/letter.md"] != reads.files["en/letter.md"]
    assert changed.digest() != before


def test_read_file_reads_no_more_than_the_limit(tmp_path):
    """/proc files say they are empty and are not: the bound holds on the bytes read too."""
    with pytest.raises(ContentError) as error:
        read_file(Path("/proc/self/status"), Path("/proc"), limit=16)
    assert [p.code for p in error.value.problems] == ["too-large"]
    (tmp_path / "small.md").write_bytes(b"x" * 16)
    assert read_file(tmp_path / "small.md", tmp_path, limit=16) == b"x" * 16


def test_a_link_out_of_a_content_folder_of_documents_is_refused(folder, tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "A_61_100").symlink_to(folder)  # the document itself lies outside content/
    problem = one_problem(*build(content, "--out", str(tmp_path / "dist"))[::2])
    assert (problem["code"], Path(problem["file"]).name) == ("outside-folder", "A_61_100")


def theme_copy(tmp_path: Path) -> tuple[Path, Path]:
    templates, styles = tmp_path / "templates", tmp_path / "styles"
    shutil.copytree(BUILTIN_TEMPLATES, templates)
    shutil.copytree(BUILTIN_STYLES, styles)
    return templates, styles


@pytest.mark.parametrize("file", ["templates/html/nodes.html.j2", "styles/document.css", "styles/tokens.yaml"])
def test_a_theme_file_linked_outside_the_theme_is_refused(folder, tmp_path, file):
    templates, styles = theme_copy(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("the runner's secret\n", encoding="utf-8")
    (tmp_path / file).unlink()
    (tmp_path / file).symlink_to(secret)
    out = tmp_path / "dist"
    status, _, err = build(folder, "--out", str(out), "--templates", str(templates), "--styles", str(styles))
    problem = one_problem(status, err)
    assert problem["code"] == "outside-folder"
    assert Path(problem["file"]).absolute() == (tmp_path / file).absolute()  # the link, named
    assert not out.exists()


def test_a_theme_folder_linked_outside_the_theme_is_refused(folder, tmp_path):
    templates, styles = theme_copy(tmp_path)
    shutil.move(templates / "html", tmp_path / "elsewhere")
    (templates / "html").symlink_to(tmp_path / "elsewhere")
    status, _, err = build(folder, "--out", str(tmp_path / "dist"), "--templates", str(templates))
    assert one_problem(status, err)["code"] == "outside-folder"


def test_a_theme_link_that_stays_inside_is_followed(folder, tmp_path):
    templates, styles = theme_copy(tmp_path)
    (styles / "document.css").rename(styles / "screen.css")
    (styles / "document.css").symlink_to("screen.css")
    status, _, err = build(folder, "--out", str(tmp_path / "dist"), "--styles", str(styles))
    assert status == 0, err


def test_a_pipe_in_a_theme_folder_does_not_hang_the_build(folder, tmp_path):
    templates, styles = theme_copy(tmp_path)
    (styles / "document.css").unlink()
    os.mkfifo(styles / "document.css")
    status, _, err = build(folder, "--out", str(tmp_path / "dist"), "--styles", str(styles))
    assert one_problem(status, err)["code"] == "not-a-file"


def build_in(workspace: Path, *options: str) -> tuple[int, list[str]]:
    """`unpress build content` run in `workspace`, where its unpress.toml is read: status, stderr lines."""
    result = subprocess.run([sys.executable, "-m", "unpress", "build", "content", "--format", "html", "--jobs", "1",
                             *options], capture_output=True, text=True, timeout=120, cwd=workspace,
                            env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])})
    return result.returncode, result.stderr.splitlines()


@pytest.fixture
def workspace(tmp_path) -> Path:
    """A project: content/ with the fixture, beside a folder outside it (`tmp_path / "elsewhere"`)."""
    shutil.copytree(FIXTURE, tmp_path / "project" / "content" / "A_61_100")
    shutil.copytree(BUILTIN_TEMPLATES, tmp_path / "elsewhere" / "templates")
    return tmp_path / "project"


@pytest.mark.parametrize("setting", ['templates = "../elsewhere/templates"',
                                     'styles = "../elsewhere/templates"', 'emblem = "/etc/passwd"'])
def test_unpress_toml_names_nothing_outside_its_folder(workspace, setting):
    """A pull request can change unpress.toml as it changes content: it must not make a build read
    the machine's files. A flag on the command line may still name any folder."""
    (workspace / "unpress.toml").write_text(setting + "\n", encoding="utf-8")
    problem = one_problem(*build_in(workspace))
    assert (problem["code"], problem["line"]) == ("outside-folder", "1")
    (workspace / "unpress.toml").unlink()
    assert build_in(workspace, "--templates", str(workspace.parent / "elsewhere" / "templates"))[0] == 0


def test_unpress_toml_linked_outside_or_a_pipe_is_refused(workspace):
    (workspace.parent / "settings.toml").write_text('paper = "a4"\n', encoding="utf-8")
    (workspace / "unpress.toml").symlink_to(workspace.parent / "settings.toml")
    assert one_problem(*build_in(workspace))["code"] == "outside-folder"
    (workspace / "unpress.toml").unlink()
    os.mkfifo(workspace / "unpress.toml")
    assert one_problem(*build_in(workspace))["code"] == "not-a-file"
