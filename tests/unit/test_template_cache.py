"""Compiled templates are kept between runs in the user's cache folder, keyed by their source."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from unpress.cli import main
from unpress.render.html import template_environment
from unpress.theme import BUILTIN_TEMPLATES

FIXTURE = Path(__file__).parents[1] / "fixtures" / "A_61_100"


@pytest.fixture(autouse=True)
def fresh_environments():
    template_environment.cache_clear()  # one environment per theme and process: make them again
    yield
    template_environment.cache_clear()


def build_html(out: Path, *options: str) -> str:
    assert main(["build", str(FIXTURE), "--format", "html", "--out", str(out), "--force", *options]) == 0
    return (out / "A_61_100" / "A_61_100-EN.html").read_text(encoding="utf-8")


def test_compiled_templates_are_kept_and_an_edited_template_is_compiled_again(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first = build_html(tmp_path / "one")
    kept = list((tmp_path / "cache" / "unpress").glob("jinja-*/*.cache"))
    assert kept  # the page's templates, compiled
    ours = tmp_path / "templates" / "html"
    ours.mkdir(parents=True)
    nodes = (BUILTIN_TEMPLATES / "html" / "nodes.html.j2").read_text(encoding="utf-8")
    paragraph = "<p>{{ inlines(node.children) }}</p>"
    assert paragraph in nodes
    (ours / "nodes.html.j2").write_text(nodes.replace(paragraph, '<p class="edited">{{ inlines(node.children) }}</p>'),
                                        encoding="utf-8")
    shutil.copy(BUILTIN_TEMPLATES / "html" / "document.html.j2", ours / "document.html.j2")
    template_environment.cache_clear()
    edited = build_html(tmp_path / "two", "--templates", str(tmp_path / "templates"))
    assert first == build_html(tmp_path / "three")  # the kept templates give the same page
    assert '<p class="edited">' in edited and '<p class="edited">' not in first


def test_a_cache_folder_that_cannot_be_written_is_no_cache(tmp_path, monkeypatch):
    (tmp_path / "not-a-folder").write_text("a file where the cache folder would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "not-a-folder"))
    assert "<main" in build_html(tmp_path / "out")
