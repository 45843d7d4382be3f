"""XLIFF 1.2 for CAT tools: a language version as segments to translate, the structure kept (see docs/translation.md).

One `<file>` per part (its `original` the Markdown file) and one for the facts; a `<group>` per block
carries its kind (and a label's letter or number) in `up:` attributes; each sentence is a
`<trans-unit>`; emphasis, links and note references are inline codes (`<g>`, `<x>`, `<ph>`), so a
translator moves them but cannot lose them unseen; each note is a group of its own. Boilerplate
(masthead, session, agenda, signatures' "(Signed)") is not there: the locales translate it.
"""

from __future__ import annotations

import hashlib
import string
from collections.abc import Iterator

import icu
from lxml import etree
from translate.storage import xliff

from .. import __version__
from .. import model as m
from ..locale import OFFICIAL_LANGUAGES, get_locale

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
UNPRESS_NS = "urn:unpress:xliff"  # XLIFF 1.2 admits attributes of other namespaces on file, group, unit
UP = f"{{{UNPRESS_NS}}}"
FACTS = "document.yaml"

# Languages whose sentences are not separated by a space.
UNSPACED = {"zh"}


def sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """Where each sentence of `text` starts and ends, by ICU's rules for the language
    (with the CLDR list of abbreviations that end no sentence: "Mr.", "M.", "etc.")."""
    iterator = icu.BreakIterator.createSentenceInstance(icu.Locale(f"{lang}@ss=standard"))
    iterator.setText(text)
    # ICU counts in UTF-16 code units; the text may hold characters beyond the BMP.
    units = [0]
    for char in text:
        units.append(units[-1] + (2 if ord(char) > 0xFFFF else 1))
    index = {unit: position for position, unit in enumerate(units)}
    bounds, start = [], 0
    for end in iterator:
        bounds.append((start, index[end]))
        start = index[end]
    return bounds or [(0, len(text))]


# --- inlines as a flat run of text and codes --------------------------------------------------

class _Code:
    """An inline code in a flattened block: an opening or closing `<g>`, or a standalone code."""

    def __init__(self, tag: str, kind: str, attributes: dict[str, str], text: str = ""):
        self.tag, self.kind, self.attributes, self.text = tag, kind, attributes, text


def _flatten(nodes, counter: Iterator[int]) -> list[str | _Code]:
    out: list[str | _Code] = []
    for node in nodes:
        if isinstance(node, m.Text):
            out.append(node.text)
        elif isinstance(node, (m.Emphasis, m.Strong, m.Link)):
            ctype = {m.Emphasis: "italic", m.Strong: "bold", m.Link: "link"}[type(node)]
            attributes = {"id": str(next(counter)), "ctype": ctype}
            if isinstance(node, m.Link):
                attributes[f"{UP}href"] = node.href
            out.append(_Code("g", "open", attributes))
            out.extend(_flatten(node.children, counter))
            out.append(_Code("g", "close", {}))
        elif isinstance(node, m.Code):
            out.append(_Code("ph", "alone", {"id": str(next(counter)), "ctype": "x-code"}, node.text))
        elif isinstance(node, m.LineBreak):
            out.append(_Code("x", "alone", {"id": str(next(counter)), "ctype": "lb"}))
        elif isinstance(node, m.NoteRef):
            out.append(_Code("x", "alone", {"id": str(next(counter)), "ctype": "x-noteref",
                                            f"{UP}note": node.note_id, "equiv-text": f"[{node.mark}]"}))
        elif isinstance(node, m.Image):
            # The alternative text is translated; the image (its path as typed) stays where it is.
            out.append(_Code("g", "open", {"id": str(next(counter)), "ctype": "x-image",
                                           f"{UP}src": node.image.source}))
            out.append(node.alt)
            out.append(_Code("g", "close", {}))
    return out


