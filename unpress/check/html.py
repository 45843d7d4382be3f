"""The HTML reader of `unpress check`: the DOM, with lxml (XPath: nothing beyond lxml itself)."""

from __future__ import annotations

import base64
import binascii
import re
import urllib.parse
from pathlib import Path

import lxml.html

from ..manifest import sha256
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
        if (element.tag == "section" and "notes" in element.get("class", "").split()) or (
                element.tag == "nav" and "contents" in element.get("class", "").split()):
            return  # compared by their marks, and as the Contents table (_contents)
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


MAX_IMAGE_BYTES = 200 * 2**20  # an image file larger is not read
_HEX = re.compile("[0-9a-f]{64}")


def image_digest(src: str, page: Path, inside: Path) -> str:
    """The SHA-256 of the bytes an <img src> gives: a data: URI's, or a file's, the address taken
    from the page's folder; it must stay inside the build folder `inside` and be a regular file
    there. Where it gives no bytes, why."""
    if src.startswith("data:"):
        head, _, data = src.partition(",")
        try:
            return sha256(base64.b64decode(data, validate=True) if head.endswith(";base64")
                          else urllib.parse.unquote_to_bytes(data))
        except (binascii.Error, ValueError):
            return f"img src {src[:40]}...: a data: address that does not decode"
    parts = urllib.parse.urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path:
        return f"img src {src}: an address outside the build folder"
    target = (page.parent / urllib.parse.unquote(parts.path)).resolve()
    if not target.is_relative_to(inside.resolve()):
        return f"img src {src}: a file outside the build folder"
    if not target.is_file():
        return f"img src {src}: no such file in the build folder"
    if target.stat().st_size > MAX_IMAGE_BYTES:
        return f"img src {src}: a file larger than {MAX_IMAGE_BYTES // 2**20} MB, not read"
    return sha256(target.read_bytes())


def _contents(root) -> tuple[str, ...] | None:
    """A report's Contents table: its heading, then each entry's link and paragraphs as one line,
    the line over the annexes where it stands among them."""
    nav = root.xpath(f"//main//nav[{_has_class('contents')}]")
    if not nav:
        return None
    heading = nav[0].xpath(f".//*[{_has_class('contents-heading')}]")
    return (normalise(heading[0].text_content()) if heading else "",) + tuple(
        normalise(entry.text_content()) for entry in nav[0].xpath(
            f".//li[{_has_class('contents-entry')}] | .//*[{_has_class('contents-annexes')}]"))


def read_html(path: Path, inside: Path | None = None) -> Facts:
    """What the page shows; its images' files must be inside the build folder `inside` (by
    default the folder of the page's document folder)."""
    root = lxml.html.fromstring(path.read_bytes())
    inside = inside if inside is not None else path.parent.parent

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
        labels=tuple(label.rstrip() for label in texts(f"//main//*[{_has_class('labelled')}]/*[{_has_class('label')}]"
                                                       f" | //main//*[{_has_class('heading-number')}]")),
        job=job[0] if job else None,
        document_title=" ".join(texts("/html/head/title")),
        blocks=blocks,
        figures=tuple((normalise(" ".join(texts("figcaption/span", figure))),
                       normalise((figure.xpath(f".//img[{_has_class('figure-image')}]/@alt") or [""])[0]))
                      for figure in root.xpath(f"//main//figure[{_has_class('figure')}]")),
        images=tuple(image_digest(src, path, inside) for src in
                     root.xpath(f"//main//img[not(ancestor::*[{_has_class('notes')}])]/@src")),
        image_problems=tuple(found for src in root.xpath("//img[not(ancestor::main)]/@src")
                             if not _HEX.fullmatch(found := image_digest(src, path, inside))),
        contents=_contents(root),
    )
