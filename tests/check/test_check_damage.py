"""`unpress check` catches damage to the text of every format: a changed word, a dropped or two
swapped paragraphs, two paragraphs merged or one split (the same words, other blocks), a changed
table cell, label, caption, list item or block quote, swapped or duplicated PDF pages.

Each damaged artifact has its sha256 recorded again in the manifest (as a re-export or a hand edit
would leave it), so that only the comparison of the text can catch the damage, and each test asserts
the line the comparison prints: without the comparison, every one of them fails."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from tests.check import damage as d
from tests.seed import SEED_CONTENT
from unpress.cli import main
from unpress.read.content import load_document
from unpress.render import EXTENSIONS
from unpress.render.akn import NAMESPACE as AKN

HERE = Path(__file__).parent
TESTS = HERE.parent

# The quick suite damages the fixture and the Arabic test document; the slow one the seed in its
# six languages, the Arabic and Chinese test document, the figures' test document and the shapes.
QUICK = {"fixture": TESTS / "fixtures" / "A_61_100", "arabic": HERE / "content" / "A_61_200"}
SLOW = {"seed": SEED_CONTENT, "languages": TESTS / "languages" / "A_61_100", "figures": TESTS / "figures" / "A_61_300",
        **{f"shapes/{folder.name}": folder for folder in sorted((TESTS / "shapes").iterdir())
           if (folder / "document.yaml").is_file()}}

TEXT_DAMAGE = {"changed word": (d.changed_word, lambda v: True),
               "dropped paragraph": (d.dropped_paragraph, lambda v: len(d._texts(v)) >= 2),
               "swapped paragraphs": (d.swapped_paragraphs, lambda v: any(
                   p == q and c == b + 1 and a.children != z.children
                   for (p, b, a), (q, c, z) in zip(d._texts(v), d._texts(v)[1:]))),
               "changed table cell": (d.changed_cell, d.has_table),
               "changed label": (d.changed_label, d.has_labels),
               "changed caption": (d.changed_caption, d.has_caption),
               "merged paragraphs": (d.merged_paragraphs, d.has_paragraph_pair),
               "split paragraph": (d.split_paragraph, d.has_splittable)}
# Damage to where blocks begin and end, the same words kept: in every format, the AKN too.
BOUNDARY_DAMAGE = {"merged paragraphs", "split paragraph"}
PAGE_DAMAGE = {"swapped pages": d.swapped_pages, "duplicated page": d.duplicated_page}
# The versions whose PDF has pages to swap (a one-page PDF gets a copy of its page only).
SEVERAL_PAGES = {("fixture", "en"), ("arabic", "ar"), ("seed", "fr"), ("languages", "ar"), ("languages", "zh"),
                 ("shapes/A_61_250", "en")}


# Blocks of the kinds that the quick documents above do not have, in the quick suite too: a
# figure's caption (the figures' test document, English and Arabic), its alternative text and the
# number of figures (English), a list item and a block quote (the translation's test document), a
# Contents table's entry (the report's, English and Russian). Their builds pass check first
# (`builds`); each damage is reported as a block of its kind (a caption as the figure's too), an
# alternative text and a Contents entry by their numbers, a dropped figure by the count.
KINDS = {"figures": TESTS / "figures" / "A_61_300", "translation": TESTS / "translate" / "A_61_300",
         "report": TESTS / "kinds" / "A_61_150"}
KIND_DAMAGE = {"changed caption": (d.changed_caption, ["(caption)", ": label and caption of figure "]),
               "changed alt text": (d.changed_alt_text, [': alternative text of figure 2: expected "']),
               "dropped figure": (d.dropped_figure, [": number of figures: expected 2 found 1"]),
               "changed list item": (d.changed_list_item, ["(list item)"]),
               "changed quote": (d.changed_quote, ["(block quote)"]),
               "changed contents entry": (d.changed_contents_entry, [": Contents entry 1: "])}
KIND_CASES = [("figures", "en", "changed caption"), ("figures", "ar", "changed caption"),
              ("figures", "en", "changed alt text"), ("figures", "en", "dropped figure"),
              ("translation", "en", "changed list item"), ("translation", "en", "changed quote"),
              ("report", "en", "changed contents entry"), ("report", "ru", "changed contents entry")]

def cases(documents: dict[str, Path], marks=()) -> list:
    params = []
    for name, folder in documents.items():
        for version in load_document(folder)[0].versions:
            for kind, (_, applies) in TEXT_DAMAGE.items():
                if applies(version):
                    for fmt in ("html", "pdf", "docx") + (("akn",) if kind in BOUNDARY_DAMAGE else ()):
                        params.append(pytest.param(name, version.lang, fmt, kind, marks=marks,
                                                   id=f"{name}-{version.lang}-{fmt}-{kind}"))
            for kind in PAGE_DAMAGE if (name, version.lang) in SEVERAL_PAGES else ["duplicated page"]:
                params.append(pytest.param(name, version.lang, "pdf", kind, marks=marks,
                                           id=f"{name}-{version.lang}-pdf-{kind}"))
    return params


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """Each document built once (in its own content folder, for the damage tests to re-render)."""
    built: dict[str, tuple[Path, Path]] = {}

    def build(name: str) -> tuple[Path, Path]:
        if name not in built:
            root = tmp_path_factory.mktemp("damage")
            folder = {**QUICK, **SLOW, **KINDS}[name]
            content = root / "content" / folder.name
            shutil.copytree(folder, content)
            assert main(["build", str(content), "--out", str(root / "dist"), "--jobs", "1"]) == 0
            assert main(["check", str(root / "dist")]) == 0
            built[name] = content, root / "dist"
        return built[name]
    return build


def damage_and_check(builds, tmp_path: Path, capsys, name: str, lang: str, fmt: str,
                     damage: Callable[[Path, Path], None]) -> list[str]:
    """A copy of the build of `name` with the artifact of one version and format damaged
    (`damage(artifact, content)`) and its sha256 recorded again: the lines of
    `unpress check` on the copy, which must fail on that artifact alone."""
    content, dist = builds(name)
    out = dist.with_name(f"dist-{tmp_path.name}")  # beside the build: the manifest names ../content
    shutil.copytree(dist, out)
    (version,) = [v for v in load_document(content)[0].versions if v.lang == lang]
    artifact = next(out.rglob(f"{version.file_stem}.{EXTENSIONS[fmt]}"))
    damage(artifact, content)
    d.rerecord(out)
    status, lines = d.check(out, capsys)
    assert status == 1, lines
    assert not any(": sha256:" in line for line in lines)
    mine = [line for line in lines if line.startswith(f"{artifact}: ")]
    assert mine == lines, lines  # the other artifacts and versions still pass
    return lines


@pytest.mark.parametrize("name,lang,fmt,kind", cases(QUICK) + cases(SLOW, marks=pytest.mark.slow))
def test_damage_to_the_text_is_caught(builds, tmp_path, capsys, name, lang, fmt, kind):
    def damage(artifact: Path, content: Path) -> None:
        if kind in PAGE_DAMAGE:
            PAGE_DAMAGE[kind](artifact)
        else:
            d.rerender_as(artifact, content, TEXT_DAMAGE[kind][0])
    lines = damage_and_check(builds, tmp_path, capsys, name, lang, fmt, damage)
    # The comparison of the text says where: a part and a block, or text after the last block.
    assert any(", block " in line or "after its last block" in line for line in lines), lines
    if kind == "swapped pages":
        assert any(": page number of page " in line for line in lines), lines


@pytest.mark.parametrize("name,lang,kind", KIND_CASES)
@pytest.mark.parametrize("fmt", ["html", "pdf", "docx", "akn"])
def test_damage_to_a_block_of_each_kind_is_reported_as_that_kind(builds, tmp_path, capsys, name, lang, kind, fmt):
    change, reported = KIND_DAMAGE[kind]
    lines = damage_and_check(builds, tmp_path, capsys, name, lang, fmt,
                             lambda artifact, content: d.rerender_as(artifact, content, change))
    for what in reported:
        assert any(what in line for line in lines), (what, lines)


def test_a_note_s_text_is_never_read_as_a_block_of_the_akn(builds, tmp_path, capsys):
    """A note is compared by its mark and as a note, wherever its reference is: in a hand-edited
    AKN whose agenda line (with the note *) is a <block> (valid Akoma Ntoso, whose text check does
    not read as a block), the agenda line is missing, and the note's own paragraph is not found
    in its place."""
    def damage(artifact: Path, content: Path) -> None:
        tree = etree.parse(str(artifact))
        (agenda,) = tree.getroot().iterfind(".//a:p[@class='agenda']", {"a": AKN})
        agenda.tag, agenda.attrib["name"] = f"{{{AKN}}}block", agenda.attrib.pop("class")
        tree.write(str(artifact), xml_declaration=True, encoding="UTF-8")
    lines = damage_and_check(builds, tmp_path, capsys, "fixture", "en", "akn", damage)
    artifact = lines[0].split(": ")[0]
    assert lines == [f'{artifact}: agenda lines: expected ["Item 54 (b) of the preliminary list*"] found []',
                     f'{artifact}: front, block 2 (agenda line): expected "Item 54 (b) of the preliminary list*" '
                     'found "Globalization and interdependence: international migration and development"']
