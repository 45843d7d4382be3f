"""A PDF laid out by its parts (render/pdf_parts.py): the pages of one layout, whatever --jobs."""

from __future__ import annotations

import io
import json
import re
import shutil
from pathlib import Path

import pikepdf
import pypdf
import pytest
from weasyprint import HTML

from tests.seed import SEED_CONTENT, normalise
from unpress.cli import main
from unpress.render import pdf_parts

SEED_FR = SEED_CONTENT / "fr"


def write_annexed(folder: Path, annexes: int = 2, paragraphs: int = 18) -> Path:
    """The seed's French letter and annex, and `annexes` more annexes of its lettered paragraphs
    (each with a note), each starting on a new page."""
    (folder / "fr").mkdir(parents=True)
    (folder / "document.yaml").write_text(
        "symbol: A/61/101\ndistribution: general\ndate: 2006-06-15\noriginal: fr\nsession: 61\n"
        "versions:\n  fr:\n    title: \"Lettre et annexes\"\n    job: 06-39950\n", encoding="utf-8")
    shutil.copy(SEED_FR / "letter.md", folder / "fr" / "letter.md")
    shutil.copy(SEED_FR / "annex.md", folder / "fr" / "annex.md")
    texts = re.findall(r"^[a-z]\) (.+)$", (SEED_FR / "annex.md").read_text(encoding="utf-8"), re.MULTILINE)
    for number in range(2, annexes + 2):
        body = [f"{'abcdefghijklmnopqrstuvwxyz'[i % 26]}) {texts[(i + number) % len(texts)]}" for i in range(paragraphs)]
        body[3] += f"[^n{number}]\n\n[^n{number}]: Note de l'annexe {number}."
        (folder / "fr" / f"annex-{number}.md").write_text(
            f"---\nheading: Annexe {number} à la lettre\ntitle:\n  - Conclusions {number}\n---\n\n"
            + "\n\n".join(body) + "\n", encoding="utf-8")
        paragraphs += 7  # annexes of other lengths, so that they start on left and right pages
    return folder


def build(folder: Path, out: Path, *options: str) -> Path:
    assert main(["build", str(folder), "--format", "pdf", "--out", str(out), *options]) == 0
    (pdf,) = out.glob("*/*.pdf")
    return pdf


@pytest.fixture(scope="module")
def annexed(tmp_path_factory) -> tuple[bytes, bytes]:
    """The joined PDF of a letter and three annexes, and WeasyPrint's one layout of its print HTML."""
    work = tmp_path_factory.mktemp("annexed")
    pdf = build(write_annexed(work / "A_61_101"), work / "out", "--jobs", "1", "--keep-print-html")
    page = pdf.with_suffix(".print.html").read_text(encoding="utf-8")
    assert pdf_parts.cut(page) is not None and len(pdf_parts.cut(page)) == 4  # the letter, its annex, two annexes more
    one_layout = HTML(string=page, base_url=pdf.parent.as_uri() + "/").write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
    return pdf.read_bytes(), one_layout


def pages_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def test_the_parts_joined_have_the_pages_of_one_layout_numbers_and_headers_included(annexed):
    joined, one_layout = annexed
    texts = pages_text(joined)
    assert texts == pages_text(one_layout)
    assert len(texts) >= 6
    # The annexes start on pages of both sides: the page numbers and headers counted on from the letter.
    firsts = [number for number, text in enumerate(texts, start=1) if re.search(r"^Annexe (\d )?à la lettre", text, re.MULTILINE)]
    assert {number % 2 for number in firsts} == {0, 1}
    # Each later page's foot: its number on the outer side, left of the job number on a left (even) page.
    feet = [text.strip().splitlines()[-1] for text in texts[1:]]
    assert feet == [f"{n} 06-39950" if n % 2 == 0 else f"06-39950 {n}" for n in range(2, len(texts) + 1)]


