"""`unpress new` writes a content folder that builds as it is, and never overwrites one."""

from __future__ import annotations

from pathlib import Path

from unpress.cli import main

CONTRACT = "docs/content-format.md"


def test_a_new_document_builds_and_checks_as_written(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "A/61/200", "--lang", "en,fr"]) == 0
    folder = tmp_path / "content" / "A_61_200"
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.*")) == [
        "document.yaml", "en/annex.md", "en/letter.md", "fr/annex.md", "fr/letter.md"]
    assert "session: 61" in (folder / "document.yaml").read_text()
    assert main(["build", "--format", "html"]) == 0
    assert main(["check", "dist"]) == 0
    assert (tmp_path / "dist" / "A_61_200" / "A_61_200-FR.html").is_file()


def test_new_writes_under_out_and_refuses_to_overwrite(tmp_path, capsys):
    assert main(["new", "S/2006/300", "--out", str(tmp_path)]) == 0
    assert "session:" not in (tmp_path / "S_2006_300" / "document.yaml").read_text()
    capsys.readouterr()
    assert main(["new", "S/2006/300", "--out", str(tmp_path)]) == 1
    assert "already exists" in capsys.readouterr().err


def test_new_refuses_an_invalid_symbol(tmp_path, capsys):
    assert main(["new", "A/61/100/corr.1", "--out", str(tmp_path)]) == 1
    assert "[bad-symbol]" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_new_points_to_the_content_format_in_the_project(tmp_path, capsys):
    assert main(["new", "A/61/200", "--out", str(tmp_path)]) == 0
    assert CONTRACT in capsys.readouterr().out
    assert CONTRACT in (tmp_path / "A_61_200" / "document.yaml").read_text(encoding="utf-8")
    contract = Path(__file__).parents[2] / CONTRACT
    assert contract.read_text(encoding="utf-8").startswith("# The unpress content format")
    assert f"]({CONTRACT})" in (contract.parents[1] / "README.md").read_text(encoding="utf-8")
