"""The order of a signature's lines by language (docs/organs.md, Signatures), in the model and in
the three formats: Spanish signs name first, as a real Spanish letter does (A/AC.154/383), and so
does Arabic, as a real Arabic letter does (Kuwait's of 28 August 1990, docs/report-boilerplate.md)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from tests.clients.programs import pdftotext_pages, require
from tests.languages.test_languages_pdf import BIDI_CONTROLS
from tests.seed import SEED_CONTENT
from unpress.cli import main
from unpress.read.content import load_document

# The seed's signed line and title in the languages that sign name first although the seed's French
# puts the title first.
NAME_FIRST = {"es": ("(Firmado) Alain Cools", "El Encargado de Negocios interino"),
              "ar": ("(توقيع) آلان كولس", "القائم بالأعمال بالنيابة")}


@pytest.mark.parametrize("lang, order", [("en", ["signed", "title"]), ("ru", ["signed", "title"]),
                                         ("es", ["signed", "title"]), ("fr", ["title", "signed"]),
                                         ("zh", ["title", "signed"]), ("ar", ["signed", "title"])])
def test_each_language_orders_the_signature_as_its_locale_says(lang, order):
    document = load_document(SEED_CONTENT)[0]
    (version,) = [v for v in document.versions if v.lang == lang]
    (signature,) = version.parts[0].signatures
    assert [kind for kind, _ in signature.lines] == order


@pytest.fixture(scope="module", params=sorted(NAME_FIRST))
def built(request, tmp_path_factory) -> tuple[str, Path]:
    lang = request.param
    out = tmp_path_factory.mktemp(f"signatures-{lang}")
    assert main(["build", str(SEED_CONTENT), "--lang", lang, "--format", "html,pdf,docx", "--out", str(out)]) == 0
    (folder,) = out.glob("A_61_*")
    return lang, folder


def _in_order(lang: str, text: str) -> bool:
    """The signed line directly followed by the title (the Arabic title also stands in the heading)."""
    signed, title = NAME_FIRST[lang]
    return re.search(re.escape(signed) + r"\s+" + re.escape(title), text) is not None


def test_the_signature_is_name_first_in_html_docx_and_pdf(built):
    lang, folder = built
    suffix = lang.upper()
    (html,) = folder.glob(f"*-{suffix}.html")
    assert _in_order(lang, re.sub(r"<[^>]+>", " ", html.read_text(encoding="utf-8")))
    (docx,) = folder.glob(f"*-{suffix}.docx")
    with zipfile.ZipFile(docx) as z:
        runs = re.findall(r"<w:t[^>]*>([^<]*)</w:t>", z.read("word/document.xml").decode())
        assert _in_order(lang, " ".join(runs))
    require("pdftotext")
    (pdf,) = folder.glob(f"*-{suffix}.pdf")
    assert _in_order(lang, " ".join(pdftotext_pages(pdf)).translate(BIDI_CONTROLS))
