"""The HTML pages pass the Nu Html Checker and axe-core (WCAG 2.1 A and AA) in Chromium."""

from __future__ import annotations

import pytest

from tests.clients.programs import axe_violations, require, vnu_errors
from tests.seed import SEED_CONTENT
from unpress.cli import main

pytestmark = pytest.mark.client

FIXTURES = SEED_CONTENT.parents[1] / "tests" / "fixtures"


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> list:
    """The seed's HTML (French and English), the fixture's (numbered notes, a table, a job number)
    and every shape of document in tests/shapes, in draft mode."""
    out = tmp_path_factory.mktemp("dist")
    assert main(["build", str(SEED_CONTENT), str(FIXTURES / "A_61_100"), "--format", "html",
                 "--lang", "fr,en", "--out", str(out)]) == 0
    shapes = out / "shapes"
    assert main(["build", str(FIXTURES.parent / "shapes"), "--format", "html", "--draft", "--out", str(shapes)]) == 0
    return sorted(out.glob("*/*.html")) + sorted(shapes.glob("*/*.html"))


def test_the_pages_have_no_nu_html_checker_errors(pages):
    require("vnu")
    assert [page.name for page in pages][:3] == ["A_61_100-EN.html", "A_61_XXX-EN.html", "A_61_XXX-FR.html"]
    assert len(pages) == 8
    for page in pages:
        assert vnu_errors(page) == [], page.name


def test_the_pages_have_no_axe_violations_of_wcag_21_aa(pages):
    require("axe")
    for page in pages:
        violations = axe_violations(page)
        assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == [], page.name
