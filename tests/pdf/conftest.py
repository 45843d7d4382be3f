"""Builds shared by the PDF tests: the seed (French) and the fixture A/61/100 (job number, QR code)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.seed import SEED_CONTENT
from unpress.cli import main

FIXTURE = SEED_CONTENT.parents[1] / "tests" / "fixtures" / "A_61_100"


def build_pdf(content: Path, out: Path, *options: str) -> Path:
    assert main(["build", str(content), "--format", "pdf", "--out", str(out), *options]) == 0
    (pdf,) = out.glob("*/*.pdf")
    return pdf


@pytest.fixture(scope="session")
def seed_pdf(tmp_path_factory) -> Path:
    return build_pdf(SEED_CONTENT, tmp_path_factory.mktemp("seed"), "--lang", "fr")


@pytest.fixture(scope="session")
def fixture_pdf(tmp_path_factory) -> Path:
    return build_pdf(FIXTURE, tmp_path_factory.mktemp("fixture"))