def _structure(data: bytes) -> tuple[list[str], set, set]:
    """The structure elements' types in order, the (page, MCID) they reach, and the marked content
    of the pages that is not an artifact."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pages = {page.objgen: number for number, page in enumerate(pdf.pages)}
        types, reached = [], set()

        def visit(element, page):
            page = pages.get(element.Pg.objgen, page) if "/Pg" in element else page
            types.append(str(element.S))
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]:
                if isinstance(kid, int):
                    reached.add((page, kid))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    reached.add((pages[kid.Pg.objgen] if "/Pg" in kid else page, int(kid.MCID)))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != "/OBJR":
                    visit(kid, page)

        for top in pdf.Root.StructTreeRoot.K:
            visit(top, None)
        marked = set()
        for number, page in enumerate(pdf.pages):
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "BDC" and str(operands[0]) != "/Artifact" and "/MCID" in operands[1]:
                    marked.add((number, int(operands[1].MCID)))
        return types, reached, marked


def test_one_structure_tree_reaches_all_the_marked_content_of_every_part(annexed):
    joined, one_layout = annexed
    types, reached, marked = _structure(joined)
    assert types == _structure(one_layout)[0]
    assert types.count("/Document") == 1
    assert reached == marked and len({page for page, _ in marked}) == len(pages_text(joined))


def test_the_parent_tree_leads_from_each_marked_content_and_link_to_its_element(annexed):
    with pikepdf.open(io.BytesIO(annexed[0])) as pdf:
        numbers = pdf.Root.StructTreeRoot.ParentTree.Nums
        keys = [int(numbers[i]) for i in range(0, len(numbers), 2)]
        assert keys == sorted(set(keys))  # a number tree's keys: ascending, each once
        parents = {int(numbers[i]): numbers[i + 1] for i in range(0, len(numbers), 2)}
        marks = links = 0
        for page in pdf.pages:
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "BDC" and str(operands[0]) != "/Artifact" and "/MCID" in operands[1]:
                    element = parents[int(page.StructParents)][int(operands[1].MCID)]
                    assert element.Pg.objgen == page.objgen and int(operands[1].MCID) in list(element.K)
                    marks += 1
            for annotation in page.get("/Annots", []):
                element = parents[int(annotation.StructParent)]
                assert any(kid.get("/Type") == "/OBJR" and kid.Obj.objgen == annotation.objgen for kid in element.K)
                links += 1
        assert marks > 100 and links >= 2  # the notes' links of the annexes


def _outline_and_links(data: bytes) -> tuple[list, list]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pages = {page.objgen: number for number, page in enumerate(pdf.pages)}
        destinations = pikepdf.NameTree(pdf.Root.Names.Dests)

        def page_of(destination) -> int:
            if isinstance(destination, pikepdf.String):
                destination = destinations[str(destination)]
            return pages[destination[0].objgen]

        with pdf.open_outline() as outline:
            def titles(items, depth=0):
                return [entry for item in items for entry in
                        [(depth, item.title, page_of(item.destination))] + titles(item.children, depth + 1)]
            bookmarks = titles(outline.root)
        links = [(number, page_of(annotation.Dest)) for number, page in enumerate(pdf.pages)
                 for annotation in page.get("/Annots", []) if "/Dest" in annotation]
        return bookmarks, links


def test_the_bookmarks_and_links_lead_to_the_pages_they_lead_to_in_one_layout(annexed):
    joined, one_layout = annexed
    bookmarks, links = _outline_and_links(joined)
    assert (bookmarks, links) == _outline_and_links(one_layout)
    # The annexes' headings under the document's title, as in one layout.
    assert [title for depth, title, _ in bookmarks if depth == 0] == ["Lettre et annexes"]
    assert [title for depth, title, _ in bookmarks if depth == 1][-2:] == ["Annexe 2 à la lettre", "Annexe 3 à la lettre"]


def _fonts(data: bytes) -> dict[tuple, list[str]]:
    """Each font of the pages: the names its font, descendant and descriptor dictionaries give it."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        fonts = {}
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                descendant = font.DescendantFonts[0]
                fonts[font.objgen] = [str(font.BaseFont), str(descendant.BaseFont), str(descendant.FontDescriptor.FontName)]
        return fonts


