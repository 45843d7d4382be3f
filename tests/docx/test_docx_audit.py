"""Every DOCX unpress makes passes openxml-audit (the Open XML SDK's schema and semantic rules, in
its default mode) with no error: the seed in six languages, the shapes, the test documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from openxml_audit import OpenXmlValidator

from tests.seed import SEED_CONTENT
from unpress.cli import main

TESTS = Path(__file__).parents[1]
CASES = {
    "seed": SEED_CONTENT,
    "fixture": TESTS / "fixtures" / "A_61_100",
    "languages": TESTS / "languages" / "A_61_100",
    "figures": TESTS / "figures" / "A_61_300",
    **{f"shape {path.name}": path for path in sorted((TESTS / "shapes").iterdir()) if path.is_dir()},
    **{f"organ {path.name}": path for path in sorted((TESTS / "organs").iterdir()) if path.is_dir()},
    **{f"draft {path.name}": path for path in sorted((TESTS / "drafts").iterdir()) if (path / "document.yaml").is_file()},
}


@pytest.fixture(scope="module")
def validator():
    return OpenXmlValidator()


@pytest.mark.parametrize("case", CASES)
def test_openxml_audit_finds_no_error(case, tmp_path, validator):
    assert main(["build", str(CASES[case]), "--format", "docx", "--out", str(tmp_path)]) == 0
    docx = sorted(tmp_path.glob("*/*.docx"))
    assert docx
    for path in docx:
        result = validator.validate(path)
        assert [error.description for error in result.errors] == [], path.name
        assert result.is_valid
