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


# --- by organ and language (issue 15) ----------------------------------------------------------

import datetime  # noqa: E402
import re  # noqa: E402

import pytest  # noqa: E402
import yaml  # noqa: E402

from unpress.locale import OFFICIAL_LANGUAGES  # noqa: E402
from unpress.placeholders import FOLDER, find_placeholders, placeholders, scaffold_text  # noqa: E402
from unpress.scaffold import new_document  # noqa: E402

TODAY = datetime.date(2026, 12, 2)
PLACEHOLDER = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): placeholder: warning: \"(?P<text>[^\"]+)\" is a "
                         r"placeholder that `unpress new` wrote; replace it .*\[placeholder\]$")


def _keys(value, prefix=""):
    if isinstance(value, dict):
        return {k for key, item in value.items() for k in _keys(item, f"{prefix}{key}.")} | {prefix}
    return {prefix + ("list" if isinstance(value, list) else "text")}


def test_every_language_has_the_same_placeholders_and_words():
    english = _keys(scaffold_text("en"))
    for lang in OFFICIAL_LANGUAGES:
        assert (FOLDER / f"{lang}.yaml").is_file()
        assert _keys(scaffold_text(lang)) == english, lang
        for text in placeholders(lang):
            assert text.strip() and '"' not in text and "\\" not in text, (lang, text)


def test_a_council_letter_is_addressed_to_the_council_s_president_and_has_no_session(tmp_path):
    folder = new_document("S/2007/50", ["en", "fr"], tmp_path, TODAY)
    facts = yaml.safe_load((folder / "document.yaml").read_text(encoding="utf-8"))
    assert "session" not in facts
    assert facts["date"] == datetime.date(2007, 12, 2)  # the symbol's year
    assert facts["versions"] == {"en": {}, "fr": {}}  # no title: the heading is the title
    letter = (folder / "en" / "letter.md").read_text(encoding="utf-8")
    assert "addressed to the President of the Security Council" in letter
    assert "Secretary-General" not in letter and "General Assembly" not in letter
    assert "document of the Security Council" in letter
    assert "adressée au Président du Conseil de sécurité" in (folder / "fr" / "letter.md").read_text(encoding="utf-8")
    assert "Secrétaire général" not in (folder / "fr" / "letter.md").read_text(encoding="utf-8")


def test_an_assembly_letter_is_addressed_to_the_secretary_general(tmp_path):
    folder = new_document("A/61/200", ["en"], tmp_path, TODAY)
    letter = (folder / "en" / "letter.md").read_text(encoding="utf-8")
    assert "addressed to the Secretary-General" in letter and "Security Council" not in letter
    assert "date: 2026-12-02" in (folder / "document.yaml").read_text(encoding="utf-8")  # A/61 names no year


@pytest.mark.parametrize("symbol, session", [
    ("A/61/200", "session: 61"), ("A/C.3/61/L.5", "session: 61"), ("A/HRC/2/9", "session: 2"),
    ("E/2006/70", "session: {year: 2006, kind: substantive}"), ("E/CN.6/2006/L.9", "# session: 50"),
])
def test_the_session_is_the_symbol_s(tmp_path, symbol, session):
    folder = new_document(symbol, ["en"], tmp_path, TODAY)
    assert re.search(f"^{re.escape(session)}", (folder / "document.yaml").read_text(encoding="utf-8"), re.M)


@pytest.mark.parametrize("lang", OFFICIAL_LANGUAGES)
def test_each_version_s_placeholders_are_in_its_own_language(tmp_path, lang):
    folder = new_document("A/61/200", ["en", lang] if lang != "en" else ["en"], tmp_path, TODAY)
    facts = yaml.safe_load((folder / "document.yaml").read_text(encoding="utf-8"))
    assert facts["versions"][lang]["title"] == scaffold_text(lang)["placeholders"]["title"]
    letter = (folder / lang / "letter.md").read_text(encoding="utf-8")
    assert scaffold_text(lang)["placeholders"]["letter_heading"]["secretary-general"] in letter
    others = [p for other in OFFICIAL_LANGUAGES if other != lang for p in placeholders(other)
              if p not in placeholders(lang)]
    for name in ("letter.md", "annex.md"):
        text = (folder / lang / name).read_text(encoding="utf-8")
        assert find_placeholders(text, (lang,)), name
        assert not [p for p in others if p in text], (lang, name)


