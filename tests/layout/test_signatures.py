"""The order of a signature's lines by language (docs/organs.md, Signatures), in the model and in
the three formats: Spanish signs name first, as a real Spanish letter does (A/AC.154/383)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from tests.clients.programs import pdftotext_pages, require
from tests.seed import SEED_CONTENT
from unpress.cli import main
from unpress.read.content import load_document

SIGNED, TITLE = "(Firmado) Alain Cools", "El Encargado de Negocios interino"


@pytest.mark.parametrize("lang, order", [("en", ["signed", "title"]), ("ru", ["signed", "title"]),
                                         ("es", ["signed", "title"]), ("fr", ["title", "signed"]),
                                         ("zh", ["title", "signed"]), ("ar", ["title", "signed"])])
def test_each_language_orders_the_signature_as_its_locale_says(lang, order):
    document = load_document(SEED_CONTENT)[0]
    (version,) = [v for v in document.versions if v.lang == lang]
    (signature,) = version.parts[0].signatures
    assert [kind for kind, _ in signature.lines] == order


@pytest.fixture(scope="module")
def spanish(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("signatures")
    assert main(["build", str(SEED_CONTENT), "--lang", "es", "--format", "html,pdf,docx", "--out", str(out)]) == 0
    (folder,) = out.glob("A_61_*")
    return folder


def _in_order(text: str) -> bool:
    text = re.sub(r"\s+", " ", text)
    return 0 <= text.index(SIGNED) < text.index(TITLE)


def test_the_spanish_signature_is_name_first_in_html_docx_and_pdf(spanish):
    (html,) = spanish.glob("*-ES.html")
    assert _in_order(re.sub(r"<[^>]+>", " ", html.read_text(encoding="utf-8")))
    (docx,) = spanish.glob("*-ES.docx")
    with zipfile.ZipFile(docx) as z:
        assert _in_order(" ".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", z.read("word/document.xml").decode())))
    require("pdftotext")
    (pdf,) = spanish.glob("*-ES.pdf")
    assert _in_order(" ".join(pdftotext_pages(pdf)))
