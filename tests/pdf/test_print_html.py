"""build --keep-print-html: the HTML WeasyPrint laid out, beside its PDF, part of the output set."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from tests.hostile.test_output_set import killed_at, restore, snapshot
from tests.pdf.conftest import FIXTURE, letter_whose_note_weasyprint_moves
from tests.seed import SEED_CONTENT
from unpress.cli import main
from unpress.output import OutputFolder, StagedWrites
from unpress.render.pdf import as_laid_out

ROOT = SEED_CONTENT.parents[1]


def pages_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def entries(out: Path) -> dict[str, dict]:
    return {entry["path"]: entry for entry in json.loads((out / "manifest.json").read_text())["artifacts"]}


def build(content: Path, out: Path, *options: str) -> None:
    assert main(["build", str(content), "--format", "pdf", "--out", str(out), "--jobs", "1", *options]) == 0


def test_the_print_html_of_the_seed_is_beside_its_pdf_and_weasyprint_lays_it_out_alone(tmp_path):
    out = tmp_path / "dist"
    build(SEED_CONTENT, out, "--lang", "fr", "--keep-print-html")
    pdf, page = out / "A_61_XXX" / "A_61_XXX-FR.pdf", out / "A_61_XXX" / "A_61_XXX-FR.print.html"
    text = page.read_text(encoding="utf-8")
    # One file: the styles inline, images as data: URIs, nothing read from another file.
    assert "<style>" in text and 'src="file:' not in text and "url(file:" not in text
    listed = entries(out)["A_61_XXX/A_61_XXX-FR.print.html"]
    assert listed["format"] == "print-html" and listed["lang"] == "fr" and listed["size"] == len(page.read_bytes())
    assert main(["check", str(out)]) == 0
    # WeasyPrint's own command, in the print HTML's folder, with nothing else: the same pages.
    alone = tmp_path / "alone.pdf"
    subprocess.run([sys.executable, "-m", "weasyprint", "--pdf-variant", "pdf/ua-1", "--pdf-tags",
                    page.name, str(alone)], cwd=page.parent, check=True, capture_output=True)
    assert pages_text(alone.read_bytes()) == pages_text(pdf.read_bytes())
    assert len(pages_text(pdf.read_bytes())) == 5


def test_a_paragraph_moved_to_keep_its_note_is_moved_in_the_print_html(tmp_path):
    """A letter in which unpress moves a paragraph to keep note 2 with its reference: the print HTML
    has that move, and lays out alone to the PDF's pages."""
    from weasyprint import HTML

    folder = letter_whose_note_weasyprint_moves(tmp_path)
    out = tmp_path / "dist"
    build(folder, out, "--keep-print-html")
    page = out / "A_61_100" / "A_61_100-EN.print.html"
    text = page.read_text(encoding="utf-8")
    assert text.count('<p style="break-before: page"') == 1
    alone = HTML(filename=page).write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
    assert pages_text(alone) == pages_text((out / "A_61_100" / "A_61_100-EN.pdf").read_bytes())
    # Without the move, the pages differ: the test sees the move's effect.
    assert pages_text(HTML(string=text.replace(' style="break-before: page"', ""), base_url=str(page))
                      .write_pdf()) != pages_text(alone)


def test_a_move_is_written_into_the_tag_of_its_paragraph_in_the_text():
    from weasyprint import HTML

    # Before the paragraph: a line separator in text (no new line for the HTML parser), "<p" in a
    # style sheet and a comment, a <pre>: none of them is a paragraph's tag.
    page = ('<!DOCTYPE html><html><head><style>p::before { content: "<p>"; }</style></head><body>\n'
            '<p class="a">One\u2028two</p><!-- <p>not one</p> -->\n<pre>x</pre>\n<p>Three</p>\n<p>Four</p></body></html>')
    html = HTML(string=page)
    list(html.etree_element.iter("p"))[1].set("style", "break-before: page")
    written = as_laid_out(page, html)
    assert written == page.replace("<p>Three", '<p style="break-before: page">Three')