def test_a_build_of_untouched_placeholders_warns_once_a_file_and_builds(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "S/2007/50", "--lang", "en,ru"]) == 0
    capsys.readouterr()
    assert main(["build", "--format", "html"]) == 0
    found = [m for line in capsys.readouterr().err.splitlines() if (m := PLACEHOLDER.match(line))]
    assert sorted(Path(m["file"]).as_posix() for m in found) == [
        "content/S_2007_50/en/annex.md", "content/S_2007_50/en/letter.md",
        "content/S_2007_50/ru/annex.md", "content/S_2007_50/ru/letter.md"]
    first = {Path(m["file"]).as_posix(): (int(m["line"]), m["text"]) for m in found}
    assert first["content/S_2007_50/en/letter.md"] == (2, scaffold_text("en")["placeholders"]["letter_heading"]
                                                       ["security-council"])
    assert main(["check", "dist"]) == 0


def test_replaced_placeholders_warn_no_more(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "A/61/200", "--lang", "en"]) == 0
    folder = tmp_path / "content" / "A_61_200"
    capsys.readouterr()
    assert main(["build", "--format", "html"]) == 0
    warned = {Path(m["file"]).name for line in capsys.readouterr().err.splitlines() if (m := PLACEHOLDER.match(line))}
    assert warned == {"document.yaml", "letter.md", "annex.md"}
    english = scaffold_text("en")["placeholders"]
    for path in (folder / "document.yaml", folder / "en" / "letter.md", folder / "en" / "annex.md"):
        text = path.read_text(encoding="utf-8")
        for number, placeholder in enumerate(placeholders("en")):
            text = text.replace(placeholder, f"Text {number} of the writer")
        path.write_text(text, encoding="utf-8")
    assert english["title"] not in (folder / "document.yaml").read_text(encoding="utf-8")
    assert main(["build", "--format", "html"]) == 0
    assert not [line for line in capsys.readouterr().err.splitlines() if "[placeholder]" in line]


# --- by kind (--kind) ---------------------------------------------------------------------------

from unpress import model as m  # noqa: E402
from unpress.read.content import load_document  # noqa: E402


@pytest.mark.parametrize("kind", ["note", "report"])
def test_a_note_or_report_is_a_body(tmp_path, kind):
    folder = new_document("A/61/200", ["en", "fr"], tmp_path, TODAY, kind)
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.md")) == ["en/body.md", "fr/body.md"]
    document, _ = load_document(folder)
    assert document.kind == kind
    assert "Premier paragraphe du texte." in (folder / "fr" / "body.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("symbol, organ", [("A/C.3/61/L.5", "The General Assembly"), ("S/2007/60", "The Security Council"),
                                           ("A/HRC/2/L.3", "The Human Rights Council"),
                                           ("E/2006/L.30", "The Economic and Social Council")])
def test_a_draft_resolution_has_the_draft_skeleton_of_its_organ(tmp_path, symbol, organ):
    folder = new_document(symbol, ["en", "ar"], tmp_path, TODAY, "draft-resolution")
    facts = yaml.safe_load((folder / "document.yaml").read_text(encoding="utf-8"))
    assert (facts["kind"], facts["distribution"]) == ("draft-resolution", "limited")
    assert facts["versions"]["ar"]["sponsors"] == scaffold_text("ar")["placeholders"]["sponsors"]
    document, _ = load_document(folder)
    en, ar = document.versions
    assert (en.kind, en.sponsors_line) == ("draft-resolution", "Names of the sponsors: draft resolution")
    assert ar.sponsors_line == "أسماء مقدمي المشروع: مشروع قرار"
    assert en.parts[0].heading == (m.Text("Title of the draft"),)
    first, preambular, *operative = en.parts[0].blocks
    assert first == m.Paragraph((m.Emphasis((m.Text(organ),)), m.Text(",")))
    assert isinstance(preambular, m.Paragraph) and preambular.children[0] == m.Emphasis((m.Text("Recalling"),))
    assert [(b.style, b.label) for b in operative] == [("numbered", "1."), ("numbered", "2.")]


def test_a_draft_decision_is_one_paragraph(tmp_path):
    folder = new_document("A/C.2/61/L.9", ["en", "fr"], tmp_path, TODAY, "draft-decision")
    document, _ = load_document(folder)
    assert [v.sponsors_line for v in document.versions] == ["Names of the sponsors: draft decision",
                                                            "Noms des auteurs\u00a0: projet de décision"]
    assert [len(v.parts[0].blocks) for v in document.versions] == [1, 1]


def test_new_kind_on_the_command_line_builds_and_checks(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "A/C.3/61/L.5", "--kind", "draft-resolution", "--lang", "en,ru"]) == 0
    assert main(["build", "--format", "html,docx,akn"]) == 0
    err = capsys.readouterr().err
    assert "content/A_C.3_61_L.5/ru/body.md:2: placeholder: warning: \"Название проекта\"" in err
    assert main(["check", "dist"]) == 0
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_info:
        main(["new", "A/61/201", "--kind", "memo"])
    assert exit_info.value.code == 2  # a usage error
    assert "invalid choice: 'memo'" in capsys.readouterr().err
