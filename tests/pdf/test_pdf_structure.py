"""The PDF read back with pikepdf: tagging, metadata, bookmarks, links, variants, reproducibility."""

from __future__ import annotations

import datetime
import os
import shutil

import pikepdf
import pytest

from tests.pdf.conftest import FIXTURE, build_pdf
from tests.pdf.reading import (destinations, internal_links, outline_titles, stray_content,
                               structure_content)
from tests.seed import normalise

SEED_TITLE = "A/61/XXX: Mondialisation et interdépendance : migrations internationales et développement"


def pdf_date(document_date: datetime.date) -> str:
    """The date a build writes into the file: SOURCE_DATE_EPOCH, else the document's date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc) if epoch
              else datetime.datetime.combine(document_date, datetime.time()))
    return moment.strftime("D:%Y%m%d%H%M%SZ")


def test_the_seed_pdf_names_its_language_title_symbol_and_dates(seed_pdf):
    with pikepdf.open(seed_pdf) as pdf:
        assert pdf.Root.Lang == "fr"
        info = pdf.docinfo
        assert normalise(str(info.Title)) == SEED_TITLE
        assert "A/61/XXX" in str(info.Keywords)
        assert str(info.Subject).startswith("Mondialisation et interdépendance")
        assert str(info.Author) == "Nations Unies"
        assert str(info.Producer).startswith("WeasyPrint")
        assert str(info.Creator).startswith("unpress")
        assert str(info.CreationDate) == str(info.ModDate) == pdf_date(datetime.date(2006, 4, 25))
        xmp = pdf.open_metadata()
        assert normalise(xmp["dc:title"]) == SEED_TITLE
        assert list(xmp["dc:language"]) == ["fr"]
        assert xmp["pdf:Keywords"] == "A/61/XXX"
        assert xmp["pdfuaid:part"] == "1"


@pytest.mark.parametrize("which", ["seed_pdf", "fixture_pdf"])
def test_every_piece_of_page_content_is_in_the_structure_tree_or_an_artifact(which, request):
    path = request.getfixturevalue(which)
    with pikepdf.open(path) as pdf:
        assert pdf.Root.MarkInfo.Marked
        assert pdf.Root.StructTreeRoot.K[0].S == "/Document"
        assert structure_content(pdf)
    assert stray_content(path) == []


def test_the_bookmarks_follow_the_headings(seed_pdf):
    with pikepdf.open(seed_pdf) as pdf:
        titles = [normalise(title) for title in outline_titles(pdf)]
    assert titles[0] == "Mondialisation et interdépendance : migrations internationales et développement"
    assert titles[1].startswith("Lettre datée du 13 avril 2006")
    assert titles[2].startswith("Annexe à la lettre datée du 13 avril 2006")
    assert [t[:2] for t in titles[3:]] == ["1.", "2.", "3.", "4.", "5."]


@pytest.mark.parametrize("which", ["seed_pdf", "fixture_pdf"])
def test_each_note_reference_links_to_its_note_on_the_same_page(which, request):
    with pikepdf.open(request.getfixturevalue(which)) as pdf:
        links, targets = internal_links(pdf), destinations(pdf)
        for page in pdf.pages:
            for annotation in page.get("/Annots", []):
                if "/Dest" in annotation:  # a reader announces the note, not its anchor's name
                    assert str(annotation.Contents).startswith("Note ")
    notes = [(page, name) for page, name in links if name.startswith("note-")]
    assert notes and all(targets[name] == page for page, name in notes)
    # The agenda note (the asterisk) is on the first page.
    assert ("note-agenda-1" in targets) and targets["note-agenda-1"] == 0


def test_the_fixture_has_its_numbered_notes_where_they_are_referred_to(fixture_pdf):
    with pikepdf.open(fixture_pdf) as pdf:
        targets = destinations(pdf)
    assert [targets[f"note-{n}"] for n in (1, 2, 3)] == [0, 0, 1]


def test_two_builds_give_the_same_bytes(fixture_pdf, tmp_path):
    assert build_pdf(FIXTURE, tmp_path).read_bytes() == fixture_pdf.read_bytes()


@pytest.mark.parametrize("paper, size", [("letter", [0, 0, 612, 792]), ("a4", [0, 0, 595.28, 841.89])])
def test_the_paper_setting_sets_the_page_size(paper, size, tmp_path):
    with pikepdf.open(build_pdf(FIXTURE, tmp_path, "--paper", paper)) as pdf:
        for page in pdf.pages:
            assert [round(float(x), 2) for x in page.MediaBox] == size


def test_the_archival_variant_is_pdf_a_3u_and_still_tagged(tmp_path):
    path = build_pdf(FIXTURE, tmp_path, "--pdf-variant", "pdf/a-3u")
    with pikepdf.open(path) as pdf:
        xmp = pdf.open_metadata()
        assert (xmp["pdfaid:part"], xmp["pdfaid:conformance"]) == ("3", "U")
        assert pdf.Root.OutputIntents[0].S == "/GTS_PDFA1"
        assert pdf.Root.Lang == "en"
    assert stray_content(path) == []


def test_the_plain_variant_is_untagged_but_keeps_its_metadata(tmp_path):
    with pikepdf.open(build_pdf(FIXTURE, tmp_path, "--pdf-variant", "none")) as pdf:
        assert "/StructTreeRoot" not in pdf.Root
        assert pdf.Root.Lang == "en"
        xmp = pdf.open_metadata()
        assert xmp["dc:title"].startswith("A/61/100: ")
        assert list(xmp["dc:language"]) == ["en"]


def test_a_link_in_the_text_is_a_working_link(tmp_path):
    folder = tmp_path / "A_61_100"
    shutil.copytree(FIXTURE, folder)
    letter = folder / "en" / "letter.md"
    letter.write_text(letter.read_text().replace("(see annex)", "(see [the list](https://undocs.org/A/61/50))"))
    with pikepdf.open(build_pdf(folder, tmp_path / "out")) as pdf:
        uris = [str(annotation.A.URI) for page in pdf.pages for annotation in page.get("/Annots", [])
                if "/A" in annotation]
    assert uris == ["https://undocs.org/A/61/50"]
