"""The translation workflow: XLIFF 1.2 out of a version and back into another, the structure kept,
damaged files refused with one line each, and `unpress status`."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import etree

from tests.seed import SEED_CONTENT
from unpress import model as m
from unpress.cli import main
from unpress.read.content import load_document

TESTS = Path(__file__).parents[1]
FIXTURE = Path(__file__).parent / "A_61_300"  # English: notes, labels, emphasis, a link, a table, a list, a quote
X = "urn:oasis:names:tc:xliff:document:1.2"
NS = {"x": X}


def export(folder: Path, to: str, out: Path, source: str | None = None) -> Path:
    argv = ["translate", "export", str(folder), "--to", to, "--out", str(out)] + (["--from", source] if source else [])
    assert main(argv) == 0
    return out


def translate_as_is(xlf: Path, done: Path, state: str = "translated") -> Path:
    """A translator who copies every source into its target (codes and all)."""
    tree = etree.parse(str(xlf))
    for unit in tree.iterfind(".//x:trans-unit", NS):
        if unit.get("translate") == "no" or unit.find("x:target", NS) is not None:
            continue
        target = copy.deepcopy(unit.find("x:source", NS))
        target.tag = f"{{{X}}}target"
        target.set("state", state)
        unit.find("x:source", NS).addnext(target)
    tree.write(str(done), xml_declaration=True, encoding="UTF-8")
    return done


def shape(version: m.Version) -> list:
    """What a translation must keep of each part: its blocks' kinds, label styles and note references."""
    def of(blocks):
        return [(block.kind, getattr(block, "style", None),
                 sum(isinstance(n, m.NoteRef) for n in m.walk([block]))) for block in blocks]
    return [(part.anchor, of(part.blocks), len(part.title), len(part.signatures), part.original_note is not None)
            for part in version.parts]


def version(folder: Path, lang: str) -> m.Version:
    return next(v for v in load_document(folder)[0].versions if v.lang == lang)


@pytest.fixture()
def seed(tmp_path) -> Path:
    shutil.copytree(SEED_CONTENT, tmp_path / "A_61_XXX")
    return tmp_path / "A_61_XXX"


@pytest.fixture()
def fixture(tmp_path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "A_61_300")
    return tmp_path / "A_61_300"


def test_the_export_is_segments_of_the_whole_version(seed, tmp_path):
    xlf = export(seed, "en", tmp_path / "fr-en.xlf", source="fr")
    root = etree.parse(str(xlf)).getroot()
    assert root.get("version") == "1.2"
    files = [node.get("original") for node in root.iterfind("x:file", NS)]
    assert files == ["document.yaml", "letter.md", "annex.md"]
    assert {node.get("source-language") for node in root.iterfind("x:file", NS)} == {"fr"}
    # One unit per sentence: the annex's first paragraph has three.
    first = root.find(".//x:file[@original='annex.md']//x:group[@resname='body.b1']", NS)
    assert len(first.findall("x:trans-unit", NS)) == 3
    # Labels are the group's, typed as the writer types them, never text to translate.
    lettered = root.findall(".//x:group[@restype='x-lettered']", NS)
    assert [g.get("{urn:unpress:xliff}label") for g in lettered][:3] == ["a", "b", "c"]
    assert not any(unit.findtext("x:source", namespaces=NS).startswith("a)")
                   for unit in root.iterfind(".//x:trans-unit", NS))
    # The English version exists: every segment comes filled in from it and marked so.
    units = root.findall(".//x:trans-unit", NS)
    assert all(unit.find("x:target", NS).get("state") == "translated" for unit in units)
    annex = root.find(".//x:file[@original='annex.md']//x:group[@resname='body.b1']/x:trans-unit/x:target", NS)
    assert annex.text.startswith("These conclusions summarize")
    # Boilerplate stays out: no session line, no "(Signé)".
    text = xlf.read_text(encoding="utf-8")
    assert "Soixante et unième session" not in text and "(Signé)" not in text