def test_each_font_subset_of_the_parts_has_a_tag_of_its_own(annexed):
    joined, one_layout = annexed
    fonts = _fonts(joined)
    assert all(len(set(names)) == 1 for names in fonts.values())  # renamed in each of its dictionaries
    names = [names[0] for names in fonts.values()]
    assert all(re.fullmatch(r"/[A-Z]{6}\+[A-Za-z-]+", name) for name in names)
    assert len(set(names)) == len(names) > len(_fonts(one_layout))  # the parts subset the same fonts apart
    assert {name[8:] for name in names} == {names[0][8:] for names in _fonts(one_layout).values()}


def test_the_bytes_do_not_depend_on_the_number_of_processes(tmp_path):
    folder = write_annexed(tmp_path / "A_61_101", annexes=3, paragraphs=10)
    one = build(folder, tmp_path / "one", "--jobs", "1").read_bytes()
    assert build(folder, tmp_path / "two", "--jobs", "2").read_bytes() == one
    assert build(folder, tmp_path / "three", "--jobs", "3").read_bytes() == one
    assert main(["check", str(tmp_path / "three")]) == 0


def _seed_page(tmp_path: Path) -> str:
    pdf = build(SEED_CONTENT, tmp_path / "seed", "--lang", "fr", "--jobs", "1", "--keep-print-html")
    return pdf.with_suffix(".print.html").read_text(encoding="utf-8")


def test_a_part_after_the_first_has_the_head_and_running_elements_but_not_the_masthead_nor_the_first_page_rules(tmp_path):
    page = _seed_page(tmp_path)
    letter, annex = pdf_parts.cut(page)
    assert 'class="masthead' in letter.html and 'class="part letter"' in letter.html and 'class="part annex"' not in letter.html
    assert 'class="masthead' not in annex.html and 'class="part annex"' in annex.html and 'class="part letter"' not in annex.html
    assert 'class="running-symbol"' in annex.html
    assert re.search(r"@page\s*:first", letter.html) and not re.search(r"@page[^{]*:first", annex.html)
    assert set(letter.paragraphs) & set(annex.paragraphs)  # the running elements' paragraphs are in both
    assert len(set(letter.paragraphs) | set(annex.paragraphs)) == page.count("<p")


@pytest.mark.parametrize("change, why", [
    (lambda page: page.replace("</main>", "<p>lost</p></main>"), "text after the last part would be in none"),
    (lambda page: page.replace('class="part-heading" id="annex-heading">',
                               'class="part-heading" id="annex-heading"><a href="#letter">letter</a>'),
     "a link to another part"),
    (lambda page: page.replace('<section class="part annex"', '<section class="part appendix"'), "no part starts a page"),
])
def test_a_page_whose_parts_cannot_be_laid_out_apart_is_laid_out_in_one(tmp_path, change, why):
    page = _seed_page(tmp_path)
    changed = change(page)
    assert changed != page
    assert pdf_parts.cut(changed) is None, why


def _pages_of(index: int, first_page) -> tuple[int, int]:
    return index, first_page(index + 2)  # part i has i + 2 pages


def _fails_on_the_second(index: int, first_page):
    if index == 1:
        raise ValueError("part 2 is broken")
    return first_page(1)


@pytest.mark.parametrize("processes", [1, 2, 3])
def test_parts_laid_out_in_processes_are_told_their_first_pages_and_handed_over_in_order(processes):
    handed = []
    made = pdf_parts.lay_out_in_processes(5, processes, _pages_of, lambda index: 5 - index,
                                          lambda index, result: handed.append((index, result)))
    assert made == [(0, 1), (1, 3), (2, 6), (3, 10), (4, 15)]
    assert handed == list(enumerate(made))


