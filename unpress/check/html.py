"""The HTML reader of `unpress check`: the DOM, with lxml (XPath: nothing beyond lxml itself)."""

from __future__ import annotations

from pathlib import Path

import lxml.html

from .facts import Block, Facts, normalise

# Elements that begin and end a block of text; the text of anything else runs on within its block.
_BLOCK_TAGS = frozenset("address article aside blockquote dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
                        "header li main nav ol p pre section table tbody td tfoot th thead tr ul".split())


def _has_class(name: str) -> str:
    """An XPath test for an element with the class `name` among its classes."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def _blocks(main) -> tuple[Block, ...]:
    """The text of `main` in reading order, cut where a block begins or ends; not the notes,
    which are compared by their marks."""
    blocks: list[Block] = []
    pending: list[str] = []

    def flush() -> None:
        text = normalise("".join(pending))
        if text:
            blocks.append(Block(text))
        pending.clear()

    def visit(element) -> None:
        if not isinstance(element.tag, str):  # a comment or processing instruction
            return
        if element.tag == "section" and "notes" in element.get("class", "").split():
            return
        block = element.tag in _BLOCK_TAGS
        if block:
            flush()
        if element.tag == "br":
            pending.append(" ")
        pending.append(element.text or "")
        for child in element:
            visit(child)
            pending.append(child.tail or "")
        if block:
            flush()

    if main is not None:
        visit(main)
    flush()
    return tuple(blocks)


def read_html(path: Path) -> Facts:
    root = lxml.html.fromstring(path.read_bytes())

    def texts(xpath: str, within=root) -> tuple[str, ...]:
        return tuple(normalise(e.text_content()) for e in within.xpath(xpath))

    main = root.find(".//main")
    blocks = _blocks(main)
    notes = []
    for note in root.xpath(f"//*[{_has_class('notes')}]//*[@role='doc-footnote']"):
        marks = texts(f".//*[{_has_class('note-mark')}]", note)
        for element in note.xpath(f".//*[{_has_class('note-mark')} or @role='doc-backlink']"):
            element.drop_tree()
        notes.append((marks[0] if marks else "", normalise(note.text_content())))
    job = texts(f"//*[{_has_class('job-line')}]")
    return Facts(
        symbols=texts(f"//*[{_has_class('masthead')}]//*[{_has_class('symbol')}]"),
        masthead=texts(f"//*[{_has_class('masthead')}]//*[{_has_class('distribution')}]//p"),
        notes=tuple(notes),
        labels=tuple(label.rstrip() for label in texts(f"//main//*[{_has_class('labelled')}]/*[{_has_class('label')}]")),
        job=job[0] if job else None,
        document_title=" ".join(texts("/html/head/title")),
        blocks=blocks,
        figures=tuple((normalise(" ".join(texts("figcaption/span", figure))),
                       normalise((figure.xpath(f".//img[{_has_class('figure-image')}]/@alt") or [""])[0]))
                      for figure in root.xpath(f"//main//figure[{_has_class('figure')}]")),
    )
