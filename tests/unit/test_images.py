"""Images: recognised by their bytes and sized as they print; figures labelled in each language's style;
the theme's emblem found in the user's folder first. The refusals are in tests/hostile/corpus.py."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from PIL import Image as PILImage

from unpress import model as m
from unpress.locale import get_locale
from unpress.problems import ContentError
from unpress.read.content import load_document
from unpress.read.images import ImageRefused, read_image, recognise
from unpress.read.markdown import NoteNumbering, parse_part
from unpress.settings import load_settings
from unpress.theme import BUILTIN_STYLES, Theme

FIGURES = Path(__file__).parents[1] / "figures" / "A_61_300"


def png(size=(300, 150), dpi=None) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", size, "white").save(out, "PNG", **({"dpi": dpi} if dpi else {}))
    return out.getvalue()


def test_the_type_comes_from_the_bytes_not_the_name(tmp_path):
    (tmp_path / "chart.svg").write_bytes(png())
    image = read_image(tmp_path, tmp_path, "chart.svg")
    assert (image.media_type, image.width, image.height, image.source) == ("image/png", 300, 150, "chart.svg")
    with pytest.raises(ImageRefused) as refused:
        recognise(b"GIF89a" + bytes(40), "x.png")
    assert refused.value.code == "image-type"


def test_a_raster_prints_at_the_resolution_it_declares():
    image = recognise(png((600, 300), dpi=(192, 192)), "chart.png")
    assert (round(image.width), round(image.height)) == (300, 150)  # 3.125 in wide, in CSS pixels


@pytest.mark.parametrize(("attributes", "size"), [
    ('width="2in" height="1in"', (192, 96)),
    ('viewBox="0 0 400 100"', (400, 100)),
    ('width="100%" viewBox="0 0 400 100"', (400, 100)),
    ('width="200" viewBox="0 0 400 100"', (200, 50)),
    ("", (300, 150)),
])
def test_an_svg_has_its_own_size_else_its_view_box(attributes, size):
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" {attributes}><rect width="1" height="1"/></svg>'.encode()
    image = recognise(svg, "d.svg")
    assert (image.media_type, (image.width, image.height)) == ("image/svg+xml", size)


def test_a_link_that_stays_inside_the_folder_is_followed(tmp_path):
    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "chart.png").write_bytes(png())
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "chart.png").symlink_to("../figures/chart.png")
    assert read_image(tmp_path / "en", tmp_path, "chart.png").media_type == "image/png"


def parse(text: str, lang: str = "en"):
    problems: list = []
    parsed = parse_part(str(FIGURES / "en" / "body.md"), text, get_locale(lang), NoteNumbering(), problems)
    return parsed.blocks, problems


def test_an_image_alone_in_its_paragraph_is_a_figure_one_in_a_sentence_an_inline_image():
    blocks, problems = parse('![A chart](../figures/migrants.png "Migrants, 2005")\n\n'
                             "Marked ![an arrow](../figures/arrow.svg) here.\n")
    assert problems == []
    figure, paragraph = blocks
    assert isinstance(figure, m.Figure)
    assert (figure.image.alt, figure.caption, figure.number) == ("A chart", (m.Text("Migrants, 2005"),), 1)
    assert [node.kind for node in paragraph.children] == ["text", "image", "text"]
    assert paragraph.children[1].alt == "an arrow"


def test_an_image_followed_only_by_white_space_on_a_second_line_is_still_a_figure():
    """A line of no-break spaces after the image (its soft line break and blank text) shows nothing."""
    blocks, problems = parse("![A chart](../figures/migrants.png)\n&nbsp;&nbsp;\n")
    assert problems == []
    (figure,) = blocks
    assert (figure.kind, figure.image.alt, figure.number) == ("figure", "A chart", 1)


def test_figures_are_numbered_across_the_version_in_its_language_and_a_lone_one_is_not():
    document, problems = load_document(FIGURES)
    assert problems == []
    labels = {v.lang: [(b.label, b.numeral) for p in v.parts for b in p.blocks if isinstance(b, m.Figure)]
              for v in document.versions}
    assert labels == {"en": [("Figure I", "I"), ("Figure II", "II")],
                      "ar": [("الشكل الأول", "الأول"), ("الشكل الثاني", "الثاني")]}
    assert get_locale("en").figure_label(1, 1) is None  # UN Editorial Manual: a lone figure has no number


@pytest.mark.parametrize(("lang", "second", "twenty_first"), [
    ("en", "Figure II", "Figure 21"), ("fr", "Figure II", "Figure 21"), ("es", "Gráfico II", "Gráfico 21"),
    ("ru", "Диаграмма II", "Диаграмма 21"), ("zh", "图二", "图21"), ("ar", "الشكل الثاني", "الشكل 21"),
])
def test_more_than_twenty_figures_are_numbered_in_arabic_numerals(lang, second, twenty_first):
    locale = get_locale(lang)
    assert locale.figure_label(2, 3)[0] == second
    text, numeral, at, style = locale.figure_label(21, 21)
    assert (text, style, text[at:at + len(numeral)]) == (twenty_first, "arabic", "21")


def test_the_emblem_comes_from_the_users_style_folder_first_and_none_ships(tmp_path):
    assert not any((BUILTIN_STYLES / name).exists() for name in ("emblem.svg", "emblem.png"))
    assert Theme().emblem() is None
    shutil.copy(FIGURES / "figures" / "routes.svg", tmp_path / "emblem.svg")
    (tmp_path / "emblem.png").write_bytes(png())
    theme = Theme.with_user_folders(styles=tmp_path)
    assert theme.emblem().media_type == "image/svg+xml"  # emblem.svg before emblem.png
    (tmp_path / "emblem.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>')
    with pytest.raises(ContentError) as error:
        theme.emblem()
    (problem,) = error.value.problems
    assert (Path(problem.file), problem.field, problem.code) == (tmp_path / "emblem.svg", "emblem", "svg-script")


def test_the_image_size_limit_is_a_setting(tmp_path):
    (tmp_path / "unpress.toml").write_text("max_image_mb = 25\n")
    assert load_settings(tmp_path / "unpress.toml").max_image_bytes == 25 * 2**20
    (tmp_path / "unpress.toml").write_text('max_image_mb = "big"\n')
    with pytest.raises(ContentError):
        load_settings(tmp_path / "unpress.toml")
