"""Drafts for the import tests: the test documents built to DOCX, and edits made to them with
python-docx as an editor would make them in Word."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from tests.seed import SEED_CONTENT
from unpress.cli import main
from unpress.importer import plan_import

REPO = SEED_CONTENT.parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "A_61_100"
SHAPES = sorted(path for path in (REPO / "tests" / "shapes").iterdir() if (path / "document.yaml").is_file())
LANGUAGES = REPO / "tests" / "languages" / "A_61_100"
FIGURES = sorted(path for path in (REPO / "tests" / "figures").iterdir() if (path / "document.yaml").is_file())
ORGANS = sorted(path for path in (REPO / "tests" / "organs").iterdir() if (path / "document.yaml").is_file())
DRAFTS = sorted(path for path in (REPO / "tests" / "drafts").iterdir() if (path / "document.yaml").is_file())
KINDS = sorted(path for path in (REPO / "tests" / "kinds").iterdir() if (path / "document.yaml").is_file())
# Every test document: the seed in six languages, the fixture, the shapes, the Arabic and Chinese
# one, the documents of each organ and body, the drafts, the reports and notes, the one with figures.
DOCUMENTS = [SEED_CONTENT, FIXTURE, *SHAPES, LANGUAGES, *ORGANS, *DRAFTS, *KINDS, *FIGURES]
EPOCH = "1700000000"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def build(content: Path, out: Path, formats: str = "docx") -> dict[str, Path]:
    """The artifacts of a build, by file name."""
    assert main(["build", str(content), "--format", formats, "--out", str(out), "--jobs", "1", "--force"]) == 0
    return {path.name: path for path in sorted(out.glob("[!.]*/*")) if path.suffix != ".json"}


def copy_content(content: Path, folder: Path) -> Path:
    target = folder / content.name
    shutil.copytree(content, target)
    return target


def diff_of(draft: Path, content: Path) -> str:
    return plan_import(draft, content).diff()


def changed_lines(diff: str) -> tuple[list[str], list[str]]:
    """The lines a diff removes and adds (not its file headers)."""
    removed = [line[1:] for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    return removed, added


# --- edits, as Word makes them ---------------------------------------------------------------


class Editor:
    """A draft opened with python-docx, edited, saved in place."""

    def __init__(self, path: Path):
        self.path = path
        self.document = docx.Document(str(path))
        self.body = self.document.element.body
        # python-docx has no footnotes part class: the part's XML is read and written back here.
        self.notes_part = self.document.part.part_related_by(RT.FOOTNOTES)
        self.notes_root = etree.fromstring(self.notes_part.blob)

    def save(self) -> Path:
        self.notes_part._blob = etree.tostring(self.notes_root, xml_declaration=True, encoding="UTF-8",
                                               standalone=True)
        self.document.save(str(self.path))
        return self.path

    def paragraphs(self, style: str) -> list:
        return [p for p in self.document.paragraphs if p.style.name == style]

    def paragraph_with(self, text: str):
        return next(p for p in self.document.paragraphs if text in p.text)

    def replace(self, old: str, new: str) -> None:
        """A word changed, in the run that holds it."""
        for p in self.document.paragraphs + [p for t in self.document.tables for r in t.rows
                                             for c in r.cells for p in c.paragraphs]:
            for run in p.runs:
                if old in run.text:
                    run.text = run.text.replace(old, new, 1)
                    return
        raise AssertionError(f"{old!r} is not in the draft")

    def insert_after(self, paragraph, text: str):
        """A new paragraph of the same style after `paragraph` (Word's Enter at its end, then
        typing): with a typed label, the editor types the next one."""
        element = copy.deepcopy(paragraph._p)
        for child in list(element):
            if child.tag != qn("w:pPr"):
                element.remove(child)
        paragraph._p.addnext(element)
        new = docx.text.paragraph.Paragraph(element, paragraph._parent)
        label = paragraph.text.split("\t")[0] if "\t" in paragraph.text else None
        if label is not None:
            letter = label.strip("()")
            typed = label.replace(letter, chr(ord(letter) + 1))
            new.add_run(f"{typed}\t")
        new.add_run(text)
        return new

    def delete(self, paragraph) -> None:
        paragraph._p.getparent().remove(paragraph._p)

    def notes(self) -> list:
        return [n for n in self.notes_root.iter(qn("w:footnote")) if n.get(qn("w:type")) is None]

    def edit_note(self, old: str, new: str) -> None:
        for t in self.notes_root.iter(qn("w:t")):
            if t.text and old in t.text:
                t.text = t.text.replace(old, new, 1)
                return
        raise AssertionError(f"{old!r} is in no note")

    def add_note(self, paragraph, text: str) -> None:
        """A footnote inserted at the end of the paragraph, as Word's Insert Footnote does."""
        ids = [int(n.get(qn("w:id"))) for n in self.notes_root.iter(qn("w:footnote"))]
        note_id = str(max(ids) + 1)
        style = next(n for n in self.notes()).find(f"{W}p/{W}pPr/{W}pStyle").get(qn("w:val"))
        ref_style = self.body.find(f".//{W}footnoteReference/../{W}rPr/{W}rStyle").get(qn("w:val"))
        note = etree.SubElement(self.notes_root, qn("w:footnote"), {qn("w:id"): note_id})
        note.append(etree.fromstring(
            f'<w:p xmlns:w="{W[1:-1]}"><w:pPr><w:pStyle w:val="{style}"/></w:pPr>'
            f'<w:r><w:rPr><w:rStyle w:val="{ref_style}"/></w:rPr><w:footnoteRef/></w:r>'
            f'<w:r><w:tab/></w:r><w:r><w:t>{text}</w:t></w:r></w:p>'))
        paragraph._p.append(etree.fromstring(
            f'<w:r xmlns:w="{W[1:-1]}"><w:rPr><w:rStyle w:val="{ref_style}"/></w:rPr>'
            f'<w:footnoteReference w:id="{note_id}"/></w:r>'))

    def cell(self, table: int, row: int, column: int, text: str) -> None:
        cell = self.document.tables[table].cell(row, column)
        cell.paragraphs[0].runs[0].text = text
