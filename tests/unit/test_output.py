"""A build that fails or is interrupted half-way leaves the previous artifacts as they were."""

from __future__ import annotations

import shutil
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
    assert status == (130 if interruption is KeyboardInterrupt else 2)
    assert len(calls) == 2
    assert snapshot(out) == before  # the first artifact, already rendered anew, was not put in place