def test_notes_emphasis_and_links_are_inline_codes(fixture, tmp_path):
    xlf = export(fixture, "fr", tmp_path / "en-fr.xlf")
    root = etree.parse(str(xlf)).getroot()
    refs = root.findall(".//x:source/x:x[@ctype='x-noteref']", NS)
    notes = root.findall(".//x:group[@restype='x-footnote']", NS)
    assert len(refs) == len(notes) == len(version(fixture, "en").notes) == 2  # no agenda note here
    for ctype in ("italic", "bold", "link"):
        assert root.findall(f".//x:source//x:g[@ctype='{ctype}']", NS), ctype
    assert root.findall(".//x:source/x:x[@ctype='lb']", NS) and root.findall(".//x:source/x:ph[@ctype='x-code']", NS)
    assert root.find(".//x:g[@ctype='link']", NS).get("{urn:unpress:xliff}href") == "https://example.org/conference"
    assert root.findall(".//x:group[@restype='x-table']", NS)
    assert root.find(".//x:target", NS) is None  # no French version to fill anything in from


@pytest.mark.parametrize("source, target", [("en", "ar"), ("en", "zh")])
def test_round_trip_keeps_the_structure(fixture, tmp_path, source, target):
    done = translate_as_is(export(fixture, target, tmp_path / "out.xlf"), tmp_path / "done.xlf")
    assert main(["translate", "import", str(done), "--into", str(fixture)]) == 0
    assert shape(version(fixture, target)) == shape(version(fixture, source))
    # And back, from the right-to-left (or Chinese) version into another language.
    back = translate_as_is(export(fixture, "es", tmp_path / "back.xlf", source=target), tmp_path / "back-done.xlf")
    assert main(["translate", "import", str(back), "--into", str(fixture)]) == 0
    assert shape(version(fixture, "es")) == shape(version(fixture, source))
    assert main(["build", str(fixture), "--format", "html", "--out", str(tmp_path / "dist")]) == 0
    assert main(["check", str(tmp_path / "dist")]) == 0


def test_the_seed_round_trip(seed, tmp_path):
    done = translate_as_is(export(seed, "es", tmp_path / "fr-es.xlf", source="fr"), tmp_path / "done.xlf")
    assert main(["translate", "import", str(done), "--into", str(seed)]) == 0
    assert shape(version(seed, "es")) == shape(version(seed, "fr"))
    labels = [b.label for p in version(seed, "es").parts for b in p.blocks if isinstance(b, m.LabelledParagraph)]
    assert labels[:2] == ["a)", "b)"]  # in the Spanish style
    record = json.loads((seed / "es" / "translation.json").read_text())
    assert record["from"] == "fr" and set(record["parts"]) == {"letter.md", "annex.md"}


def test_an_unchanged_translation_leaves_the_part_as_typed(seed, tmp_path):
    """Exported with its English letter filled in, imported at once: the letter is not rewritten."""
    letter = (seed / "en" / "letter.md").read_bytes()
    xlf = export(seed, "en", tmp_path / "fr-en.xlf", source="fr")
    done = translate_as_is(xlf, tmp_path / "done.xlf")
    assert main(["translate", "import", str(done), "--into", str(seed)]) == 0
    assert (seed / "en" / "letter.md").read_bytes() == letter
    assert [p.anchor for p in version(seed, "en").parts] == ["letter", "annex"]


def damaged(xlf: Path, out: Path, change) -> Path:
    tree = etree.parse(str(xlf))
    change(tree.getroot())
    tree.write(str(out), xml_declaration=True, encoding="UTF-8")
    return out


def drop_note_reference(root):
    ref = root.find(".//x:target/x:x[@ctype='x-noteref']", NS)
    ref.getparent().remove(ref)


def drop_unit(root):
    unit = root.find(".//x:file[@original='annex.md']//x:trans-unit", NS)
    unit.getparent().remove(unit)


