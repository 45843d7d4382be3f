"""The reader of a translated XLIFF 1.2 file (as `unpress translate export` writes it) into target parts.

What the translator wrote comes back as model blocks in the structure of the file; the structure
itself is compared with what the source version makes today, so that a file that lost a unit, a
paragraph, a label or a note reference is refused with one line for each loss, never half-read.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from translate.storage import xliff

from .. import model as m
from ..locale import OFFICIAL_LANGUAGES, Locale, get_locale
from ..problems import WARNING, Problem
from ..render.xliff import FACTS, UP, XLIFF_NS

MAX_BYTES = 50 * 1024 * 1024  # a translation file of a whole report is a few megabytes
_X = f"{{{XLIFF_NS}}}"
# The states in which a translator has said a target is done; others are to be confirmed.
_DONE = {"translated", "final", "signed-off"}
_UNDONE = {"new", "needs-translation"}
# Entities are never expanded and no DTD is read: a file is data from outside.
XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@dataclass
class TranslatedPart:
    file: str  # "annex.md"
    kind: str  # "letter", "annex", ...
    source_sha256: str
    heading: tuple[m.Inline, ...] = ()
    title: list[tuple[m.Inline, ...]] = field(default_factory=list)
    original: str | None = None  # the language an annex was submitted in (front matter `original`)
    signatures: list[tuple[str, str | None]] = field(default_factory=list)  # (name, title)
    blocks: list[m.Block] = field(default_factory=list)
    notes: dict[str, tuple[m.Inline, ...]] = field(default_factory=dict)  # note id -> its text
    untranslated: int = 0
    unconfirmed: int = 0


@dataclass
class Translation:
    path: Path
    symbol: str
    source_lang: str
    target_lang: str
    title: tuple[m.Inline, ...] | None
    parts: list[TranslatedPart]
    problems: list[Problem]


class _Reader:
    def __init__(self, path: Path, target_locale: Locale):
        self.path = path
        self.locale = target_locale
        self.problems: list[Problem] = []

    def problem(self, where: str, message: str, code: str, severity: str = "error") -> None:
        self.problems.append(Problem(str(self.path), None, where, message, code, severity))

    # --- one unit's target as inlines ---

    def unit(self, unit, part: TranslatedPart) -> tuple[m.Inline, ...]:
        """The target of a unit; its source where there is none, counted and reported."""
        where = f"{part.file}#{unit.get('id')}"
        source, target = unit.find(f"{_X}source"), unit.find(f"{_X}target")
        if unit.get("translate") == "no":
            return (m.Text(source.text or ""),)
        state = target.get("state", "translated") if target is not None else "new"
        empty = target is None or not ("".join(target.itertext()).strip() or len(target))
        if empty or state in _UNDONE:
            part.untranslated += 1
            self.problem(where, "untranslated: the source text is kept; translate it and import again",
                         "xliff-untranslated", WARNING)
            target = source
        elif state not in _DONE:
            part.unconfirmed += 1
            self.problem(where, f'unconfirmed (state "{state}"): imported as it is; confirm it in the CAT tool',
                         "xliff-unconfirmed", WARNING)
        codes = {code.get("id"): code for code in source.iter(f"{_X}g", f"{_X}x", f"{_X}ph")}
        seen = [code.get("id") for code in target.iter(f"{_X}g", f"{_X}x", f"{_X}ph")]
        for code_id in seen:
            if code_id not in codes:
                self.problem(where, f'inline code {code_id} is not in the source: restore the unit\'s codes '
                             'as the source has them', "xliff-code")
        for code_id, code in codes.items():
            if code_id not in seen:
                what = "note reference" if code.get("ctype") == "x-noteref" else f"inline code {code_id}"
                self.problem(where, f"the target loses the source's {what}: put it back where it belongs",
                             "xliff-lost-code")
        return tuple(self.inlines(target, codes))

    def inlines(self, element, codes) -> list[m.Inline]:
        out: list[m.Inline] = []
        if element.text:
            out.append(m.Text(element.text))
        for child in element:
            source = codes.get(child.get("id"))
            tag = etree.QName(child).localname
            if source is not None and tag == etree.QName(source).localname:
                ctype = source.get("ctype")
                if tag == "g" and ctype == "x-image":
                    out.append(_image(_plain(self.inlines(child, codes)), source.get(f"{UP}src", "")))
                elif tag == "g":
                    inner = tuple(self.inlines(child, codes))
                    out.append(m.Emphasis(inner) if ctype == "italic" else m.Strong(inner) if ctype == "bold"
                               else m.Link(source.get(f"{UP}href", ""), inner))
                elif ctype == "lb":
                    out.append(m.LineBreak())
                elif ctype == "x-noteref":
                    out.append(m.NoteRef("", source.get(f"{UP}note", ""), ""))
                else:  # code, as typed in the source
                    out.append(m.Code(source.text or ""))
            if child.tail:
                out.append(m.Text(child.tail))
        return out

    def units(self, group, part: TranslatedPart) -> tuple[m.Inline, ...]:
        """The units of a group joined into one text, as the target language separates sentences."""
        joiner = "" if self.locale.code == "zh" else " "
        out: list[m.Inline] = []
        for number, unit in enumerate(group.findall(f"{_X}trans-unit")):
            if number and joiner:
                out.append(m.Text(joiner))
            out.extend(self.unit(unit, part))
        return tuple(_merge_text(out))

    # --- blocks ---

    def blocks(self, parent, part: TranslatedPart) -> list[m.Block]:
        return [block for group in parent.findall(f"{_X}group") if (block := self.block(group, part)) is not None]

    def block(self, group, part: TranslatedPart) -> m.Block | None:
        restype = group.get("restype")
        if restype == "x-paragraph":
            return m.Paragraph(self.units(group, part))
        if restype == "x-heading":
            return m.Heading(int(group.get(f"{UP}level", "1")), self.units(group, part))
        if restype in ("x-lettered", "x-numbered"):
            value = group.get(f"{UP}label", "")
            if restype == "x-lettered" and len(value) == 1 and value in string.ascii_lowercase:
                number, label = string.ascii_lowercase.index(value) + 1, self.locale.lettered_label(value)
            elif restype == "x-numbered" and value.isdigit():
                number, label = int(value), self.locale.numbered_label(int(value))
            else:
                self.problem(group.get("resname", "?"), f'the label "{value}" is not a letter a-z or a number',
                             "xliff-structure")
                return None
            return m.LabelledParagraph(restype[2:], label, self.units(group, part), number)
        if restype == "x-list":
            items = tuple(tuple(self.blocks(item, part)) for item in group.findall(f"{_X}group"))
            return m.ListBlock(group.get(f"{UP}ordered") == "yes", int(group.get(f"{UP}start", "1")), items)
        if restype == "x-quote":
            return m.Quote(tuple(self.blocks(group, part)))
        if restype == "x-codeblock":
            return m.CodeBlock(self.units(group, part)[0].text if group.find(f"{_X}trans-unit") is not None else "")
        if restype == "x-table":
            rows = [tuple(m.TableCell(self.units(cell, part), cell.get(f"{UP}align") or None)
                          for cell in row.findall(f"{_X}group")) for row in group.findall(f"{_X}group")]
            header = int(group.get(f"{UP}header", "0"))
            return m.Table(tuple(rows[:header]), tuple(rows[header:]))
        if restype == "x-figure":
            parts = {sub.get("restype"): sub for sub in group.findall(f"{_X}group")}
            caption = self.units(parts["x-caption"], part) if "x-caption" in parts else ()
            alt = _plain(self.units(parts["x-alt"], part)) if "x-alt" in parts else ""
            return m.Figure("", 0, None, "", 0, "", _image(alt, group.get(f"{UP}src", "")), caption)
        if restype == "x-footnote":
            part.notes[group.get("resname", "").removeprefix("note.")] = self.units(group, part)
            return None
        self.problem(group.get("resname", "?"), f'unknown group type "{restype}": the file was not written '
                     "by unpress translate export", "xliff-structure")
        return None

    def part(self, node) -> TranslatedPart:
        part = TranslatedPart(node.get("original"), node.get(f"{UP}kind", ""), node.get(f"{UP}sha256", ""))
        body = node.find(f"{_X}body")
        front = body.find(f"{_X}group[@restype='x-front']") if body is not None else None
        if front is not None:
            part.original = front.get(f"{UP}original")
            for group in front.findall(f"{_X}group"):
                kind = group.get("restype")
                if kind == "x-heading":
                    part.heading = self.units(group, part)
                elif kind == "x-title":
                    part.title.append(self.units(group, part))
                elif kind == "x-signature":
                    lines = {line.get("restype"): _plain(self.units(line, part)) for line in group.findall(f"{_X}group")}
                    part.signatures.append((lines.get("x-signature-name", ""), lines.get("x-signature-title")))
            body.remove(front)
        part.blocks = self.blocks(body, part) if body is not None else []
        return part


def read_translation(path: Path) -> Translation:
    """The translation in `path`; every problem found is in its `problems` (errors refuse it)."""
    problems: list[Problem] = []

    def refuse(message: str, code: str) -> Translation:
        problems.append(Problem(str(path), None, "xliff", message, code))
        return Translation(path, "", "", "", None, [], problems)

    if not path.is_file():
        return refuse("no such file", "missing-path")
    if path.stat().st_size > MAX_BYTES:
        return refuse(f"larger than {MAX_BYTES // 2**20} MB; is it an XLIFF file of one document?", "too-large")
    data = path.read_bytes()
    try:
        tree = etree.fromstring(data, XML_PARSER)
    except etree.XMLSyntaxError as error:
        return refuse(f"not well-formed XML: {error}", "xliff-syntax")
    if tree.getroottree().docinfo.internalDTD is not None or b"<!ENTITY" in data:
        return refuse("declares a DTD or entities, which unpress never reads: export the file again", "xliff-entities")
    if etree.QName(tree).namespace != XLIFF_NS or tree.get("version") != "1.2":
        return refuse("not an XLIFF 1.2 file (unpress translate export writes XLIFF 1.2)", "xliff-version")
    store = xliff.xlifffile.parsestring(data)  # translate-toolkit reads the units, as a CAT tool would
    files = list(store.document.getroot().iterchildren(f"{_X}file"))
    pairs = {(node.get("source-language"), node.get("target-language")) for node in files}
    symbols = {node.get(f"{UP}symbol") for node in files}
    if len(pairs) != 1 or len(symbols) != 1:
        return refuse("its files are not all of one document and one language pair", "xliff-pair")
    (source_lang, target_lang), (symbol,) = pairs.pop(), symbols
    for lang in (source_lang, target_lang):
        if lang not in OFFICIAL_LANGUAGES:
            return refuse(f'"{lang}" is not one of the six official languages ({", ".join(OFFICIAL_LANGUAGES)})',
                          "xliff-pair")
    reader = _Reader(path, get_locale(target_lang))
    title, parts = None, []
    for node in files:
        if node.get("original") == FACTS:
            group = node.find(f"{_X}body/{_X}group[@restype='x-title']")
            scratch = TranslatedPart(FACTS, "facts", "")
            title = reader.units(group, scratch) if group is not None else None
        else:
            parts.append(reader.part(node))
    return Translation(path, symbol, source_lang, target_lang, title, parts, problems + reader.problems)


def _merge_text(inlines: list[m.Inline]) -> list[m.Inline]:
    out: list[m.Inline] = []
    for node in inlines:
        if isinstance(node, m.Text) and out and isinstance(out[-1], m.Text):
            out[-1] = m.Text(out[-1].text + node.text)
        elif not (isinstance(node, m.Text) and not node.text):
            out.append(node)
    return out


def _image(alt: str, source: str) -> m.Image:
    """An image as a translated part names it: only its path, which the part is written with (its
    bytes are read again, and checked, when the translation is built)."""
    return m.Image(alt, m.ImageData("", b"", 0.0, 0.0, source))


def _plain(inlines) -> str:
    return "".join(node.text for node in inlines if isinstance(node, m.Text))