def test_the_error_of_a_part_laid_out_in_another_process_is_the_builds():
    with pytest.raises(ValueError, match="part 2 is broken"):
        pdf_parts.lay_out_in_processes(3, 2, _fails_on_the_second, lambda index: 1, lambda index, result: None)


@pytest.fixture
def layouts(monkeypatch) -> list[str]:
    """The first heading of each part laid out, as the build lays them out."""
    from unpress.render import pdf

    laid: list[str] = []
    lay_out = pdf.lay_out

    def counted(html, fonts=None):
        heading = next(html.etree_element.iter("h2"), None)
        laid.append("".join(heading.itertext()) if heading is not None else "")
        return lay_out(html, fonts)

    monkeypatch.setattr(pdf, "lay_out", counted)
    return laid


def test_after_one_annex_changed_only_it_is_laid_out_again_and_the_pdf_is_a_clean_builds(tmp_path, layouts):
    folder = write_annexed(tmp_path / "A_61_101", annexes=2, paragraphs=10)
    out = tmp_path / "out"
    build(folder, out, "--jobs", "1")
    assert len(layouts) == 4
    annex = folder / "fr" / "annex-2.md"
    annex.write_text(annex.read_text(encoding="utf-8").replace("a) ", "a) Mot changé. ", 1), encoding="utf-8")
    layouts.clear()
    rebuilt = build(folder, out, "--jobs", "1").read_bytes()
    assert layouts == ["Annexe 2 à la lettre"]
    assert rebuilt == build(folder, tmp_path / "clean", "--jobs", "1").read_bytes()
    assert "Mot changé." in normalise("".join(pages_text(rebuilt)))
    kept = sorted(path.suffix for path in (out / ".unpress-cache" / "A_61_101" / "A_61_101-FR").iterdir())
    assert kept == [".json"] * 4 + [".pdf"] * 4  # the parts of this build only
    assert main(["check", str(out)]) == 0


def test_a_part_that_grows_lays_out_again_the_parts_after_it_whose_pages_moved(tmp_path, layouts):
    folder = write_annexed(tmp_path / "A_61_101", annexes=2, paragraphs=10)
    out = tmp_path / "out"
    build(folder, out, "--jobs", "1")
    longer = write_annexed(tmp_path / "longer", annexes=2, paragraphs=30)  # annex 2 three pages longer
    shutil.copy(longer / "fr" / "annex-2.md", folder / "fr" / "annex-2.md")
    layouts.clear()
    rebuilt = build(folder, out, "--jobs", "1").read_bytes()
    assert layouts == ["Annexe 2 à la lettre", "Annexe 3 à la lettre"]
    assert rebuilt == build(folder, tmp_path / "clean", "--jobs", "1").read_bytes()


def test_force_and_a_changed_kept_layout_lay_out_every_part_again(tmp_path, layouts):
    folder = write_annexed(tmp_path / "A_61_101", annexes=1, paragraphs=10)
    out = tmp_path / "out"
    first = build(folder, out, "--jobs", "1").read_bytes()
    layouts.clear()
    assert build(folder, out, "--jobs", "1", "--force").read_bytes() == first
    assert len(layouts) == 3
    kept = sorted((out / ".unpress-cache").rglob("*.pdf"))
    assert len(kept) == 3
    kept[0].write_bytes(kept[0].read_bytes() + b"\n% changed")  # changed on disk: not taken
    (out / "A_61_101" / "A_61_101-FR.pdf").unlink()  # so that the PDF is built again without --force
    layouts.clear()
    assert build(folder, out, "--jobs", "1").read_bytes() == first
    assert len(layouts) == 1