def drop_lettered_paragraph(root):
    group = root.find(".//x:group[@restype='x-lettered']", NS)
    group.getparent().remove(group)


def relabel(root):
    root.find(".//x:group[@restype='x-lettered']", NS).set("{urn:unpress:xliff}label", "c")


def foreign_code(root):
    target = root.find(".//x:target", NS)
    etree.SubElement(target, f"{{{X}}}g", id="99", ctype="bold").text = "added"


def other_document(root):
    for node in root.iterfind("x:file", NS):
        node.set("{urn:unpress:xliff}symbol", "A/61/200")


def other_pair(root):
    root.find("x:file", NS).set("target-language", "ru")


@pytest.mark.parametrize("change, says", [
    (drop_note_reference, "loses the source's note reference"),
    (drop_unit, "lost: unit"),
    (drop_lettered_paragraph, "lost: block body.b3 x-lettered:a"),
    (relabel, "x-lettered:a"),
    (foreign_code, "inline code 99 is not in the source"),
    (other_document, "a translation of A/61/200"),
    (other_pair, "not all of one document and one language pair"),
])
def test_a_damaged_file_is_refused_with_one_line(fixture, tmp_path, capsys, change, says):
    done = translate_as_is(export(fixture, "fr", tmp_path / "en-fr.xlf"), tmp_path / "done.xlf")
    bad = damaged(done, tmp_path / "bad.xlf", change)
    capsys.readouterr()
    assert main(["translate", "import", str(bad), "--into", str(fixture)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert any(says in line and line.startswith(str(bad)) for line in lines), lines
    assert not (fixture / "fr").exists()  # nothing written


def test_an_entity_bomb_is_refused_unread(fixture, tmp_path, capsys):
    bomb = tmp_path / "bomb.xlf"
    bomb.write_text('<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa">'
                    '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n'
                    f'<xliff version="1.2" xmlns="{X}"><file original="letter.md" source-language="en" '
                    'target-language="fr" datatype="x-unpress-markdown"><body><trans-unit id="a"><source>&c;</source>'
                    '</trans-unit></body></file></xliff>', encoding="utf-8")
    capsys.readouterr()
    assert main(["translate", "import", str(bomb), "--into", str(fixture)]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert "DTD or entities" in line
    assert not (fixture / "fr").exists()


def test_untranslated_segments_are_named_and_counted(fixture, tmp_path, capsys):
    xlf = export(fixture, "fr", tmp_path / "en-fr.xlf")
    done = translate_as_is(xlf, tmp_path / "done.xlf")
    partial = damaged(done, tmp_path / "partial.xlf", lambda root: [t.getparent().remove(t) for t in
                                                                  root.findall(".//x:target", NS)[:2]])
    capsys.readouterr()
    assert main(["translate", "import", str(partial), "--into", str(fixture)]) == 0
    lines = [line for line in capsys.readouterr().err.splitlines() if "untranslated" in line]
    assert len(lines) == 2
    record = json.loads((fixture / "fr" / "translation.json").read_text())
    assert sum(part["untranslated"] for part in record["parts"].values()) == 1  # the title is document.yaml's


def test_translate_toolkit_reads_and_writes_the_file_back(fixture, tmp_path):
    """A real reader: translate-toolkit's converters to PO and back keep every unit."""
    done = translate_as_is(export(fixture, "fr", tmp_path / "en-fr.xlf"), tmp_path / "done.xlf")
    units = len(etree.parse(str(done)).getroot().findall(".//x:trans-unit", NS))
    subprocess.run(["xliff2po", str(done), str(tmp_path / "done.po")], check=True, capture_output=True)
    po = (tmp_path / "done.po").read_text(encoding="utf-8")
    assert po.count("\nmsgid ") == units  # the header's msgid "" is the first, at the very start
    subprocess.run(["po2xliff", str(tmp_path / "done.po"), str(tmp_path / "again.xlf")], check=True,
                   capture_output=True)
    again = etree.parse(str(tmp_path / "again.xlf")).getroot()
    assert len(again.findall(".//{*}trans-unit")) == units


def test_status_names_missing_and_stale_parts(fixture, tmp_path, capsys):
    done = translate_as_is(export(fixture, "fr", tmp_path / "en-fr.xlf"), tmp_path / "done.xlf")
    assert main(["translate", "import", str(done), "--into", str(fixture)]) == 0
    (fixture / "fr" / "annex.md").unlink()
    letter = fixture / "en" / "letter.md"
    letter.write_text(letter.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["status", str(fixture)]) == 0
    rows = {line.split("│")[1].strip(): line for line in capsys.readouterr().out.splitlines() if line.count("│") > 2}
    assert "missing" in rows["annex.md"]
    assert "stale" in rows["letter.md"]


def test_a_build_warns_of_a_part_a_version_lacks(tmp_path, capsys):
    capsys.readouterr()
    assert main(["build", str(SEED_CONTENT), "--format", "html", "--out", str(tmp_path)]) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if "[missing-part]" in line]
    assert warnings == [] or all("has no annex.md, which the fr version has" in line for line in warnings)


def test_a_rewritten_part_keeps_its_front_matter_as_typed(seed, tmp_path):
    """A translation that changes a sentence rewrites the part, its front matter in the style the
    part had (the folded heading folded again, the keys in their order), as `unpress import` does."""
    letter = (seed / "en" / "letter.md").read_text(encoding="utf-8")
    front = letter[:letter.index("\n---\n") + 5]
    assert "heading: >-\n" in front
    tree = etree.parse(str(translate_as_is(export(seed, "en", tmp_path / "fr-en.xlf", source="fr"),
                                           tmp_path / "done.xlf")))
    target = tree.find(".//x:file[@original='letter.md']//x:trans-unit[@id='body.b1.s1']/x:target", NS)
    target.text = "I have the honour to transmit " + (target.text or "")
    tree.write(str(tmp_path / "done.xlf"), xml_declaration=True, encoding="UTF-8")
    assert main(["translate", "import", str(tmp_path / "done.xlf"), "--into", str(seed)]) == 0
    rewritten = (seed / "en" / "letter.md").read_text(encoding="utf-8")
    assert "I have the honour to transmit " in rewritten
    assert rewritten.startswith(front)


def test_a_reports_summary_is_translated_with_its_body(tmp_path, capsys):
    """summary.md is a part a translator must see: without it a new version would have no Summary box."""
    report = shutil.copytree(TESTS / "kinds" / "A_61_150", tmp_path / "A_61_150")
    xlf = export(report, "fr", tmp_path / "en-fr.xlf", source="en")
    files = [f.get("original") for f in etree.parse(str(xlf)).iterfind("x:file", NS)]
    assert files == ["document.yaml", "summary.md", "body.md"]  # in print order: the summary's notes come first
    done = translate_as_is(xlf, tmp_path / "done.xlf")
    assert main(["translate", "import", str(done), "--into", str(report)]) == 0
    french, english = version(report, "fr"), version(report, "en")
    assert french.summary is not None
    assert [b.kind for b in french.summary.blocks] == [b.kind for b in english.summary.blocks]
    def words(part):
        return [n.text for n in m.walk(part.blocks) if isinstance(n, m.Text)]
    assert words(french.summary) == words(english.summary)  # translated "as is": the same words
    assert main(["build", str(report), "--format", "html", "--out", str(tmp_path / "dist")]) == 0
    assert main(["check", str(tmp_path / "dist")]) == 0
    (report / "fr" / "summary.md").unlink()
    capsys.readouterr()
    assert main(["status", str(report)]) == 0
    rows = {line.split("│")[1].strip(): line for line in capsys.readouterr().out.splitlines() if line.count("│") > 2}
    assert "missing" in rows["summary.md"]
    assert list(rows) == ["summary.md", "body.md"]  # in print order, as the export writes them