def _segments(run: list[str | _Code], lang: str) -> list[list[str | _Code]]:
    """The run cut into sentences; never inside an emphasis or link (a sentence that ends in one
    goes on with the next), a code at a boundary staying with the sentence before it."""
    text = "".join(item for item in run if isinstance(item, str))
    cuts = {end for _, end in sentences(text, lang)} - {len(text)}
    segments: list[list[str | _Code]] = [[]]
    position, depth = 0, 0
    for item in run:
        if isinstance(item, _Code):
            depth += {"open": 1, "close": -1}.get(item.kind, 0)
            segments[-1].append(item)
            continue
        start = position
        position += len(item)
        pieces = [cut for cut in sorted(cuts) if start < cut < position or (cut == position and depth == 0)]
        last = start
        for cut in pieces:
            segments[-1].append(item[last - start:cut - start])
            last = cut
            if depth == 0:
                segments.append([])
        if last < position:
            segments[-1].append(item[last - start:])
    return [segment for segment in segments if any(isinstance(i, _Code) or i.strip() for i in segment)]


def _source(segment: list[str | _Code], tag: str = "source"):
    """A segment as an XLIFF `<source>` (or `<target>`), white space at its ends left out."""
    source = etree.Element(f"{{{XLIFF_NS}}}{tag}")
    stack = [source]
    for item in segment:
        if isinstance(item, str):
            node = stack[-1]
            if len(node):
                node[-1].tail = (node[-1].tail or "") + item
            else:
                node.text = (node.text or "") + item
        elif item.kind == "open":
            stack.append(etree.SubElement(stack[-1], f"{{{XLIFF_NS}}}g", item.attributes))
        elif item.kind == "close":
            stack.pop()
        else:
            code = etree.SubElement(stack[-1], f"{{{XLIFF_NS}}}{item.tag}", item.attributes)
            code.text = item.text or None
    _strip(source)
    return source


def _strip(element) -> None:
    if element.text:
        element.text = element.text.lstrip()
    last = element[-1] if len(element) else None
    if last is None:
        element.text = (element.text or "").rstrip()
    elif last.tail:
        last.tail = last.tail.rstrip()


# --- the file ---------------------------------------------------------------------------------

def label_value(block: m.LabelledParagraph) -> str:
    """The letter or number a writer types for a label: "b" for the second lettered paragraph."""
    return string.ascii_lowercase[block.number - 1] if block.style == "lettered" else str(block.number)


