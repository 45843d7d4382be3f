"""Where the words of a page are: poppler's pdftotext -bbox for PDFs, Chromium for the HTML."""

from __future__ import annotations

import html
import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tests.clients.programs import ProgramError, _chromium, _insert_before, require, run_program


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def page_words(pdf: Path) -> list[list[Word]]:
    """The words of each page, with their boxes in points from the page's top left."""
    require("pdftotext")
    out = run_program(["pdftotext", "-bbox", "-enc", "UTF-8", pdf, "-"]).stdout
    return [[Word(html.unescape(m[5]), float(m[1]), float(m[2]), float(m[3]), float(m[4]))
             for m in _WORD.finditer(page)] for page in out.split("<page ")[1:]]


def find(words: list[Word], phrase: str) -> list[Word]:
    """The words of the first run of consecutive words that reads `phrase`."""
    wanted = phrase.split()
    for index in range(len(words) - len(wanted) + 1):
        if [w.text for w in words[index:index + len(wanted)]] == wanted:
            return words[index:index + len(wanted)]
    raise AssertionError(f"{phrase!r} is not on the page: {' '.join(w.text for w in words)[:3000]}")


def lines(words: list[Word]) -> list[str]:
    """The words grouped by the line they stand on (their top), top to bottom."""
    rows: dict[int, list[Word]] = {}
    for word in words:
        rows.setdefault(round(word.y0), []).append(word)
    return [" ".join(w.text for w in sorted(row, key=lambda w: w.x0)) for _, row in sorted(rows.items())]


_MEASURE = """<script>
(() => {
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const range = (node, contents) => { const r = document.createRange();
    contents ? r.selectNodeContents(node) : r.selectNode(node); return box(r); };
  const found = {};
  for (const [name, selector] of Object.entries(%s)) {
    found[name] = [...document.querySelectorAll(selector)].map(e => ({
      box: box(e), lines: [...new Set([...e.getClientRects()].map(r => Math.round(r.top)))].length,
      next: e.nextElementSibling ? box(e.nextElementSibling) : null,
      contents: range(e, true), following: e.nextSibling ? range(e.nextSibling, false) : null}));
  }
  document.documentElement.setAttribute("data-measured", JSON.stringify(found));
})();
</script>"""


def measure_html(html_path: Path, selectors: dict[str, str], width: int = 1000) -> dict:
    """For each CSS selector, each element's box (left, top, right, bottom in CSS pixels), the
    number of lines its inline boxes stand on, the box of the element after it (`next`), the box
    of its own contents, without its padding (`contents`), and of the node after it, a text too
    (`following`), as Chromium lays the page out in a window `width` pixels wide."""
    require("chromium")
    page = html_path.read_text(encoding="utf-8")
    page = _insert_before(page, "</body>", _MEASURE % json.dumps(selectors), at_end=True)
    with tempfile.TemporaryDirectory(prefix="unpress-measure-") as tmp:
        copy = Path(tmp) / html_path.name
        copy.write_text(page, encoding="utf-8")
        dom = _chromium([f"--window-size={width},1400", "--dump-dom", copy.as_uri()], tmp)
    match = re.search(r'data-measured="([^"]*)"', dom)
    if match is None:
        raise ProgramError(f"the measuring script left no result in the DOM of {html_path}")
    return json.loads(html.unescape(match.group(1)))
