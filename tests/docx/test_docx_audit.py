"""Every DOCX unpress makes passes openxml-audit (the Open XML SDK's schema and semantic rules, in
its default mode) with no error: the seed in six languages, the shapes, the test documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from openxml_audit import OpenXmlValidator
from openxml_audit.semantic.constraints import cross_part

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
    **{f"kind {path.name}": path for path in sorted((TESTS / "kinds").iterdir()) if (path / "document.yaml").is_file()},
}


@pytest.fixture(scope="module")
def validator():
    # openxml-audit (0.8) caches the ids it looks up in another part (the footnotes that a
    # w:footnoteReference names) under id() of the package being validated, in constraint objects
    # that outlive it: a later package allocated at a freed one's address was checked against the
    # earlier document's notes ("Attribute 'id' value '1' was not found in FootnotesPart"), now
    # and then, as memory was reused. Keeping every package alive keeps each id its own.
    packages = []
    original = cross_part._cache_key

    def cache_key(context, part_path, part_uris):
        if context.package is not None and (not packages or packages[-1] is not context.package):
            packages.append(context.package)
        return original(context, part_path, part_uris)

    cross_part._cache_key = cache_key
    yield OpenXmlValidator()
    cross_part._cache_key = original


@pytest.mark.parametrize("case", CASES)
def test_openxml_audit_finds_no_error(case, tmp_path, validator):
    assert main(["build", str(CASES[case]), "--format", "docx", "--out", str(tmp_path)]) == 0
    docx = sorted(tmp_path.glob("*/*.docx"))
    assert docx
    for path in docx:
        result = validator.validate(path)
        assert [error.description for error in result.errors] == [], path.name
        assert result.is_valid
