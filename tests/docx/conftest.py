"""DOCX builds shared by the tests: the seed (French, Arabic), the fixture A/61/100, and a note that
uses every kind of block."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from tests.seed import SEED_CONTENT
from unpress.cli import main

FIXTURE = SEED_CONTENT.parents[1] / "tests" / "fixtures" / "A_61_100"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = {"w": W[1:-1]}

# Lists (an item with a paragraph after its nested list), a quotation, code, a link, emphasis and a note referred to twice: what neither the seed
# nor the fixture has.
EVERY_BLOCK = """---
heading: Note by the Secretariat
---

Text with *emphasis*, **strong**, ***both***, `code`, a [link](https://www.un.org/) and a note.[^a]
The same note again.[^a]

## A second-level heading

- a bullet
- another bullet
  1. nested first
  2. nested second

  The second bullet's own second paragraph, after its nested list.

> A quotation.

```
code line 1
code line 2
```

[^a]: The *note*, with a [link](https://undocs.org/).
"""


def build_docx(content: Path, out: Path, *options: str) -> Path:
    assert main(["build", str(content), "--format", "docx", "--out", str(out), *options]) == 0
    (docx,) = out.glob("*/*.docx")
    return docx


def every_block_content(folder: Path) -> Path:
    document = folder / "E_2006_1"
    (document / "en").mkdir(parents=True)
    (document / "document.yaml").write_text(
        "symbol: E/2006/1\ndistribution: limited\ndate: 2006-05-02\noriginal: en\n"
        "versions:\n  en:\n    title: A note with every kind of block\n", encoding="utf-8")
    (document / "en" / "body.md").write_text(EVERY_BLOCK, encoding="utf-8")
    return document


def part(docx: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(docx) as archive:
        return etree.fromstring(archive.read(name))


@pytest.fixture(scope="session")
def seed_docx(tmp_path_factory) -> Path:
    return build_docx(SEED_CONTENT, tmp_path_factory.mktemp("seed"), "--lang", "fr")


@pytest.fixture(scope="session")
def arabic_docx(tmp_path_factory) -> Path:
    return build_docx(SEED_CONTENT, tmp_path_factory.mktemp("seed-ar"), "--lang", "ar")


@pytest.fixture(scope="session")
def fixture_docx(tmp_path_factory) -> Path:
    return build_docx(FIXTURE, tmp_path_factory.mktemp("fixture"))


@pytest.fixture(scope="session")
def every_block_docx(tmp_path_factory) -> Path:
    content = every_block_content(tmp_path_factory.mktemp("content"))
    return build_docx(content, tmp_path_factory.mktemp("every-block"))