@pytest.mark.parametrize("wrong", [{"places": 3}, {"moved": "all"}, {"moved": [-1, "2"]}, {"pages": 0},
                                   {"messages": [1]}, {"families": None}, {"places": [["1", 1, 1]]}])
def test_kept_facts_not_as_unpress_keeps_them_are_laid_out_again_not_an_internal_error(tmp_path, layouts, wrong):
    folder = write_annexed(tmp_path / "A_61_101", annexes=1, paragraphs=10)
    out = tmp_path / "out"
    first = build(folder, out, "--jobs", "1").read_bytes()
    for facts in (out / ".unpress-cache").rglob("*.json"):  # the PDF's digest kept, the facts wrong
        kept = json.loads(facts.read_text(encoding="utf-8"))
        facts.write_text(json.dumps({**kept, **wrong}), encoding="utf-8")
    (out / "A_61_101" / "A_61_101-FR.pdf").unlink()
    layouts.clear()
    assert build(folder, out, "--jobs", "1", "--keep-print-html").read_bytes() == first
    assert len(layouts) == 3


def test_a_layout_cache_that_cannot_be_written_costs_the_next_build_its_layouts_not_this_build_its_pdf(tmp_path, layouts):
    folder = write_annexed(tmp_path / "A_61_101", annexes=1, paragraphs=10)
    out = tmp_path / "out"
    (out / ".unpress-cache" / "A_61_101").mkdir(parents=True)
    (out / ".unpress-cache" / "A_61_101" / "A_61_101-FR").write_text("a file where the folder would be")
    first = build(folder, out, "--jobs", "1").read_bytes()
    assert first == build(folder, tmp_path / "clean", "--jobs", "1").read_bytes()
    (out / "A_61_101" / "A_61_101-FR.pdf").unlink()
    layouts.clear()
    assert build(folder, out, "--jobs", "1").read_bytes() == first
    assert len(layouts) == 3  # nothing was kept


def _id(data: bytes) -> tuple[bytes, ...] | None:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return tuple(bytes(part) for part in pdf.trailer.ID) if "/ID" in pdf.trailer else None


def test_a_joined_pdf_and_a_pdf_of_one_layout_have_an_id_of_their_content_and_a_kept_part_none(tmp_path):
    """The /ID is a digest of the content (the same bytes for the same input): pikepdf's for a
    joined PDF, WeasyPrint's for one laid out at once. A part's PDF has none: the join makes its own."""
    folder = write_annexed(tmp_path / "A_61_101", annexes=1, paragraphs=6)
    joined = _id(build(folder, tmp_path / "joined", "--jobs", "1").read_bytes())
    parts = list((tmp_path / "joined" / ".unpress-cache").rglob("*.pdf"))
    assert len(parts) == 3 and all(_id(part.read_bytes()) is None for part in parts)
    (folder / "fr" / "annex.md").unlink()
    (folder / "fr" / "annex-2.md").unlink()
    alone = build(folder, tmp_path / "alone", "--jobs", "1")
    assert not list((tmp_path / "alone" / ".unpress-cache").rglob("*.pdf"))  # laid out at once
    for found in (joined, _id(alone.read_bytes())):
        assert found is not None and len(found) == 2 and all(found)
    letter = folder / "fr" / "letter.md"
    assert "J'ai le" in letter.read_text(encoding="utf-8")
    letter.write_text(letter.read_text(encoding="utf-8").replace("J'ai le", "J'ai donc le", 1), encoding="utf-8")
    assert _id(build(folder, tmp_path / "changed", "--jobs", "1").read_bytes()) != _id(alone.read_bytes())


def test_the_joined_pdf_is_about_as_compact_as_one_layout(annexed):
    """Its objects in object streams, as WeasyPrint writes them (without, pikepdf's join of the 45-page
    document was 1.85 times the size); the rest of the difference is each part's own font subsets."""
    joined, one_layout = annexed
    assert b"/ObjStm" in joined
    assert len(joined) < 1.5 * len(one_layout)
