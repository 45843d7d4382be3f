"""The YAML of documents is read with libyaml's parser and PyYAML's composer; PyYAML's own
Python parser is the reference: the same values, types as typed and lines, and its messages."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from unpress.read import yamlsource
from unpress.read.yamlsource import YamlError, read_yaml

ROOT = Path(__file__).parents[2]
pytestmark = pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML without libyaml")


def texts() -> list[tuple[str, str, int]]:
    """Every document.yaml and Markdown front matter of the repository's documents and fixtures."""
    found = []
    for folder in ("content", "tests"):
        for path in sorted((ROOT / folder).rglob("document.yaml")):
            found.append((str(path), path.read_text(encoding="utf-8"), 1))
        for path in sorted((ROOT / folder).rglob("*.md")):
            text = path.read_text(encoding="utf-8")
            if text.startswith("---\n") and "\n---" in text[3:]:
                found.append((str(path), text[4:text.index("\n---", 3) + 1], 2))
    return found


def pure(text: str, first_line: int = 1):
    """read_yaml as it was with PyYAML's Python parser alone."""
    original = yamlsource._FastLoader
    try:
        yamlsource._FastLoader = yamlsource._StrictLoader
        return read_yaml(text, first_line)
    finally:
        yamlsource._FastLoader = original


def test_the_repository_s_yaml_reads_as_with_the_python_parser():
    found = texts()
    assert len(found) > 50
    for name, text, first_line in found:
        assert read_yaml(text, first_line) == pure(text, first_line), name


SAMPLES = [
    "a:\nb: ~\nc: ''\nd: null\ne: |\n  x\n  y\nf: >\n  p\n  q\ng: 's'\nh: 2006-04-25\ni: 0641234\nj: [1, x]\n",
    "k:\n  - one\n  -\n  - {x: 1, y: [a, b]}\nl: \"\\u00e9\"\nm: yes\nn: 1.50\n",
]


def test_plain_empty_values_are_nothing_and_quoted_ones_text():
    for text in SAMPLES:
        assert read_yaml(text) == pure(text)
    values = read_yaml(SAMPLES[0]).data
    assert [values[key].data for key in "abcdi"] == [None, None, "", None, "0641234"]
    assert values["e"].line == 5 and values["h"].data == "2006-04-25"


@pytest.mark.parametrize("text", [
    "a: [1, 2\nb: 3:",                 # a syntax error: PyYAML's message, not libyaml's
    "a: b: c",
    "\tkey: v",
    "x: 1\na: &s 1\nb: *s",           # refused by the composer on either parser
    'a: "\\ud800"',                   # a lone surrogate libyaml cannot even encode
    "a: " + "[" * 60 + "]" * 60,      # nested too deep
    "a: !!python/object:os.system x",
])
def test_mistakes_are_reported_as_by_the_python_parser(text):
    with pytest.raises(YamlError) as fast:
        read_yaml(text, 3)
    with pytest.raises(YamlError) as reference:
        pure(text, 3)
    assert (fast.value.line, fast.value.message) == (reference.value.line, reference.value.message)
