"""A build that fails or is interrupted half-way leaves the previous artifacts as they were."""

from __future__ import annotations

import os
import shutil
import stat
import sys
from pathlib import Path

import pytest

from unpress import pipeline
from unpress.cli import main

FIXTURES = Path(__file__).parents[1] / "fixtures"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("interruption", [KeyboardInterrupt, RuntimeError])
def test_an_interrupted_build_leaves_the_previous_artifacts_and_no_temporary_file(
        tmp_path, monkeypatch, interruption):
    shutil.copytree(FIXTURES / "A_61_100", tmp_path / "content" / "A_61_100")
    shutil.copytree(Path(__file__).parents[2] / "content" / "A_61_XXX", tmp_path / "content" / "A_61_XXX")
    out = tmp_path / "dist"
    assert main(["build", str(tmp_path / "content"), "--format", "html", "--lang", "en", "--out", str(out)]) == 0
    before = snapshot(out)
    assert len(before) == 3  # two pages and the manifest

    real_renderer = pipeline.renderer
    calls = []

    def renderer_failing_on_the_second_artifact(name):
        render = real_renderer(name)

        def failing(version, context):
            calls.append(version.file_stem)
            if len(calls) == 2:
                raise interruption("half-way")
            return render(version, context).replace(b"</body>", b"<p>changed</p></body>")
        return failing

    monkeypatch.setattr(pipeline, "renderer", renderer_failing_on_the_second_artifact)
    status = main(["build", str(tmp_path / "content"), "--format", "html", "--lang", "en", "--out", str(out),
                   "--force", "--jobs", "1"])
    assert status == (130 if interruption is KeyboardInterrupt else 3)  # 3: an internal error
    assert len(calls) == 2
    assert snapshot(out) == before  # the first artifact, already rendered anew, was not put in place


def two_documents_built(tmp_path) -> tuple[Path, Path]:
    """The fixture and the seed in content/, their English versions built to HTML in dist/."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "A_61_100", content / "A_61_100")
    shutil.copytree(Path(__file__).parents[2] / "content" / "A_61_XXX", content / "A_61_XXX")
    out = tmp_path / "dist"
    assert main(["build", str(content), "--format", "html", "--lang", "en", "--out", str(out)]) == 0
    return content, out


def change_the_fixture(content: Path) -> None:
    letter = content / "A_61_100" / "en" / "letter.md"
    letter.write_text(letter.read_text(encoding="utf-8").replace("honour", "great honour"), encoding="utf-8")


def test_a_build_that_fails_while_writing_leaves_the_previous_artifacts_and_no_temporary_file(tmp_path):
    """The first artifact is written, the second cannot be (a file stands where its folder goes):
    the first must not be in place either, and nothing of the attempt is left behind."""
    content, out = two_documents_built(tmp_path)
    change_the_fixture(content)
    shutil.rmtree(out / "A_61_XXX")
    (out / "A_61_XXX").write_text("not a folder", encoding="utf-8")
    before = snapshot(out)
    status = main(["build", str(content), "--format", "html", "--lang", "en", "--out", str(out), "--jobs", "1"])
    assert status != 0
    assert snapshot(out) == before  # no new fixture page, no new manifest, no temporary file
    assert "great honour" not in (out / "A_61_100" / "A_61_100-EN.html").read_text(encoding="utf-8")


# Every file the test process opens for writing, and every rename, while _WRITES is a list.
_WRITES: list | None = None


def _record_writes(event: str, args: tuple) -> None:
    if _WRITES is None:
        return
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)) and isinstance(args[2], int) \
            and args[2] & (os.O_WRONLY | os.O_RDWR):  # (a file descriptor opened again has no path)
        _WRITES.append(("open", Path(os.fsdecode(args[0])).absolute()))
    elif event == "os.rename":
        _WRITES.append(("rename", Path(os.fsdecode(args[0])).absolute(), Path(os.fsdecode(args[1])).absolute()))


sys.addaudithook(_record_writes)  # audit hooks cannot be removed; this one is idle outside the test


def test_each_artifact_is_written_beside_its_place_and_renamed_into_it(tmp_path):
    """No artifact is ever opened under its own name (a reader would see it half-written): it is
    written to a temporary file in its own folder, so that the rename into place is atomic."""
    global _WRITES
    content, out = two_documents_built(tmp_path)
    change_the_fixture(content)
    _WRITES = []
    try:
        assert main(["build", str(content), "--format", "html", "--lang", "en", "--out", str(out),
                     "--force", "--jobs", "1"]) == 0
        events, _WRITES = _WRITES, None
    finally:
        _WRITES = None
    artifacts = {out / "A_61_100" / "A_61_100-EN.html", out / "A_61_XXX" / "A_61_XXX-EN.html",
                 out / "manifest.json"}
    opened = {event[1] for event in events if event[0] == "open"}
    renamed = {event[2]: event[1] for event in events if event[0] == "rename"}
    assert opened & artifacts == set()
    assert set(renamed) == artifacts
    for target, temporary in renamed.items():
        assert temporary.parent == target.parent and temporary in opened
    assert {p for p in out.rglob("*") if p.is_file()} == artifacts  # no temporary file left
    assert "great honour" in (out / "A_61_100" / "A_61_100-EN.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_artifacts_get_the_permissions_the_umask_allows_like_any_new_file(tmp_path, umask, mode):
    """Temporary files are private to their owner; the artifacts put in place are not."""
    previous = os.umask(umask)
    try:
        content, out = two_documents_built(tmp_path)
    finally:
        os.umask(previous)
    modes = {p.relative_to(out).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in out.rglob("*") if p.is_file()}
    assert modes == {"A_61_100/A_61_100-EN.html": mode, "A_61_XXX/A_61_XXX-EN.html": mode, "manifest.json": mode}