def test_a_move_in_markup_the_parser_mends_is_written_from_the_tree():
    from weasyprint import HTML

    page = "<!DOCTYPE html><html><body><p>One</p></p><p>Two</p></body></html>"  # a stray </p>: a <p> more
    html = HTML(string=page)
    paragraphs = list(html.etree_element.iter("p"))
    assert len(paragraphs) == 3
    assert as_laid_out(page, html) == page  # nothing moved: the text as it was
    paragraphs[2].set("style", "break-before: page")
    written = as_laid_out(page, html)
    moved = list(HTML(string=written).etree_element.iter("p"))
    assert [p.get("style") for p in moved] == [None, None, "break-before: page"]
    assert [p.text for p in moved] == ["One", None, "Two"]


def test_the_print_html_follows_its_pdf_made_again_kept_or_dropped(tmp_path, capsys):
    content = tmp_path / "A_61_100"
    shutil.copytree(FIXTURE, content)
    out = tmp_path / "dist"
    page = out / "A_61_100" / "A_61_100-EN.print.html"
    build(content, out)
    assert not page.exists()
    capsys.readouterr()
    # The PDF is current; its print HTML is not there: the PDF is laid out again, to the same bytes.
    pdf_before = (out / "A_61_100" / "A_61_100-EN.pdf").read_bytes()
    build(content, out, "--keep-print-html")
    assert capsys.readouterr().out.splitlines() == [f"wrote {out}/A_61_100/A_61_100-EN.pdf",
                                                    f"wrote {out}/A_61_100/A_61_100-EN.print.html"]
    assert (out / "A_61_100" / "A_61_100-EN.pdf").read_bytes() == pdf_before and page.is_file()
    build(content, out, "--keep-print-html")
    assert "unchanged" in capsys.readouterr().out and page.is_file()
    # Not asked for, and the PDF unchanged: the print HTML is still that PDF's, and stays.
    build(content, out)
    assert page.is_file() and "A_61_100/A_61_100-EN.print.html" in entries(out)
    # The PDF made again without it: the old print HTML is not this PDF's; it goes, with its entry.
    letter = content / "en" / "letter.md"
    letter.write_text(letter.read_text() + "\nA new last paragraph.\n")
    build(content, out)
    assert not page.exists() and "A_61_100/A_61_100-EN.print.html" not in entries(out)
    assert main(["check", str(out)]) == 0
    # A damaged print HTML is found by check, as any artifact.
    build(content, out, "--keep-print-html")
    page.write_text(page.read_text().replace("A new last paragraph.", "A changed paragraph."))
    assert main(["check", str(out)]) == 1
    assert "A_61_100-EN.print.html: sha256" in capsys.readouterr().err


def test_keep_print_html_without_the_pdf_is_a_usage_error(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit:
        main(["build", str(FIXTURE), "--format", "html", "--keep-print-html", "--out", str(tmp_path)])
    assert exit.value.code == 2
    assert "--keep-print-html keeps the HTML of each PDF: add pdf to --format" in capsys.readouterr().err


def write_two_and_delete_one(folder: Path) -> int:
    with OutputFolder(folder), StagedWrites(folder) as staged:
        staged.write(folder / "doc" / "doc-EN.pdf", b"new pdf")
        staged.delete(folder / "doc" / "doc-EN.print.html")
        staged.write(folder / "manifest.json", b"new manifest")
    return 0


def test_a_deletion_lands_with_the_writes_or_not_at_all(tmp_path):
    folder = tmp_path / "dist"
    old = {"doc/doc-EN.pdf": b"old pdf", "doc/doc-EN.print.html": b"old page", "manifest.json": b"old manifest"}
    new = {"doc/doc-EN.pdf": b"new pdf", "manifest.json": b"new manifest"}
    folder.mkdir()
    restore(folder, old)
    outcomes, step = [], 1
    while killed_at(step, lambda: write_two_and_delete_one(folder)):
        with OutputFolder(folder):
            pass
        after = snapshot(folder)
        assert after in (old, new), f"killed at step {step}: a mixture of the old set and the new"
        outcomes.append(after == new)
        restore(folder, old)
        step += 1
    assert snapshot(folder) == new
    assert False in outcomes and True in outcomes