class _Export:
    def __init__(self, source: m.Version, target: m.Version | None, target_lang: str, symbol: str):
        self.version, self.target, self.lang = source, target, source.lang
        self.locale = get_locale(source.lang)
        self.root = etree.Element(f"{{{XLIFF_NS}}}xliff", {"version": "1.2"}, nsmap={None: XLIFF_NS, "up": UNPRESS_NS})
        self.target_lang = target_lang
        self.symbol = symbol

    def file(self, original: str, digest: str):
        node = etree.SubElement(self.root, f"{{{XLIFF_NS}}}file", {
            "original": original, "source-language": self.version.lang, "target-language": self.target_lang,
            "datatype": "x-unpress-markdown" if original != FACTS else "x-unpress-facts",
            f"{UP}symbol": self.symbol, f"{UP}sha256": digest})
        header = etree.SubElement(node, f"{{{XLIFF_NS}}}header")
        etree.SubElement(header, f"{{{XLIFF_NS}}}tool", {"tool-id": "unpress", "tool-name": "unpress",
                                                         "tool-version": __version__})
        etree.SubElement(node, f"{{{XLIFF_NS}}}body")
        return node

    def group(self, parent, resname: str, restype: str, **extra: str):
        group = etree.SubElement(parent, f"{{{XLIFF_NS}}}group", {"resname": resname, "restype": restype})
        for key, value in extra.items():
            group.set(f"{UP}{key}", value)
        return group

    def units(self, group, nodes, prefill, sentences: bool = True) -> None:
        """The sentences of `nodes` as units of `group` (a heading or a title line is one unit, its
        typed number with it); `prefill`, the same block in the target version, gives each sentence
        its translation when it has as many of them."""
        def cut(run, lang):
            return _segments(run, lang) if sentences else [run]
        segments = cut(_flatten(nodes, iter(range(1, 10**6))), self.lang)
        done = cut(_flatten(prefill, iter(range(1, 10**6))), self.target.lang) if prefill is not None else []
        if len(done) != len(segments):
            done = []
        for number, segment in enumerate(segments, start=1):
            unit = etree.SubElement(group, f"{{{XLIFF_NS}}}trans-unit", {"id": f"{group.get('resname')}.s{number}"})
            unit.append(_source(segment))
            if done:
                target = _source(done[number - 1], "target")
                target.set("state", "translated")  # as the target version has it: to review, not to redo
                target.set("state-qualifier", "leveraged-inherited")
                unit.append(target)

    def block(self, parent, name: str, block, prefill) -> None:
        if isinstance(block, m.Paragraph):
            self.units(self.group(parent, name, "x-paragraph"), block.children, getattr(prefill, "children", None))
        elif isinstance(block, m.Heading):
            self.units(self.group(parent, name, "x-heading", level=str(block.level)), block.children,
                       getattr(prefill, "children", None), sentences=False)
        elif isinstance(block, m.LabelledParagraph):
            self.units(self.group(parent, name, f"x-{block.style}", label=label_value(block)),
                       block.children, getattr(prefill, "children", None))
        elif isinstance(block, m.ListBlock):
            group = self.group(parent, name, "x-list", ordered="yes" if block.ordered else "no", start=str(block.start))
            theirs = prefill.items if isinstance(prefill, m.ListBlock) and len(prefill.items) == len(block.items) else None
            for i, item in enumerate(block.items, start=1):
                item_group = self.group(group, f"{name}.i{i}", "x-item")
                self.blocks(item_group, f"{name}.i{i}", item, theirs[i - 1] if theirs else None)
        elif isinstance(block, m.Quote):
            group = self.group(parent, name, "x-quote")
            self.blocks(group, name, block.children, prefill.children if isinstance(prefill, m.Quote) else None)
        elif isinstance(block, m.CodeBlock):
            group = self.group(parent, name, "x-codeblock")
            # Code is not translated: it stays as typed.
            unit = etree.SubElement(group, f"{{{XLIFF_NS}}}trans-unit", {"id": f"{name}.s1", "translate": "no"})
            etree.SubElement(unit, f"{{{XLIFF_NS}}}source").text = block.text
        elif isinstance(block, m.Figure):
            self.figure(parent, name, block, prefill)
        elif isinstance(block, m.Table):
            group = self.group(parent, name, "x-table", header=str(len(block.header)))
            rows = block.header + block.rows
            theirs = (prefill.header + prefill.rows) if isinstance(prefill, m.Table) else None
            for r, row in enumerate(rows, start=1):
                row_group = self.group(group, f"{name}.r{r}", "x-row")
                for c, cell in enumerate(row, start=1):
                    other = theirs[r - 1][c - 1].children if theirs and r <= len(theirs) and c <= len(theirs[r - 1]) else None
                    self.units(self.group(row_group, f"{name}.r{r}.c{c}", "x-cell", align=cell.align or ""),
                               cell.children, other)

    def figure(self, parent, name: str, block: m.Figure, prefill) -> None:
        """A figure: its caption and its alternative text to translate, its image by its path."""
        group = self.group(parent, name, "x-figure", src=block.image.image.source)
        theirs = prefill if isinstance(prefill, m.Figure) else None
        if block.caption:
            self.units(self.group(group, f"{name}.caption", "x-caption"), block.caption,
                       theirs.caption if theirs else None, sentences=False)
        self.units(self.group(group, f"{name}.alt", "x-alt"), (m.Text(block.image.alt),),
                   (m.Text(theirs.image.alt),) if theirs else None, sentences=False)

    def blocks(self, parent, prefix: str, blocks, prefill) -> None:
        theirs = list(prefill) if prefill is not None and len(prefill) == len(blocks) else None
        for number, block in enumerate(blocks, start=1):
            other = theirs[number - 1] if theirs and type(theirs[number - 1]) is type(block) else None
            self.block(parent, f"{prefix}.b{number}", block, other)

    def part(self, part: m.Part, digest: str) -> None:
        theirs = next((p for p in self.target.part_files if p.anchor == part.anchor), None) if self.target else None
        node = self.file(part.source.rsplit("/", 1)[-1], digest)
        node.set(f"{UP}kind", part.kind)
        body = node.find(f"{{{XLIFF_NS}}}body")
        front = self.group(body, "front", "x-front")
        if part.heading:
            self.units(self.group(front, "heading", "x-heading"), part.heading, theirs.heading if theirs else None,
                       sentences=False)
        for number, line in enumerate(part.title, start=1):
            their = theirs.title[number - 1] if theirs and len(theirs.title) == len(part.title) else None
            self.units(self.group(front, f"title.{number}", "x-title"), line, their, sentences=False)
        if part.original_note:  # "[Original: French]": the language code the front matter names
            front.set(f"{UP}original", next(code for code in OFFICIAL_LANGUAGES
                                            if self.locale.annex_original(code) == part.original_note))
        for number, signature in enumerate(part.signatures, start=1):
            # A name is written in the target's script ("Ален Колс"), so it is a unit too.
            group = self.group(front, f"signature.{number}", "x-signature")
            their = theirs.signatures[number - 1] if theirs and len(theirs.signatures) >= number else None
            if signature.title:
                self.units(self.group(group, f"signature.{number}.title", "x-signature-title"),
                           (m.Text(signature.title),), (m.Text(their.title),) if their and their.title else None,
                           sentences=False)
            self.units(self.group(group, f"signature.{number}.name", "x-signature-name"), (m.Text(signature.name),),
                       (m.Text(their.name),) if their else None, sentences=False)
        self.blocks(body, "body", part.blocks, theirs.blocks if theirs else None)
        notes = {ref.note_id for ref in m.walk(part.blocks + (m.Paragraph(part.heading),)) if isinstance(ref, m.NoteRef)}
        their_notes = {n.note_id: n for n in self.target.notes} if self.target else {}
        for note in self.version.notes:
            if note.note_id in notes:
                other = their_notes.get(note.note_id)
                self.units(self.group(body, f"note.{note.note_id}", "x-footnote", mark=note.mark), note.children,
                           other.children if other else None)

    def facts(self, digest: str) -> None:
        node = self.file(FACTS, digest)
        body = node.find(f"{{{XLIFF_NS}}}body")
        their = (m.Text(self.target.title),) if self.target else None
        self.units(self.group(body, "title", "x-title"), (m.Text(self.version.title),), their, sentences=False)


def export_xliff(source: m.Version, target: m.Version | None, target_lang: str, symbol: str,
                 digests: dict[str, str]) -> bytes:
    """The source version as XLIFF 1.2 to translate into `target_lang`; `target`, the version in that
    language when there is one, pre-fills the segments it already has. `digests`: the sha256 of each
    part file of the source (by file name) and of document.yaml, so that an import knows what it
    translated."""
    export = _Export(source, target, target_lang, symbol)
    export.facts(digests.get(FACTS, ""))
    for part in source.part_files:
        export.part(part, digests.get(part.source.rsplit("/", 1)[-1], ""))
    # translate-toolkit writes the file: what it cannot read, no CAT tool should be handed.
    return bytes(xliff.xlifffile.parsestring(etree.tostring(export.root, encoding="UTF-8", xml_declaration=True)))


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
