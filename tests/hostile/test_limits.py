"""Numbers that every language must print in words: beyond what the locales can write is one line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.hostile.test_corpus import LINE
from unpress.cli import main

SEED = Path(__file__).parents[2] / "content" / "A_61_XXX"


@pytest.mark.parametrize("old, new, code", [
    ("session: 61", "session: 100", "bad-session"),  # Arabic and Chinese write 1 to 99 in words
    ("session: 61", "session: 0", "bad-session"),
    ("symbol: A/61/XXX", "symbol: [A/61/XXX, S/1945/300]", "bad-symbol"),  # the Council's year 0
    ("symbol: A/61/XXX", "symbol: [A/61/XXX, S/2999/300]", "bad-symbol"),
])
def test_a_number_no_language_can_print_in_words_is_one_line(tmp_path, capsys, old, new, code):
    folder = tmp_path / "A_61_XXX"
    shutil.copytree(SEED, folder)
    text = (folder / "document.yaml").read_text(encoding="utf-8")
    assert re.search(f"^{re.escape(old)}$", text, re.MULTILINE)
    (folder / "document.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    status = main(["build", str(folder), "--format", "html", "--out", str(tmp_path / "dist")])
    err = [line for line in capsys.readouterr().err.splitlines() if "warning:" not in line]
    assert status == 1, err
    assert [LINE.match(line)["code"] for line in err] == [code], err


# Markup whose words end up outside a text token: in an address, a title, a label.
MARKUP = """\
A [link](http://example.org/caf%C3%A9 "Its title words") and [another][Ref], <http://例え.jp/été>,
`code words`, a note[^egmont], &amp; &copy; x&#169;y, \\*not emphasis\\*, [x](<with space>), a hard\\
break, <span>raw</span>, and ***strong emphasis*** in العربية and 中文.

| cell one | cell two |
|---|---|
| (a) label | 1. number |

[ref]: http://example.org/reference "A reference title"
[^egmont]: The Egmont Palace.
"""


def parsed_tokens(text: str):
    from unpress.read.markdown import _PARSER

    env: dict = {}
    return _PARSER.parse(text, env), env


def test_every_word_of_rich_markup_is_found_in_its_tokens():
    from unpress.read.markdown import _unshown_word

    assert _unshown_word(*parsed_tokens(MARKUP)) is None


def test_a_word_the_parser_dropped_is_found_missing():
    """The guard itself: were a parser to drop a text token, the word is reported at its line."""
    from unpress.read.markdown import _unshown_word

    tokens, env = parsed_tokens("First paragraph.\n\nSecond *paragraph with\nlost words* here.\n")
    inline = [token for token in tokens if token.type == "inline"][1]
    inline.children = [child for child in inline.children if "lost" not in child.content]
    assert _unshown_word(tokens, env) == (3, "lost")  # the line where its paragraph starts
